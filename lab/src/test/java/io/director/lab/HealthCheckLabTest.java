package io.director.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Health checks driving the real kernel: one director in d1 over rs1..rs3 under the client's steady
 * traffic. A check is made to fail either by stopping the real server's HTTP server (it is dead) or by
 * black-holing rs2's replies to d1 only (the check fails while client connections, which rs2 answers
 * directly under DR, keep working: what inhibit must not cut).
 */
@LabTest(realServers = 3)
class HealthCheckLabTest {
    // interval x fall + timeout = 2.8 s; the deadlines below leave room for a loaded single-CPU guest.
    static final Duration OUT = Duration.ofSeconds(15);

    Lab lab;
    Directors directors;
    final java.util.Set<String> stopped = new java.util.HashSet<>();

    @BeforeEach
    void setUp(Lab lab) {
        this.lab = lab;
        this.directors = new Directors(lab);
    }

    @AfterEach
    void tearDown() {
        directors.close();
        for (String rs : lab.realServers()) {
            lab.host(rs).run("ip route del blackhole " + lab.host("d1").ipv4() + "/32 2>/dev/null; true");
        }
        for (String rs : stopped) {
            lab.startRealServer(rs);
        }
        stopped.clear();
    }

    void startDirector(String serviceOptions) {
        directors.write("d1", directors.config(Directors.Member.of("d1", 150), List.of("d1"),
                directors.webService(Directors.HEALTH_CHECK + "\n      " + serviceOptions)));
        directors.start("d1");
        directors.awaitRole("d1", "MASTER", Duration.ofSeconds(180));
        Lab.await(Duration.ofSeconds(30), "every real server in d1's table",
                () -> lab.realServers().stream().allMatch(rs -> table().contains("-r " + lab.host(rs).ipv4() + ":80 -g -w 1")));
    }

    void stop(String rs) {
        lab.stopRealServer(rs);
        stopped.add(rs);
    }

    void start(String rs) {
        lab.startRealServer(rs);
        stopped.remove(rs);
    }

    String table() {
        return lab.host("d1").run("ipvsadm -Sn").assertSuccess().stdout();
    }

    void blackholeChecksOf(String rs) {
        lab.host(rs).run("ip route add blackhole " + lab.host("d1").ipv4() + "/32").assertSuccess();
    }

    void restoreChecksOf(String rs) {
        lab.host(rs).run("ip route del blackhole " + lab.host("d1").ipv4() + "/32").assertSuccess();
    }

    @Test
    void aDeadRealServerLeavesAndTheClientSeesNoFailureAfterwards() {
        startDirector("on-failure = remove");
        Probe probe = lab.startProbe(Duration.ofMillis(20));
        Lab.await(Duration.ofSeconds(20), "probe traffic", () -> probe.snapshot().requests() > 50);
        stop("rs2");
        Lab.await(OUT, "rs2 removed from IPVS", () -> !table().contains("-r 198.51.100.12:80"));
        // Requests in flight to rs2 when it left may still fail; none started after may. The moment is taken on
        // the guest's clock: the probe's log trails by up to its flush period (100 ms), a count of its lines too.
        long removed = lab.guestUptimeMillis();
        int requestsAtRemoval = probe.snapshot().requests();
        Lab.await(Duration.ofSeconds(30), "100 more requests", () -> probe.snapshot().requests() > requestsAtRemoval + 100);
        ProbeReport report = probe.stop();
        assertThat(report.failuresStartedFromGuestUptime(removed)).as("failures started after rs2 left IPVS: " + report.summary())
                .isZero();

        start("rs2");
        Lab.await(OUT, "rs2 back after rise", () -> table().contains("-r 198.51.100.12:80 -g -w 1"));
        Lab.await(Duration.ofSeconds(10), "rs2's transitions logged", () -> directors.log("d1").contains("event=realserver-down")
                && directors.log("d1").contains("realserver=198.51.100.12:80") && directors.log("d1").contains("event=realserver-up"));
    }

    @Test
    void inhibitKeepsTheFailedServerAtWeightZeroWithoutCuttingItsConnections() {
        startDirector("on-failure = inhibit");
        ConnectionHolder holder = lab.holdConnections(30);
        Lab.await(Duration.ofSeconds(30), "30 connections held", () -> holder.snapshot().connections() >= 30);
        assertThat(holder.snapshot().servers().values()).as("connections spread over the real servers").contains("rs2");
        blackholeChecksOf("rs2");
        Lab.await(OUT, "rs2 inhibited (weight 0)", () -> table().contains("-r 198.51.100.12:80 -g -w 0"));
        // New connections avoid rs2 (weight 0) while the held ones, some on rs2, keep working.
        Probe probe = lab.startProbe(Duration.ofMillis(20));
        Lab.await(Duration.ofSeconds(30), "200 new requests while rs2 is inhibited", () -> probe.snapshot().requests() >= 200);
        ProbeReport during = probe.stop();
        assertThat(during.perServer().getOrDefault("rs2", 0)).as("new requests to inhibited rs2: " + during.summary()).isZero();
        assertThat(holder.snapshot().resets()).as("connections reset after inhibit").isZero();
        restoreChecksOf("rs2");
        Lab.await(OUT, "rs2 weight restored", () -> table().contains("-r 198.51.100.12:80 -g -w 1"));
        assertThat(holder.stop()).as("resets over the whole test").isZero();
    }

    @Test
    void withAllRealServersDownTheSorryServerAnswersUntilOneReturns() {
        startDirector("quorum = 1");
        for (String rs : lab.realServers()) {
            stop(rs);
        }
        Lab.await(OUT, "sorry server alone in the table",
                () -> table().contains("-r 198.51.100.20:80") && !table().contains("-r 198.51.100.11:80"));
        Lab.await(Duration.ofSeconds(10), "the client is answered by the sorry server",
                () -> lab.host("client").run("curl -s -m 2 http://" + lab.vip() + "/").stdout().trim().equals("sorry"));
        start("rs1");
        Lab.await(OUT, "sorry server gone, rs1 serving",
                () -> !table().contains("-r 198.51.100.20:80") && table().contains("-r 198.51.100.11:80"));
        Lab.await(Duration.ofSeconds(10), "quorum transitions logged",
                () -> directors.log("d1").contains("event=quorum-lost") && directors.log("d1").contains("event=quorum-regained"));
    }
}
