package io.director.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Connection sync in both directions, against the kernel's IPVS sync daemons: long-lived keep-alive connections
 * through the VIP survive a failover to d2 and the failback to d1, including the ones first opened while d2 was
 * master (keepalived, which switches the daemons' roles at transitions, breaks those at the failback).
 */
@Tag("long") // 4-7 minutes: beyond CI's 30 minutes with the rest; see the pom's lab.excludedGroups
@LabTest(realServers = 2)
class ConnectionSyncLabTest {
    static final Duration START = Duration.ofSeconds(180);
    static final Duration MOVE = Duration.ofSeconds(30);
    static final int CONNECTIONS = 200;
    /** A request on each held connection every second: 400 connections are 400 requests a second in the guest. */
    static final Duration REQUEST_INTERVAL = Duration.ofSeconds(1);

    Lab lab;
    Directors directors;
    FailoverChecks checks;
    ConnectionHolder first;
    ConnectionHolder second;

    @BeforeEach
    void setUp(Lab lab) {
        this.lab = lab;
        this.directors = new Directors(lab);
        this.checks = new FailoverChecks(lab, directors, MOVE);
    }

    @AfterEach
    void tearDown() {
        for (ConnectionHolder h : new ConnectionHolder[] {first, second}) {
            if (h != null) {
                h.stop();
            }
        }
        checks.finish("sync");
        directors.close();
        lab.healLink("d1");
    }

    @Test
    void connectionsOpenedOnEitherDirectorSurviveAFailoverAndTheFailback() {
        List<String> members = List.of("d1", "d2");
        // d1 returns with a preempt delay: time to receive d2's connections before it takes them over
        directors.write("d1", directors.config(FailoverChecks.member("d1", 150).with("cluster.preempt-delay = 30s"),
                members, service()));
        directors.write("d2", directors.config(FailoverChecks.member("d2", 100), members, service()));
        directors.start("d1");
        directors.start("d2");
        directors.awaitRole("d1", "MASTER", START);
        directors.awaitRole("d2", "BACKUP", START);
        for (String node : members) {
            String daemons = lab.host(node).run("ipvsadm -L --daemon").assertSuccess().stdout();
            assertThat(daemons).as("sync daemons on " + node).contains("master sync daemon").contains("backup sync daemon");
        }
        checks.startProbe();
        checks.awaitSettled("d1", "at start");

        // connections opened through d1 exist on d2 before the failover
        first = lab.holdConnections(CONNECTIONS, REQUEST_INTERVAL);
        Lab.await(MOVE, FailoverChecks.POLL, "d2 to hold the " + CONNECTIONS + " connections synced from d1", () -> established("d2") >= CONNECTIONS);
        System.out.printf("before the failover: d1 has %d established connections, d2 (backup) %d%n", established("d1"), established("d2"));

        // failover: d1's JVM dies and its link goes (its kernel keeps the VIP, so it must be cut off)
        directors.kill9("d1");
        lab.cutLink("d1");
        long failoverAt = lab.guestUptimeMillis();
        directors.awaitRole("d2", "MASTER", MOVE);
        Lab.await(MOVE, FailoverChecks.POLL, "d2 holding both VIPs and the client's neighbour entry pointing to it", () -> {
            VipOwnership now = checks.ownership();
            return now.holdsBoth("d2") && now.neighbourMac().equals(checks.mac("d2"));
        });
        checks.awaitTrafficAfter(failoverAt, "the failover");
        awaitEveryConnectionAnswers(first, "the first connections through d2");
        assertThat(first.snapshot().resets()).as("first connections reset by the failover: %s", first.snapshot().lines()).isZero();

        // connections first opened while d2 is master and d1 is down
        second = lab.holdConnections(CONNECTIONS, REQUEST_INTERVAL);

        // failback: d1 comes back, receives d2's connections as backup, then preempts after its delay
        lab.healLink("d1");
        directors.start("d1");
        directors.awaitRole("d1", "BACKUP", START);
        Lab.await(MOVE, FailoverChecks.POLL, "d1 to hold both sets of connections, synced from d2", () -> established("d1") >= 2 * CONNECTIONS);
        System.out.printf("before the failback: d1 (backup) has %d established connections, d2 %d%n", established("d1"), established("d2"));
        directors.awaitRole("d1", "MASTER", Duration.ofSeconds(90));
        long failbackAt = lab.guestUptimeMillis();
        checks.awaitSettled("d1", "after the failback");
        checks.awaitTrafficAfter(failbackAt, "the failback");
        awaitEveryConnectionAnswers(first, "the first connections through d1 again");
        awaitEveryConnectionAnswers(second, "the connections opened on d2, now through d1");
        checks.assertOneOwnerWhileSettled("d1");

        long end = lab.guestUptimeMillis();
        int firstResets = first.stop();
        int secondResets = second.stop();
        System.out.printf("connection sync: %d connections opened on d1 and %d opened on d2; resets %d and %d;"
                        + " requests %d and %d; client probe gap at the failover %d ms, at the failback %d ms%n",
                CONNECTIONS, CONNECTIONS, firstResets, secondResets, first.report().requests(), second.report().requests(),
                checks.probe().snapshot().gapAroundGuestUptime(failoverAt).toMillis(),
                checks.longestGapBetween(failbackAt - 5000, Math.min(end, failbackAt + 5000)));
        assertThat(firstResets).as("connections opened on d1 reset across failover and failback: %s", first.report().lines()).isZero();
        assertThat(secondResets).as("connections opened on d2 reset by the failback: %s", second.report().lines()).isZero();
    }

    /**
     * The web service over every real server without a sorry server, and a check that inhibits (weight 0)
     * instead of removing: a check that times out in a busy guest must not take connections away (IPVS drops
     * the packets of connections to a removed real server), this test is about the failover alone.
     */
    String service() {
        return directors.service("on-failure = inhibit\n                  "
                + "check { type = http, path = \"/health\", expect = [200], interval = 2s, timeout = 1500ms, rise = 1, fall = 3 }");
    }

    /** Waits until every open connection of {@code holder} has answered in a round that began after this call. */
    void awaitEveryConnectionAnswers(ConnectionHolder holder, String what) {
        int rounds = holder.snapshot().rounds();
        Lab.await(MOVE, "every connection of " + what + " to answer (round " + (rounds + 2) + ")",
                () -> holder.snapshot().rounds() >= rounds + 2);
    }

    /** Established connections to the VIP in {@code node}'s IPVS connection table ({@code ipvsadm -Lnc}). */
    int established(String node) {
        String table = lab.host(node).run("ipvsadm -Lnc").assertSuccess().stdout();
        int n = 0;
        for (String line : table.split("\n")) {
            if (line.contains("ESTABLISHED") && line.contains(" " + lab.vip() + ":80 ")) {
                n++;
            }
        }
        return n;
    }
}
