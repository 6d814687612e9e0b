package io.director.failover.wire;

import io.director.failover.core.MemberState;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Byte format of {@link ProbePacket}: int magic 'DRB1' | byte version 4 | str cluster | str nodeId | byte n
 * | n x str | bool state | [state, as in {@link ClusterMessageCodec}] | [32-byte HMAC over all before, when the
 * cluster has a key]. Strings are a length byte (1..255) and UTF-8. Strict on input, like
 * {@link ClusterMessageCodec}; a state of another member than the sender is refused. Version 3 carried no state,
 * version 2 a sequence number and a send time (knocks replaced them); a director that still sends another
 * version is not heard by the probe (the group's own failure detection and messages serve it), so a rolling
 * upgrade loses the fast detection until both run the same version.
 */
public final class ProbeCodec {
    static final int MAGIC = 0x44524231;
    static final int VERSION = 4;
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
            ClusterMessageCodec.writeString(out, packet.cluster());
            ClusterMessageCodec.writeString(out, packet.nodeId());
            out.writeByte(packet.hears().size());
            for (String id : packet.hears()) {
                ClusterMessageCodec.writeString(out, id);
            }
            out.writeBoolean(packet.state().isPresent());
            if (packet.state().isPresent()) {
                ClusterMessageCodec.writeState(out, packet.state().get());
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
            String cluster = ClusterMessageCodec.readString(in);
            String nodeId = ClusterMessageCodec.readString(in);
            int n = in.get() & 0xff;
            if (n > ClusterMessageCodec.MAX_SUSPECTS) {
                throw new MalformedMessageException("too many members: " + n);
            }
            Set<String> hears = new HashSet<>();
            for (int i = 0; i < n; i++) {
                hears.add(ClusterMessageCodec.readString(in));
            }
            Optional<MemberState> state = Optional.empty();
            if (ClusterMessageCodec.readBoolean(in)) {
                state = Optional.of(ClusterMessageCodec.readState(in));
                if (!state.get().nodeId().equals(nodeId)) {
                    throw new MalformedMessageException("probe packet of " + nodeId + " with the state of "
                            + state.get().nodeId());
                }
            }
            if (in.hasRemaining()) {
                throw new MalformedMessageException("trailing bytes in probe packet");
            }
            return new ProbePacket(cluster, nodeId, hears, state);
        } catch (BufferUnderflowException e) {
            throw new MalformedMessageException("truncated probe packet");
        }
    }
}
