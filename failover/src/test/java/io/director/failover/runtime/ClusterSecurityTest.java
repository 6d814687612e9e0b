package io.director.failover.runtime;

import io.director.config.model.ClusterConfig;
import io.director.config.model.MemberRole;
import io.director.failover.core.MemberState;
import io.director.failover.core.Role;
import io.director.failover.jgroups.StackBuilder;
import io.director.failover.wire.ClusterMessage;
import io.director.failover.wire.ClusterMessageCodec;
import org.jgroups.BytesMessage;
import org.jgroups.JChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ClusterSecurityTest {
    private static final Duration SETTLE = Duration.ofSeconds(20);
    private TestCluster cluster;
    private JChannel intruder;

    @AfterEach
    void tearDown() {
        if (intruder != null) {
            intruder.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void memberWithAnotherKeyCannotJoinNorChangeTheMaster(@TempDir Path dir) throws Exception {
        Path key = Files.writeString(dir.resolve("cluster.key"), "correct horse battery staple\n");
        Path wrong = Files.writeString(dir.resolve("wrong.key"), "some other secret of enough length\n");
        cluster = new TestCluster("t-key", "d1", "d2", "x");
        cluster.start("d1", cluster.config("d1", 150, true, MemberRole.DIRECTOR, Optional.of(key)));
        cluster.start("d2", cluster.config("d2", 100, true, MemberRole.DIRECTOR, Optional.of(key)));
        cluster.awaitOnlyMaster("d1", SETTLE);

        // the intruder has the highest priority and preempt: it would take over if it could join
        FailoverNode x = cluster.start("x", cluster.config("x", 250, true, MemberRole.DIRECTOR, Optional.of(wrong)));
        Conditions.await(SETTLE, () -> x.role() == Role.BACKUP, cluster::describe);
        assertThat(x.view().members()).extracting(ClusterView.Member::nodeId).containsExactly("x");
        assertThat(x.view().reason()).contains("no majority");
        assertThat(cluster.ports.get("x").operations).doesNotContain("acquire");
        assertThat(cluster.node("d1").view().members()).extracting(ClusterView.Member::nodeId)
                .containsExactlyInAnyOrder("d1", "d2");
        assertThat(cluster.node("d1").role()).isEqualTo(Role.MASTER);
        assertThat(cluster.ports.get("d1").held()).isTrue();
    }

    @Test
    void malformedSpoofedAndForeignMessagesAreDroppedWithoutHarm() throws Exception {
        cluster = new TestCluster("t-junk", "d1", "d2", "x");
        cluster.start("d1", 150, true);
        cluster.start("d2", 100, true);
        cluster.awaitOnlyMaster("d1", SETTLE);

        // a member with the right stack but no director behind it: it sends garbage
        ClusterConfig xc = cluster.config("x", 0, true, MemberRole.DIRECTOR, Optional.empty());
        intruder = new JChannel(StackBuilder.build(xc, Optional.empty())).name("x");
        intruder.connect("t-junk");
        Conditions.await(SETTLE, () -> intruder.getView().size() == 3, () -> "intruder view " + intruder.getView());
        Random random = new Random(7);
        // mutations of a state spoofing d2: each is malformed, spoofed (not x's own id) or foreign
        byte[] valid = ClusterMessageCodec.encode(new ClusterMessage.StateMessage("t-junk",
                new MemberState("d2", 999, MemberRole.DIRECTOR, Role.MASTER, true, 99, Optional.empty(), Set.of())));
        for (int i = 0; i < 300; i++) {
            byte[] junk = new byte[random.nextInt(120)];
            random.nextBytes(junk);
            intruder.send(new BytesMessage(null, junk));
            byte[] mutated = valid.clone();
            mutated[random.nextInt(mutated.length)] ^= (byte) (1 + random.nextInt(255));
            intruder.send(new BytesMessage(null, Arrays.copyOf(mutated, random.nextInt(mutated.length + 1))));
        }
        intruder.send(new BytesMessage(null, new byte[0]));
        // spoofed: claims to be d2; foreign: another cluster's name
        intruder.send(new BytesMessage(null, ClusterMessageCodec.encode(new ClusterMessage.StateMessage("t-junk",
                new MemberState("d2", 999, MemberRole.DIRECTOR, Role.MASTER, true, 99, Optional.empty(), Set.of())))));
        intruder.send(new BytesMessage(null, ClusterMessageCodec.encode(new ClusterMessage.StateMessage("other",
                new MemberState("x", 999, MemberRole.DIRECTOR, Role.MASTER, true, 99, Optional.empty(), Set.of())))));

        // both controllers still work: a handover round trip succeeds and d1 is master again
        HandoverResult away = cluster.node("d1").handover(Optional.of("d2")).get();
        assertThat(away.succeeded()).as(away.detail()).isTrue();
        HandoverResult back = cluster.node("d2").handover(Optional.of("d1")).get();
        assertThat(back.succeeded()).as(back.detail()).isTrue();
        Conditions.await(SETTLE, () -> cluster.masters().equals(List.of("d1")) && cluster.holders().equals(List.of("d1")),
                cluster::describe);
        assertThat(cluster.node("d1").view().members()).extracting(ClusterView.Member::nodeId)
                .doesNotContain("x");
    }

    @Test
    void shortKeyFileIsAClearError(@TempDir Path dir) throws Exception {
        Path key = Files.write(dir.resolve("short.key"), "abc".getBytes(StandardCharsets.US_ASCII));
        cluster = new TestCluster("t-short", "d1");
        ClusterConfig config = cluster.config("d1", 1, true, MemberRole.DIRECTOR, Optional.of(key));
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> new FailoverNode(config, "d1", new RecordingPorts("d1").ports(), Ticker.system()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("too short");
    }
}
