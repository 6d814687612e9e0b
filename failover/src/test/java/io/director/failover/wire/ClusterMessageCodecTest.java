package io.director.failover.wire;

import io.director.config.model.MemberRole;
import io.director.failover.core.MemberState;
import io.director.failover.core.Role;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClusterMessageCodecTest {

    @Provide
    Arbitrary<ClusterMessage> messages() {
        Arbitrary<String> ids = Arbitraries.strings().ofMinLength(1).ofMaxLength(20).alpha().numeric();
        Arbitrary<MemberState> states = Combinators.combine(ids, Arbitraries.integers(),
                        Arbitraries.of(MemberRole.class), Arbitraries.of(Role.class), Arbitraries.of(true, false),
                        Arbitraries.longs().greaterOrEqual(0), ids.optional(), ids.set().ofMaxSize(5))
                .as(MemberState::new);
        Arbitrary<ClusterMessage> state = Combinators.combine(ids, states).as(ClusterMessage.StateMessage::new);
        Arbitrary<ClusterMessage> handover = Combinators.combine(ids, ids, ids.optional())
                .as(ClusterMessage.HandoverRequest::new);
        return Arbitraries.oneOf(state, handover);
    }

    @Property
    void roundTrips(@ForAll("messages") ClusterMessage message) throws Exception {
        assertThat(ClusterMessageCodec.decode(ClusterMessageCodec.encode(message))).isEqualTo(message);
    }

    @Property(tries = 2000)
    void randomBytesNeverEscapeAsAnythingButMalformed(@ForAll @Size(max = 300) byte[] junk) {
        try {
            ClusterMessageCodec.decode(junk);
        } catch (MalformedMessageException expected) {
            // dropped with a reason
        }
    }

    @Property(tries = 2000)
    void corruptedMessagesAreRejectedOrDecodeToSomethingWellFormed(
            @ForAll("messages") ClusterMessage message, @ForAll byte noise, @ForAll int position, @ForAll int cut) {
        byte[] bytes = ClusterMessageCodec.encode(message);
        bytes[Math.floorMod(position, bytes.length)] ^= (byte) (noise | 1);
        byte[] truncated = Arrays.copyOf(bytes, Math.floorMod(cut, bytes.length + 1));
        for (byte[] candidate : new byte[][] {bytes, truncated}) {
            try {
                ClusterMessage decoded = ClusterMessageCodec.decode(candidate);
                assertThat(decoded.cluster()).isNotEmpty();
            } catch (MalformedMessageException expected) {
                // dropped with a reason
            }
        }
    }

    @Test
    void rejectsTrailingBytesUnknownTypesAndBadMagic() {
        byte[] ok = ClusterMessageCodec.encode(new ClusterMessage.HandoverRequest("c", "d1", Optional.empty()));
        byte[] trailing = Arrays.copyOf(ok, ok.length + 1);
        assertThatThrownBy(() -> ClusterMessageCodec.decode(trailing)).hasMessageContaining("trailing");
        byte[] type = ok.clone();
        type[5] = 9;
        assertThatThrownBy(() -> ClusterMessageCodec.decode(type)).hasMessageContaining("unknown message type");
        byte[] magic = ok.clone();
        magic[0] = 0;
        assertThatThrownBy(() -> ClusterMessageCodec.decode(magic)).hasMessageContaining("magic");
        assertThatThrownBy(() -> ClusterMessageCodec.decode(new byte[0])).hasMessageContaining("truncated");
        assertThatThrownBy(() -> ClusterMessageCodec.decode(null)).isInstanceOf(MalformedMessageException.class);
    }

    @Test
    void probePacketsRoundTripAndWrongMacIsRejected() throws Exception {
        ProbeCodec keyed = new ProbeCodec(Optional.of(b -> mac(b, (byte) 1)));
        ProbeCodec otherKey = new ProbeCodec(Optional.of(b -> mac(b, (byte) 2)));
        ProbePacket p = new ProbePacket("c", "d1", Set.of("d2", "w"), Optional.of(new MemberState("d1", 150,
                MemberRole.DIRECTOR, Role.MASTER, true, 7, Optional.empty(), Set.of("w"))));
        byte[] bytes = keyed.encode(p);
        assertThat(keyed.decode(bytes, bytes.length)).isEqualTo(p);
        assertThatThrownBy(() -> otherKey.decode(bytes, bytes.length)).hasMessageContaining("MAC");
        ProbeCodec plain = new ProbeCodec(Optional.empty());
        byte[] plainBytes = plain.encode(p);
        assertThat(plain.decode(plainBytes, plainBytes.length)).isEqualTo(p);
        assertThatThrownBy(() -> keyed.decode(plainBytes, plainBytes.length)).isInstanceOf(MalformedMessageException.class);
        byte[] versionThree = plainBytes.clone();
        versionThree[4] = 3; // another layout: refused, not misread
        assertThatThrownBy(() -> plain.decode(versionThree, versionThree.length)).hasMessageContaining("unsupported probe version");
        ProbePacket starting = new ProbePacket("c", "d1", Set.of(), Optional.empty());
        byte[] noState = plain.encode(starting);
        assertThat(plain.decode(noState, noState.length)).isEqualTo(starting);
    }

    @Test
    void aProbePacketCarryingAnotherMembersStateIsRefused() {
        ProbeCodec plain = new ProbeCodec(Optional.empty());
        byte[] forged = plain.encode(new ProbePacket("c", "d1", Set.of(), Optional.of(new MemberState("d2", 100,
                MemberRole.DIRECTOR, Role.MASTER, true, 9, Optional.empty(), Set.of()))));
        assertThatThrownBy(() -> plain.decode(forged, forged.length)).hasMessageContaining("with the state of d2");
    }

    @Property(tries = 2000)
    void corruptedProbePacketsAreRejectedOrDecodeToSomethingWellFormed(
            @ForAll("messages") ClusterMessage message, @ForAll byte noise, @ForAll int position, @ForAll int cut) {
        Optional<MemberState> state = message instanceof ClusterMessage.StateMessage m ? Optional.of(m.state()) : Optional.empty();
        String sender = state.map(MemberState::nodeId).orElse("d1");
        ProbeCodec plain = new ProbeCodec(Optional.empty());
        byte[] bytes = plain.encode(new ProbePacket(message.cluster(), sender, Set.of("d2"), state));
        bytes[Math.floorMod(position, bytes.length)] ^= (byte) (noise | 1);
        byte[] truncated = Arrays.copyOf(bytes, Math.floorMod(cut, bytes.length + 1));
        for (byte[] candidate : new byte[][] {bytes, truncated}) {
            try {
                ProbePacket decoded = plain.decode(candidate, candidate.length);
                assertThat(decoded.nodeId()).isNotEmpty();
                decoded.state().ifPresent(s -> assertThat(s.nodeId()).isEqualTo(decoded.nodeId()));
            } catch (MalformedMessageException expected) {
                // dropped with a reason
            }
        }
    }

    @Property(tries = 1000)
    void randomProbeBytesAreRejectedCleanly(@ForAll @Size(max = 200) byte[] junk) {
        try {
            new ProbeCodec(Optional.empty()).decode(junk, junk.length);
        } catch (MalformedMessageException expected) {
            // dropped with a reason
        }
    }

    private static byte[] mac(byte[] data, byte key) {
        byte[] out = new byte[32];
        for (int i = 0; i < data.length; i++) {
            out[i % 32] ^= (byte) (data[i] + key);
        }
        return out;
    }
}
