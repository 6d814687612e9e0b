package io.director.failover.wire;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Byte format of {@link ProbePacket}: int magic 'DRB1' | byte version 3 | str cluster | str nodeId | byte n
 * | n x str | [32-byte HMAC over all before, when the cluster has a key]. Strings are a length byte (1..255) and
 * UTF-8. Strict on input, like {@link ClusterMessageCodec}. Version 2 also carried a sequence number and a send
 * time (for a detection time that stretched after a peer's stalls; knocks replaced it); a director that still
 * sends another version is not heard by the probe (the group's own failure detection serves it), so a rolling
 * upgrade loses the fast detection until both run the same version.
 */
public final class ProbeCodec {
    static final int MAGIC = 0x44524231;
    static final int VERSION = 3;
    private static final int MAC_LENGTH = 32;
    private final Optional<Function<byte[], byte[]>> mac;

    /** @param mac the keyed MAC function, when the cluster has a key */
    public ProbeCodec(Optional<Function<byte[], byte[]>> mac) {
        this.mac = mac;
    }

    public byte[] encode(ProbePacket packet) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(96);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(MAGIC);
            out.writeByte(VERSION);
            writeString(out, packet.cluster());
            writeString(out, packet.nodeId());
            out.writeByte(packet.hears().size());
            for (String id : packet.hears()) {
                writeString(out, id);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] body = bytes.toByteArray();
        if (mac.isEmpty()) {
            return body;
        }
        byte[] tag = mac.get().apply(body);
        byte[] result = Arrays.copyOf(body, body.length + MAC_LENGTH);
        System.arraycopy(tag, 0, result, body.length, MAC_LENGTH);
        return result;
    }

    public ProbePacket decode(byte[] data, int length) throws MalformedMessageException {
        int bodyLength = length;
        if (mac.isPresent()) {
            if (length < MAC_LENGTH + 4) {
                throw new MalformedMessageException("probe packet too short");
            }
            bodyLength = length - MAC_LENGTH;
            byte[] body = Arrays.copyOf(data, bodyLength);
            byte[] expected = mac.get().apply(body);
            if (!MessageDigest.isEqual(Arrays.copyOf(expected, MAC_LENGTH),
                    Arrays.copyOfRange(data, bodyLength, length))) {
                throw new MalformedMessageException("probe packet with a wrong MAC (no or another cluster key)");
            }
        }
        ByteBuffer in = ByteBuffer.wrap(data, 0, bodyLength);
        try {
            if (in.getInt() != MAGIC) {
                throw new MalformedMessageException("not a director probe packet");
            }
            if (in.get() != VERSION) {
                throw new MalformedMessageException("unsupported probe version");
            }
            String cluster = readString(in);
            String nodeId = readString(in);
            int n = in.get() & 0xff;
            if (n > ClusterMessageCodec.MAX_SUSPECTS) {
                throw new MalformedMessageException("too many members: " + n);
            }
            Set<String> hears = new HashSet<>();
            for (int i = 0; i < n; i++) {
                hears.add(readString(in));
            }
            if (in.hasRemaining()) {
                throw new MalformedMessageException("trailing bytes in probe packet");
            }
            return new ProbePacket(cluster, nodeId, hears);
        } catch (BufferUnderflowException e) {
            throw new MalformedMessageException("truncated probe packet");
        }
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        if (b.length == 0 || b.length > 255) {
            throw new IllegalArgumentException("string must be 1..255 bytes");
        }
        out.writeByte(b.length);
        out.write(b);
    }

    private static String readString(ByteBuffer in) throws MalformedMessageException {
        int length = in.get() & 0xff;
        if (length == 0) {
            throw new MalformedMessageException("empty string");
        }
        byte[] b = new byte[length];
        in.get(b);
        return new String(b, StandardCharsets.UTF_8);
    }
}
