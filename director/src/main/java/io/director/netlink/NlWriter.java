package io.director.netlink;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Builds netlink messages into one reusable, growing direct buffer in native byte order. Several
 * messages may be written back to back and sent in one datagram. Usage:
 * <pre>
 *   int m = w.beginMessage(type, flags, seq);
 *   w.genlHeader(cmd, version);            // or writeU8/writeU32... for a fixed header
 *   int n = w.beginNested(ATTR);  w.putU32(SUB, 1);  w.endNested(n);
 *   w.endMessage(m);
 *   socket.send(w.messages());
 * </pre>
 */
public final class NlWriter {
    private ByteBuffer buf;

    public NlWriter(int initialCapacity) {
        buf = ByteBuffer.allocateDirect(Math.max(64, initialCapacity)).order(ByteOrder.nativeOrder());
    }

    public NlWriter() {
        this(8192);
    }

    /** Forgets everything written; the buffer is kept for reuse. */
    public NlWriter clear() {
        buf.clear();
        return this;
    }

    /** Bytes written so far. */
    public int size() {
        return buf.position();
    }

    /** A view of the written messages, from 0 to {@link #size()}. */
    public ByteBuffer messages() {
        return buf.duplicate().flip().order(ByteOrder.nativeOrder());
    }

    private void ensure(int more) {
        if (buf.remaining() >= more) {
            return;
        }
        int cap = buf.capacity();
        while (cap - buf.position() < more) {
            cap *= 2;
        }
        ByteBuffer bigger = ByteBuffer.allocateDirect(cap).order(ByteOrder.nativeOrder());
        bigger.put(buf.flip());
        buf = bigger;
    }

    private void pad() {
        int p = buf.position();
        int aligned = Netlink.align(p);
        ensure(aligned - p);
        while (buf.position() < aligned) {
            buf.put((byte) 0);
        }
    }

    /** Starts a message; returns its offset for {@link #endMessage(int)}. */
    public int beginMessage(int type, int flags, int seq) {
        pad();
        ensure(Netlink.NLMSG_HDRLEN);
        int start = buf.position();
        buf.putInt(0).putShort((short) type).putShort((short) flags).putInt(seq).putInt(0);
        return start;
    }

    /** Sets the message length; pads to alignment. */
    public void endMessage(int start) {
        pad();
        buf.putInt(start, buf.position() - start);
    }

    /** The 4-byte generic-netlink header. */
    public NlWriter genlHeader(int cmd, int version) {
        ensure(4);
        buf.put((byte) cmd).put((byte) version).putShort((short) 0);
        return this;
    }

    // Raw writes for fixed headers (ifaddrmsg, ifinfomsg, ...), unpadded.

    public NlWriter writeU8(int v) {
        ensure(1);
        buf.put((byte) v);
        return this;
    }

    public NlWriter writeU16(int v) {
        ensure(2);
        buf.putShort((short) v);
        return this;
    }

    public NlWriter writeU32(int v) {
        ensure(4);
        buf.putInt(v);
        return this;
    }

    public NlWriter writeBytes(byte[] v) {
        ensure(v.length);
        buf.put(v);
        return this;
    }

    // Attributes.

    private void attrHeader(int type, int valueLen) {
        pad();
        ensure(Netlink.NLA_HDRLEN + valueLen + 3);
        buf.putShort((short) (Netlink.NLA_HDRLEN + valueLen)).putShort((short) type);
    }

    public NlWriter putU8(int type, int v) {
        attrHeader(type, 1);
        buf.put((byte) v);
        return this;
    }

    public NlWriter putU16(int type, int v) {
        attrHeader(type, 2);
        buf.putShort((short) v);
        return this;
    }

    /** A 16-bit value in network byte order (ports). */
    public NlWriter putBe16(int type, int v) {
        attrHeader(type, 2);
        buf.put((byte) (v >>> 8)).put((byte) v);
        return this;
    }

    public NlWriter putU32(int type, int v) {
        attrHeader(type, 4);
        buf.putInt(v);
        return this;
    }

    /** A 32-bit value in network byte order. */
    public NlWriter putBe32(int type, int v) {
        attrHeader(type, 4);
        buf.put((byte) (v >>> 24)).put((byte) (v >>> 16)).put((byte) (v >>> 8)).put((byte) v);
        return this;
    }

    public NlWriter putU64(int type, long v) {
        attrHeader(type, 8);
        buf.putLong(v);
        return this;
    }

    /** A NUL-terminated string. */
    public NlWriter putString(int type, String v) {
        byte[] b = v.getBytes(StandardCharsets.UTF_8);
        attrHeader(type, b.length + 1);
        buf.put(b).put((byte) 0);
        return this;
    }

    public NlWriter putBytes(int type, byte[] v) {
        attrHeader(type, v.length);
        buf.put(v);
        return this;
    }

    /** An address's bytes zero-padded to {@code len} (IPVS wants 16 bytes for either family). */
    public NlWriter putAddress(int type, InetAddress a, int len) {
        byte[] raw = a.getAddress();
        attrHeader(type, len);
        buf.put(raw, 0, Math.min(raw.length, len));
        for (int i = raw.length; i < len; i++) {
            buf.put((byte) 0);
        }
        return this;
    }

    /** A zero-length attribute (a flag). */
    public NlWriter putFlag(int type) {
        attrHeader(type, 0);
        return this;
    }

    /** Starts a nested attribute; returns its offset for {@link #endNested(int)}. */
    public int beginNested(int type) {
        attrHeader(type | Netlink.NLA_F_NESTED, 0);
        return buf.position() - Netlink.NLA_HDRLEN;
    }

    public void endNested(int start) {
        buf.putShort(start, (short) (buf.position() - start));
    }
}
