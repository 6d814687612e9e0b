package io.director.failover.wire;

import io.director.config.model.MemberRole;
import io.director.failover.core.MemberState;
import io.director.failover.core.Role;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.BufferUnderflowException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Byte format of {@link ClusterMessage}s, strict on input: a magic number and version, bounded strings and
 * counts, known enum values, nothing left over. Anything else is a {@link MalformedMessageException}.
 * <pre>
 * int magic 'DIR1' | byte version 1 | byte type (1 state, 2 handover) | str cluster | body
 * state:    str nodeId | int priority | byte memberRole | byte role | bool preemptReady | long term
 *           | opt-str yieldTo | byte n | n x str suspect
 * handover: str from | opt-str to
 * str = unsigned byte length (1..255) + UTF-8; opt-str = byte 0 | byte 1 + str
 * </pre>
 */
public final class ClusterMessageCodec {
    static final int MAGIC = 0x44495231;
    static final int VERSION = 1;
    static final int MAX_SUSPECTS = 64;
    private static final byte STATE = 1;
    private static final byte HANDOVER = 2;

    private ClusterMessageCodec() {}

    public static byte[] encode(ClusterMessage message) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(MAGIC);
            out.writeByte(VERSION);
            if (message instanceof ClusterMessage.StateMessage s) {
                out.writeByte(STATE);
                writeString(out, s.cluster());
                writeState(out, s.state());
            } else if (message instanceof ClusterMessage.HandoverRequest h) {
                out.writeByte(HANDOVER);
                writeString(out, h.cluster());
                writeString(out, h.from());
                writeOptional(out, h.to());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    public static ClusterMessage decode(byte[] payload) throws MalformedMessageException {
        if (payload == null) {
            throw new MalformedMessageException("empty message");
        }
        ByteBuffer in = ByteBuffer.wrap(payload);
        try {
            if (in.getInt() != MAGIC) {
                throw new MalformedMessageException("not a director cluster message (bad magic)");
            }
            int version = in.get() & 0xff;
            if (version != VERSION) {
                throw new MalformedMessageException("unsupported message version " + version);
            }
            byte type = in.get();
            String cluster = readString(in);
            ClusterMessage message;
            if (type == STATE) {
                message = new ClusterMessage.StateMessage(cluster, readState(in));
            } else if (type == HANDOVER) {
                message = new ClusterMessage.HandoverRequest(cluster, readString(in), readOptional(in));
            } else {
                throw new MalformedMessageException("unknown message type " + type);
            }
            if (in.hasRemaining()) {
                throw new MalformedMessageException(in.remaining() + " trailing bytes");
            }
            return message;
        } catch (BufferUnderflowException e) {
            throw new MalformedMessageException("truncated message");
        }
    }

    /** A member's state, as in a state message and in a probe packet. */
    static void writeState(DataOutputStream out, MemberState m) throws IOException {
        writeString(out, m.nodeId());
        out.writeInt(m.priority());
        out.writeByte(m.memberRole().ordinal());
        out.writeByte(m.role().ordinal());
        out.writeBoolean(m.preemptReady());
        out.writeLong(m.term());
        writeOptional(out, m.yieldTo());
        if (m.suspects().size() > MAX_SUSPECTS) {
            throw new IllegalArgumentException("too many suspects: " + m.suspects().size());
        }
        out.writeByte(m.suspects().size());
        for (String suspect : m.suspects()) {
            writeString(out, suspect);
        }
    }

    static MemberState readState(ByteBuffer in) throws MalformedMessageException {
        String nodeId = readString(in);
        int priority = in.getInt();
        MemberRole memberRole = enumValue(MemberRole.values(), in.get(), "member role");
        Role role = enumValue(Role.values(), in.get(), "role");
        boolean preemptReady = readBoolean(in);
        long term = in.getLong();
        if (term < 0) {
            throw new MalformedMessageException("negative term");
        }
        Optional<String> yieldTo = readOptional(in);
        int n = in.get() & 0xff;
        if (n > MAX_SUSPECTS) {
            throw new MalformedMessageException("too many suspects: " + n);
        }
        Set<String> suspects = new HashSet<>();
        for (int i = 0; i < n; i++) {
            suspects.add(readString(in));
        }
        return new MemberState(nodeId, priority, memberRole, role, preemptReady, term, yieldTo, suspects);
    }

    static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        if (b.length == 0 || b.length > 255) {
            throw new IllegalArgumentException("string must be 1..255 bytes: " + s);
        }
        out.writeByte(b.length);
        out.write(b);
    }

    private static void writeOptional(DataOutputStream out, Optional<String> s) throws IOException {
        out.writeBoolean(s.isPresent());
        if (s.isPresent()) {
            writeString(out, s.get());
        }
    }

    static String readString(ByteBuffer in) throws MalformedMessageException {
        int length = in.get() & 0xff;
        if (length == 0) {
            throw new MalformedMessageException("empty string");
        }
        byte[] b = new byte[length];
        in.get(b);
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(b)).toString();
        } catch (CharacterCodingException e) {
            throw new MalformedMessageException("invalid UTF-8 string");
        }
    }

    private static Optional<String> readOptional(ByteBuffer in) throws MalformedMessageException {
        return readBoolean(in) ? Optional.of(readString(in)) : Optional.empty();
    }

    static boolean readBoolean(ByteBuffer in) throws MalformedMessageException {
        byte b = in.get();
        if (b != 0 && b != 1) {
            throw new MalformedMessageException("invalid boolean " + b);
        }
        return b == 1;
    }

    private static <E extends Enum<E>> E enumValue(E[] values, byte ordinal, String what)
            throws MalformedMessageException {
        int i = ordinal & 0xff;
        if (i >= values.length) {
            throw new MalformedMessageException("unknown " + what + " " + i);
        }
        return values[i];
    }
}
