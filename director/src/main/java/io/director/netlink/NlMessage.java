package io.director.netlink;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * One netlink message as received: header fields and the payload after the 16-byte header
 * (for generic netlink that starts with the 4-byte genlmsghdr). A payload taken from a socket's
 * receive buffer is valid until the next receive; {@link #copy()} keeps it.
 */
public record NlMessage(int type, int flags, int seq, int pid, ByteBuffer payload) {

    /** The messages in one datagram, in order; payloads are slices of {@code datagram}. */
    public static List<NlMessage> parseAll(ByteBuffer datagram) {
        List<NlMessage> out = new ArrayList<>();
        ByteBuffer b = datagram.duplicate().order(ByteOrder.nativeOrder());
        while (b.remaining() >= Netlink.NLMSG_HDRLEN) {
            int start = b.position();
            int len = b.getInt(start);
            if (len < Netlink.NLMSG_HDRLEN || len > b.remaining()) {
                throw new IllegalArgumentException("malformed netlink message: length " + len
                        + " with " + b.remaining() + " bytes left");
            }
            out.add(parseAt(b, start, len));
            b.position(Math.min(b.limit(), start + Netlink.align(len)));
        }
        return out;
    }

    private static NlMessage parseAt(ByteBuffer b, int start, int len) {
        int type = b.getShort(start + 4) & 0xffff;
        int flags = b.getShort(start + 6) & 0xffff;
        int seq = b.getInt(start + 8);
        int pid = b.getInt(start + 12);
        ByteBuffer payload = b.duplicate().position(start + Netlink.NLMSG_HDRLEN).limit(start + len)
                .slice().order(ByteOrder.nativeOrder());
        return new NlMessage(type, flags, seq, pid, payload);
    }

    /** The same message with its payload copied to the heap. */
    public NlMessage copy() {
        ByteBuffer c = ByteBuffer.allocate(payload.remaining()).order(ByteOrder.nativeOrder());
        c.put(payload.duplicate()).flip();
        return new NlMessage(type, flags, seq, pid, c);
    }

    /** The attributes after a fixed header of {@code headerLen} bytes (4 for generic netlink). */
    public NlAttributes attributes(int headerLen) {
        ByteBuffer p = payload.duplicate();
        p.position(Math.min(p.limit(), Netlink.align(headerLen)));
        return NlAttributes.parse(p.slice().order(ByteOrder.nativeOrder()));
    }

    /** The generic-netlink command (first byte of the payload). */
    public int genlCommand() {
        return payload.get(0) & 0xff;
    }

    @Override
    public String toString() {
        return "NlMessage[type=" + type + ", flags=0x" + Integer.toHexString(flags) + ", seq=" + seq
                + ", pid=" + pid + ", payload=" + payload.remaining() + " bytes]";
    }
}
