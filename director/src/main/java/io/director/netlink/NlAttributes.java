package io.director.netlink;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A parsed list of netlink attributes (type-length-value, 4-byte aligned, native byte order).
 * Lookups by type return the last attribute of that type; {@link #all()} keeps repeats in order.
 * Accessors of a missing attribute throw {@link IllegalArgumentException} naming the type.
 */
public final class NlAttributes {

    /** One attribute: its type without the nested/byte-order bits, and its value bytes. */
    public record Attr(int type, boolean nested, ByteBuffer value) {}

    private final List<Attr> attrs;

    private NlAttributes(List<Attr> attrs) {
        this.attrs = attrs;
    }

    /** Parses attributes from {@code buf}'s position to its limit; a truncated tail is an error. */
    public static NlAttributes parse(ByteBuffer buf) {
        ByteBuffer b = buf.duplicate().order(ByteOrder.nativeOrder());
        List<Attr> out = new ArrayList<>();
        while (b.remaining() >= Netlink.NLA_HDRLEN) {
            int start = b.position();
            int len = b.getShort(start) & 0xffff;
            int rawType = b.getShort(start + 2) & 0xffff;
            if (len < Netlink.NLA_HDRLEN || len > b.remaining()) {
                throw new IllegalArgumentException("malformed netlink attribute: type " + rawType
                        + " length " + len + " with " + b.remaining() + " bytes left");
            }
            ByteBuffer value = b.duplicate().position(start + Netlink.NLA_HDRLEN).limit(start + len)
                    .slice().order(ByteOrder.nativeOrder());
            out.add(new Attr(rawType & Netlink.NLA_TYPE_MASK, (rawType & Netlink.NLA_F_NESTED) != 0, value));
            b.position(Math.min(b.limit(), start + Netlink.align(len)));
        }
        return new NlAttributes(out);
    }

    public List<Attr> all() {
        return Collections.unmodifiableList(attrs);
    }

    public boolean has(int type) {
        return find(type) != null;
    }

    /** The value of the last attribute of {@code type}, or null. */
    public ByteBuffer find(int type) {
        for (int i = attrs.size() - 1; i >= 0; i--) {
            if (attrs.get(i).type() == type) {
                return attrs.get(i).value().duplicate().order(ByteOrder.nativeOrder());
            }
        }
        return null;
    }

    private ByteBuffer need(int type, int minLen) {
        ByteBuffer v = find(type);
        if (v == null) {
            throw new IllegalArgumentException("netlink attribute " + type + " missing");
        }
        if (v.remaining() < minLen) {
            throw new IllegalArgumentException("netlink attribute " + type + " has " + v.remaining()
                    + " bytes, expected " + minLen);
        }
        return v;
    }

    public int u8(int type) {
        return need(type, 1).get(0) & 0xff;
    }

    public int u16(int type) {
        return need(type, 2).getShort(0) & 0xffff;
    }

    /** A 16-bit value in network byte order (ports). */
    public int be16(int type) {
        return need(type, 2).order(ByteOrder.BIG_ENDIAN).getShort(0) & 0xffff;
    }

    public int u32(int type) {
        return need(type, 4).getInt(0);
    }

    /** A 32-bit value in network byte order. */
    public int be32(int type) {
        return need(type, 4).order(ByteOrder.BIG_ENDIAN).getInt(0);
    }

    public long u64(int type) {
        return need(type, 8).getLong(0);
    }

    public int u8(int type, int dflt) {
        return has(type) ? u8(type) : dflt;
    }

    public int u16(int type, int dflt) {
        return has(type) ? u16(type) : dflt;
    }

    public int be16(int type, int dflt) {
        return has(type) ? be16(type) : dflt;
    }

    public int u32(int type, int dflt) {
        return has(type) ? u32(type) : dflt;
    }

    public long u64(int type, long dflt) {
        return has(type) ? u64(type) : dflt;
    }

    /** A NUL-terminated (or not) string. */
    public String string(int type) {
        ByteBuffer v = need(type, 0);
        byte[] bytes = new byte[v.remaining()];
        v.get(bytes);
        int n = 0;
        while (n < bytes.length && bytes[n] != 0) {
            n++;
        }
        return new String(bytes, 0, n, StandardCharsets.UTF_8);
    }

    public String string(int type, String dflt) {
        return has(type) ? string(type) : dflt;
    }

    public byte[] bytes(int type) {
        ByteBuffer v = need(type, 0);
        byte[] bytes = new byte[v.remaining()];
        v.get(bytes);
        return bytes;
    }

    /** An address of {@code len} bytes (4 or 16) taken from the start of the attribute's value. */
    public InetAddress address(int type, int len) {
        ByteBuffer v = need(type, len);
        byte[] bytes = new byte[len];
        v.get(bytes);
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("bad address length " + len, e);
        }
    }

    public NlAttributes nested(int type) {
        return parse(need(type, 0));
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("NlAttributes[");
        for (Attr a : attrs) {
            sb.append(a.type()).append(a.nested() ? "(nested)" : "").append(':').append(a.value().remaining()).append(' ');
        }
        return sb.append(']').toString();
    }
}
