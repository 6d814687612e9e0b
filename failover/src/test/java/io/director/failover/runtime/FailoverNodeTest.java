package io.director.failover.runtime;

import io.director.config.model.MemberRole;
import io.director.failover.core.Role;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class FailoverNodeTest {
    private static final Duration SETTLE = Duration.ofSeconds(15);
    private TestCluster cluster;

    @AfterEach
    void tearDown() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void twoDirectorsElectExactlyOneMasterThenFailOverWhenItCrashes() throws Exception {
        cluster = new TestCluster("t-crash", "d1", "d2");
        cluster.start("d1", 150, true);
        cluster.start("d2", 100, true);
        cluster.awaitOnlyMaster("d1", SETTLE);
        assertThat(cluster.ports.get("d2").operations).doesNotContain("acquire");
        assertThat(cluster.node("d2").role()).isEqualTo(Role.BACKUP);

        long start = System.nanoTime();
        cluster.crash("d1");
        Conditions.await(SETTLE, () -> cluster.ports.get("d2").held(), cluster::describe);
        long nanos = cluster.ports.get("d2").lastAcquireNanos - start;
        cluster.awaitOnlyMaster("d2", SETTLE);
        System.out.printf("crash detected and taken over in %d ms%n", nanos / 1_000_000);
    }

    @Test
    void startingMemberReleasesLeftoverVipsAndWaitsBeforeTakingThem() throws Exception {
        cluster = new TestCluster("t-start", "d1", "d2");
        FailoverNode d1 = cluster.start("d1", 100, true);
        assertThat(cluster.ports.get("d1").operations).startsWith("release", "sync-backup");
        cluster.awaitOnlyMaster("d1", SETTLE);
        assertThat(cluster.ports.get("d1").transitions).startsWith("INIT->MASTER");
        assertThat(d1.view().members()).hasSize(1);
    }

    @Test
    void closingMasterHandsOverBeforeReleasing() throws Exception {
        cluster = new TestCluster("t-close", "d1", "d2");
        cluster.start("d1", 150, true);
        cluster.start("d2", 100, true);
        cluster.awaitOnlyMaster("d1", SETTLE);
        RecordingPorts d1 = cluster.ports.get("d1");
        cluster.close("d1");
        assertThat(cluster.ports.get("d2").held()).isTrue();
        assertThat(d1.held()).isFalse();
        assertThat(d1.transitions).endsWith("MASTER->BACKUP", "BACKUP->STOPPED");
        cluster.awaitOnlyMaster("d2", SETTLE);
    }

    @Test
    void higherPriorityPreemptsWhenItReturns() throws Exception {
        cluster = new TestCluster("t-preempt", "d1", "d2");
        cluster.start("d2", 100, true);
        cluster.awaitOnlyMaster("d2", SETTLE);
        cluster.start("d1", 150, true);
        cluster.awaitOnlyMaster("d1", SETTLE);
        assertThat(cluster.ports.get("d2").transitions).endsWith("MASTER->BACKUP");
    }

    @Test
    void withoutPreemptTheHealthyMasterStays() throws Exception {
        cluster = new TestCluster("t-nopreempt", "d1", "d2");
        cluster.start("d2", 100, false);
        cluster.awaitOnlyMaster("d2", SETTLE);
        cluster.start("d1", 150, false);
        Conditions.await(SETTLE, () -> cluster.node("d1").role() == Role.BACKUP, cluster::describe);
        cluster.awaitOnlyMaster("d2", SETTLE);
        assertThat(cluster.ports.get("d1").operations).doesNotContain("acquire");
    }

    @Test
    void gracefulHandoverAndBackAskedFromTheBackup() throws Exception {
        cluster = new TestCluster("t-handover", "d1", "d2");
        cluster.start("d1", 150, true);
        cluster.start("d2", 100, true);
        cluster.awaitOnlyMaster("d1", SETTLE);

        HandoverResult away = cluster.node("d1").handover(Optional.empty()).get();
        assertThat(away.succeeded()).as("%s %s", away.detail(), cluster.describe()).isTrue();
        assertThat(away.newMaster()).contains("d2");
        cluster.awaitOnlyMaster("d2", SETTLE);
        // make before break: d2 acquired before d1 released
        assertThat(cluster.ports.get("d1").operations).endsWith("release", "sync-backup");

        HandoverResult back = cluster.node("d1").handover(Optional.of("d1")).get();
        assertThat(back.succeeded()).as("%s %s", back.detail(), cluster.describe()).isTrue();
        assertThat(back.newMaster()).contains("d1");
        cluster.awaitOnlyMaster("d1", SETTLE);
        System.out.printf("handover: takeover %s total %s; back: takeover %s total %s%n",
                away.takeover().orElseThrow().toMillis(), away.total().toMillis(),
                back.takeover().orElseThrow().toMillis(), back.total().toMillis());
    }

    @Test
    void handoverToUnknownMemberFailsAndKeepsTheMaster() throws Exception {
        cluster = new TestCluster("t-handover-bad", "d1", "d2");
        cluster.start("d1", 150, true);
        cluster.start("d2", 100, true);
        cluster.awaitOnlyMaster("d1", SETTLE);
        HandoverResult r = cluster.node("d1").handover(Optional.of("nobody")).get();
        assertThat(r.succeeded()).isFalse();
        assertThat(r.detail()).contains("nobody");
        cluster.awaitOnlyMaster("d1", SETTLE);
    }

    @Test
    void faultGivesUpMastershipAndRecoveryPreempts() throws Exception {
        cluster = new TestCluster("t-fault", "d1", "d2");
        cluster.start("d1", 150, true);
        cluster.start("d2", 100, true);
        cluster.awaitOnlyMaster("d1", SETTLE);
        cluster.ports.get("d1").fault.set(Optional.of("eth0 down"));
        cluster.awaitOnlyMaster("d2", SETTLE);
        assertThat(cluster.node("d1").role()).isEqualTo(Role.FAULT);
        cluster.ports.get("d1").fault.set(Optional.empty());
        cluster.awaitOnlyMaster("d1", SETTLE);
    }

    @Test
    void witnessGivesTheMajorityAndACutOffDirectorReleases() throws Exception {
        cluster = new TestCluster("t-witness", "d1", "d2", "w");
        cluster.start("w", cluster.config("w", 0, true, MemberRole.WITNESS, Optional.empty()));
        cluster.start("d1", 150, true);
        cluster.start("d2", 100, true);
        cluster.awaitOnlyMaster("d1", SETTLE);
        assertThat(cluster.node("w").role()).isEqualTo(Role.WITNESS);

        cluster.crash("d2");
        cluster.crash("w");
        // d1 alone is 1 of 3: it must give the VIPs up
        // the VIPs go first, the role is published after: wait for both
        Conditions.await(SETTLE, () -> !cluster.ports.get("d1").held() && cluster.node("d1").role() == Role.BACKUP,
                cluster::describe);
        assertThat(cluster.node("d1").view().reason()).contains("no majority");
    }

    @Test
    void witnessAndBackupTakeOverFromACrashedMaster() throws Exception {
        cluster = new TestCluster("t-witness-crash", "d1", "d2", "w");
        cluster.start("w", cluster.config("w", 0, true, MemberRole.WITNESS, Optional.empty()));
        cluster.start("d1", 150, true);
        cluster.start("d2", 100, true);
        cluster.awaitOnlyMaster("d1", SETTLE);
        long start = System.nanoTime();
        cluster.crash("d1");
        Conditions.await(SETTLE, () -> cluster.ports.get("d2").held(), cluster::describe);
        long nanos = cluster.ports.get("d2").lastAcquireNanos - start;
        cluster.awaitOnlyMaster("d2", SETTLE);
        System.out.printf("3 members: crash taken over in %d ms%n", nanos / 1_000_000);
    }
}
