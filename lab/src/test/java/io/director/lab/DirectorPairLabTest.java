package io.director.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two directors as separate JVMs in d1 and d2, against the real kernel in the guest: election, VIPs,
 * IPVS programming, health checks, failover, preempt, drift repair and reload, each checked with
 * independent tools (ip addr, ipvsadm, ip neigh, curl from the client).
 */
@LabTest(realServers = 3)
class DirectorPairLabTest {
    static final Duration START = Duration.ofSeconds(180);

    Lab lab;
    Directors directors;

    @BeforeEach
    void setUp(Lab lab) {
        this.lab = lab;
        this.directors = new Directors(lab);
    }

    @AfterEach
    void tearDown() {
        directors.close();
    }

    void startPair(String extra) {
        List<String> members = List.of("d1", "d2");
        directors.write("d1", directors.config(Directors.Member.of("d1", 150).with(extra), members, directors.webService(Directors.HEALTH_CHECK)));
        directors.write("d2", directors.config(Directors.Member.of("d2", 100).with(extra), members, directors.webService(Directors.HEALTH_CHECK)));
        directors.start("d1");
        directors.start("d2");
        directors.awaitRole("d1", "MASTER", START);
        directors.awaitRole("d2", "BACKUP", START);
    }

    String ipvs(String node) {
        return lab.host(node).run("ipvsadm -Sn").assertSuccess().stdout();
    }

    Set<String> answers(int requests) {
        Exec r = lab.host("client").run("for i in $(seq " + requests + "); do curl -s -m 2 http://" + lab.vip() + "/; echo; done");
        Set<String> names = new HashSet<>();
        for (String line : r.stdout().split("\n")) {
            if (!line.isBlank()) {
                names.add(line.trim());
            }
        }
        return names;
    }

    @Test
    void theMasterHoldsTheVipsAndBothProgramIpvs() {
        startPair("");
        assertThat(directors.holdsVip("d1")).as("d1 holds the IPv4 VIP").isTrue();
        assertThat(directors.holdsVip6("d1")).as("d1 holds the IPv6 VIP").isTrue();
        assertThat(directors.holdsVip("d2") || directors.holdsVip6("d2")).as("the backup holds no VIP").isFalse();
        for (String node : List.of("d1", "d2")) {
            Lab.await(Duration.ofSeconds(20), node + " programs every real server", () -> {
                String table = ipvs(node);
                return lab.realServers().stream().allMatch(rs -> table.contains("-r " + lab.host(rs).ipv4() + ":80 -g -w 1"));
            });
            assertThat(ipvs(node)).contains("-A -t 198.51.100.100:80 -s wrr");
        }
        Lab.await(Duration.ofSeconds(20), "traffic through d1 reaches every real server",
                () -> answers(12).containsAll(lab.realServers()));
        assertThat(directors.clientNeighbourMac()).isEqualTo(directors.mac("d1"));
        String daemons = lab.host("d1").run("ipvsadm -L --daemon").assertSuccess().stdout();
        assertThat(daemons).contains("master sync daemon").contains("backup sync daemon");
    }

    @Test
    void aKilledMasterWithACutLinkFailsOverAndPreemptTakesItBack() {
        startPair("");
        Probe probe = lab.startProbe(Duration.ofMillis(20));
        Lab.await(Duration.ofSeconds(20), "probe traffic flows", () -> probe.snapshot().requests() > 20);
        directors.kill9("d1");
        lab.cutLink("d1");
        directors.awaitRole("d2", "MASTER", Duration.ofSeconds(20));
        Lab.await(Duration.ofSeconds(10), "d2 holds the VIP", () -> directors.holdsVip("d2"));
        Lab.await(Duration.ofSeconds(10), "the client's neighbour entry points to d2",
                () -> directors.clientNeighbourMac().equals(directors.mac("d2")));
        Lab.await(Duration.ofSeconds(10), "traffic flows through d2", () -> !answers(3).isEmpty());

        // d1 comes back: its VIPs from the earlier life are still in its kernel; it must drop them,
        // join, and take over again by preempt.
        assertThat(directors.holdsVip("d1")).as("kill -9 leaves the VIP in d1's kernel").isTrue();
        lab.healLink("d1");
        directors.start("d1");
        directors.awaitRole("d1", "MASTER", START);
        Lab.await(Duration.ofSeconds(10), "d2 released the VIP", () -> !directors.holdsVip("d2"));
        assertThat(directors.holdsVip("d1")).isTrue();
        Lab.await(Duration.ofSeconds(10), "the client's neighbour entry points to d1 again",
                () -> directors.clientNeighbourMac().equals(directors.mac("d1")));
        ProbeReport report = probe.stop();
        System.out.println("kill -9 + link cut, then preempt: " + report.summary());
        assertThat(report.requests()).isGreaterThan(50);
    }

    @Test
    void aDeadRealServerLeavesIpvsAndComesBackAfterRise() {
        startPair("");
        Lab.await(Duration.ofSeconds(20), "rs2 in d1's table", () -> ipvs("d1").contains("-r 198.51.100.12:80"));
        lab.stopRealServer("rs2");
        // interval x fall + timeout = 2.8 s; generous margin for a loaded single-CPU guest.
        Lab.await(Duration.ofSeconds(10), "rs2 removed from d1's table", () -> !ipvs("d1").contains("-r 198.51.100.12:80"));
        assertThat(answers(9)).doesNotContain("rs2").isNotEmpty();
        lab.startRealServer("rs2");
        Lab.await(Duration.ofSeconds(10), "rs2 back in d1's table", () -> ipvs("d1").contains("-r 198.51.100.12:80 -g -w 1"));
        Lab.await(Duration.ofSeconds(10), "transitions logged",
                () -> directors.log("d1").contains("event=realserver-down") && directors.log("d1").contains("event=realserver-up"));
    }

    @Test
    void theMasterRepairsDriftAndAppliesValidReloadsOnly() {
        startPair("");
        Lab.await(Duration.ofSeconds(20), "table programmed", () -> ipvs("d1").contains("-r 198.51.100.13:80"));
        lab.host("d1").run("ipvsadm -C").assertSuccess();
        Lab.await(Duration.ofSeconds(5), "ipvsadm -C repaired", () -> ipvs("d1").contains("-r 198.51.100.13:80"));
        lab.host("d1").run("ip addr del " + lab.vip() + "/24 dev eth0").assertSuccess();
        Lab.await(Duration.ofSeconds(5), "deleted VIP restored", () -> directors.holdsVip("d1"));
        Lab.await(Duration.ofSeconds(10), "repairs logged", () -> directors.log("d1").contains("event=drift-repaired"));

        // An invalid edit is refused and changes nothing (reload by SIGHUP; the file watcher may also fire).
        String before = ipvs("d1");
        directors.edit("d1", directors.config(Directors.Member.of("d1", 150), List.of("d1", "d2"),
                directors.webService(Directors.HEALTH_CHECK).replace("scheduler = wrr", "scheduler = nope")));
        directors.hangup("d1");
        Lab.await(Duration.ofSeconds(10), "the invalid edit refused", () -> directors.log("d1").contains("event=reload-refused"));
        assertThat(ipvs("d1")).isEqualTo(before);

        // A valid edit (weight of rs3) applies as one edit.
        directors.edit("d1", directors.config(Directors.Member.of("d1", 150), List.of("d1", "d2"),
                directors.webService(Directors.HEALTH_CHECK).replace("198.51.100.13, port = 80, weight = 1", "198.51.100.13, port = 80, weight = 5")));
        directors.hangup("d1");
        Lab.await(Duration.ofSeconds(10), "the weight edit applied", () -> ipvs("d1").contains("-r 198.51.100.13:80 -g -w 5"));
        Lab.await(Duration.ofSeconds(10), "the reload logged as one edit", () -> directors.log("d1").contains("event=reload-applied")
                && directors.log("d1").contains("op=\"edit dest tcp 198.51.100.100:80 -> 198.51.100.13:80 weight 5\""));
    }
}
