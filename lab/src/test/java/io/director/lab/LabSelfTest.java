package io.director.lab;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Proves the lab: LVS set up by hand with ipvsadm in d1 (DR, NAT, TUN, IPv6 DR) carries
 * client traffic to every real server, and the probe measures a link cut as a gap of about
 * the cut's length. One guest for the whole class; each test removes what it made.
 */
@LabTest(realServers = 3)
class LabSelfTest {
    private static final String VIP = Lab.VIP;
    private static final String SERVICE = VIP + ":80";

    @AfterEach
    void removeWhatTestsMade(Lab lab) {
        lab.host("d1").run("ipvsadm -C; ip addr flush dev eth0 to " + VIP + "/32; ip -6 addr del " + Lab.VIP6
                + "/128 dev eth0 2>/dev/null; true").assertSuccess();
        for (String rs : lab.realServers()) {
            lab.host(rs).run("ip route del 198.51.100.1/32 2>/dev/null; ip link set tunl0 down; true").assertSuccess();
        }
        lab.healLink("d1");
    }

    private static String[] serviceStats(Lab lab) {
        String stats = lab.host("d1").run("ipvsadm -Ln --stats -t " + SERVICE).assertSuccess().stdout();
        return stats.lines().filter(l -> l.startsWith("TCP")).findFirst().orElseThrow().trim().split("\\s+");
    }

    @Test
    void directRoutingRoundRobinReachesEveryRealServer(Lab lab) {
        serveVipFromD1(lab, "-g");

        Map<String, Long> answers = lab.thirtyRequests("http://" + VIP + "/");

        assertThat(answers).isEqualTo(Map.of("rs1", 10L, "rs2", 10L, "rs3", 10L));
        // DR: the real servers answered the client directly, so d1 forwarded no packet back (OutPkts 0).
        // The kernel folds per-CPU counters into the service's totals on its estimator tick: wait for it.
        Lab.await(Duration.ofSeconds(10), "d1's service counters to show the 30 connections", () -> {
            String[] service = serviceStats(lab);
            return Integer.parseInt(service[2]) >= 30;
        });
        String[] service = serviceStats(lab);
        assertThat(service[4]).as(String.join(" ", service)).isEqualTo("0");
    }

    @Test
    void natRoundRobinReachesEveryRealServer(Lab lab) {
        for (String rs : lab.realServers()) {
            // NAT on one LAN: replies to the client must go back through the director.
            lab.host(rs).run("ip route add 198.51.100.1/32 via " + lab.host("d1").ipv4()).assertSuccess();
        }
        serveVipFromD1(lab, "-m");

        assertThat(lab.thirtyRequests("http://" + VIP + "/")).isEqualTo(Map.of("rs1", 10L, "rs2", 10L, "rs3", 10L));
    }

    @Test
    void tunnelRoundRobinReachesEveryRealServer(Lab lab) {
        for (String rs : lab.realServers()) {
            lab.host(rs).run("ip link set tunl0 up").assertSuccess();
        }
        serveVipFromD1(lab, "-i");

        assertThat(lab.thirtyRequests("http://" + VIP + "/")).isEqualTo(Map.of("rs1", 10L, "rs2", 10L, "rs3", 10L));
    }

    @Test
    void ipv6DirectRoutingReachesEveryRealServer(Lab lab) {
        String service = "[" + Lab.VIP6 + "]:80";
        StringBuilder setup = new StringBuilder("set -e; ip -6 addr add " + Lab.VIP6 + "/128 dev eth0 nodad; ipvsadm -A -t "
                + service + " -s rr;");
        for (String rs : lab.realServers()) {
            setup.append(" ipvsadm -a -t ").append(service).append(" -r [").append(lab.host(rs).ipv6()).append("]:80 -g;");
        }
        lab.host("d1").run(setup.toString()).assertSuccess();

        assertThat(lab.thirtyRequests("http://[" + Lab.VIP6 + "]/")).isEqualTo(Map.of("rs1", 10L, "rs2", 10L, "rs3", 10L));
    }

    @Test
    void probeMeasuresALinkCutAsAGapOfAboutItsLength(Lab lab) {
        serveVipFromD1(lab, "-g");
        Probe probe = lab.startProbe(Duration.ofMillis(20));
        ProbeReport report;
        String[] window;
        try {
            Lab.await(Duration.ofSeconds(20), "the probe to see every real server", () -> probe.snapshot().perServer().size() == 3);

            // Cut and heal in one guest command; it reads the guest's uptime clock (no process start)
            // right after the cut and right after the heal: the real outage, however slow the machine.
            window = lab.guest("ip link set br-d1 down; read a _ </proc/uptime; sleep 1; ip link set br-d1 up;"
                    + " read b _ </proc/uptime; echo $a $b").assertSuccess().stdout().trim().split(" ");
            Lab.await(Duration.ofSeconds(60), "traffic to flow again after the cut", () -> {
                List<String> lines = probe.snapshot().lines();
                return lines.size() > 5 && lines.subList(lines.size() - 5, lines.size()).stream().allMatch(l -> l.contains(" OK "));
            });
        } finally {
            report = probe.stop();
        }

        long cutMillis = Math.round(Double.parseDouble(window[0]) * 1000);
        long healMillis = Math.round(Double.parseDouble(window[1]) * 1000);
        Duration outage = Duration.ofMillis(healMillis - cutMillis);
        Duration gap = report.gapAroundGuestUptime((cutMillis + healMillis) / 2);
        System.out.println("lab: probe across a cut of d1 lasting " + outage.toMillis() + " ms: gap " + gap.toMillis()
                + " ms; " + report.summary());
        assertThat(report.failures()).as(report.summary()).isPositive();
        // Generous: at least most of the outage, at most the outage plus the probe's timeout and a busy machine's delays.
        assertThat(gap).as(report.summary()).isBetween(outage.multipliedBy(8).dividedBy(10), outage.plusSeconds(3));
        assertThat(report.perServer().keySet()).containsExactlyInAnyOrderElementsOf(lab.realServers());
    }

    @Test
    void heldConnectionsSurviveAndAStoppedRealServerBreaksOnlyItsOwn(Lab lab) {
        serveVipFromD1(lab, "-g");
        ConnectionHolder holder = lab.holdConnections(6);
        int resets;
        try {
            Lab.await(Duration.ofSeconds(30), "requests on the held connections", () -> holder.snapshot().servers().size() == 6);
            assertThat(holder.snapshot().resets()).isZero();

            lab.stopRealServer("rs2");
            try {
                Lab.await(Duration.ofSeconds(30), "the connections to rs2 to break", () -> holder.snapshot().resets() == 2);
            } finally {
                lab.startRealServer("rs2");
            }
        } finally {
            resets = holder.stop();
        }

        HolderReport report = holder.report();
        assertThat(resets).as(report.lines().toString()).isEqualTo(2);
        assertThat(report.servers().values().stream().filter("rs2"::equals).count()).isEqualTo(2);
        assertThat(lab.host("client").run("curl -s --max-time 5 http://" + lab.host("rs2").ipv4() + "/").stdout()).isEqualTo("rs2\n");
    }

    @Test
    void commandsReportExitCodesOutputAndTimeouts(Lab lab) {
        Exec exec = lab.host("rs1").run("echo out; echo err >&2; hostname >/dev/null; ip -br addr show eth0; exit 7");
        assertThat(exec.exitCode()).isEqualTo(7);
        assertThat(exec.stdout()).startsWith("out\n").contains("198.51.100.11/24");
        assertThat(exec.stderr()).isEqualTo("err\n");

        long started = System.nanoTime();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> lab.host("w").run(Duration.ofMillis(1500), "sleep 30"))
                .isInstanceOf(LabException.class).hasMessageContaining("timed out");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(15));
        assertThat(lab.guest("ps -eo args | grep -c '^sleep 30$'").stdout().trim()).isEqualTo("0");

        Spawned spawned = lab.host("w").spawn("echo started; sleep 30 & wait");
        Lab.await(Duration.ofSeconds(10), "the spawned command to print", () -> spawned.output().contains("started"));
        spawned.stop();
        assertThat(lab.guest("ps -eo args | grep -c '^sleep 30$'").stdout().trim()).isEqualTo("0");
    }

    private static void serveVipFromD1(Lab lab, String forwarding) {
        StringBuilder setup = new StringBuilder("set -e; ip addr add " + VIP + "/32 dev eth0; ipvsadm -A -t " + SERVICE + " -s rr;");
        for (String rs : lab.realServers()) {
            setup.append(" ipvsadm -a -t ").append(SERVICE).append(" -r ").append(lab.host(rs).ipv4()).append(":80 ")
                    .append(forwarding).append(';');
        }
        lab.host("d1").run(setup.toString()).assertSuccess();
    }
}
