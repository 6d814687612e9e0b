package io.director.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The daemon in operation, under steady client traffic (the probe: a new connection to the VIP every
 * 20 ms): a pair of directors in d1 and d2, started once for the class, takes a series of edits of
 * their files, and at the end the master is stopped with SIGTERM. No SIGHUP is sent: every reload is the
 * daemon noticing its file changed. d1 keeps its file on the guest's tmpfs (a local filesystem, watched
 * with inotify); d2's is in the run's output folder, which the guest sees through hostfs, where inotify
 * is silent and the daemon polls. Checked with ipvsadm, ip addr, the probe and the connection holder.
 *
 * <p>The tests run in order and share the pair; each leaves the configuration in {@link #weights}. One
 * probe runs for the whole class (started before the directors, while the guest is idle: a JVM start
 * beside two directors is slow in the single-CPU guest) and each test reads its own window of it; one
 * connection holder keeps 8 connections open from before the first edit until the drain test ends them.
 */
@LabTest(realServers = 4)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OperationsLabTest {
    static final Duration START = Duration.ofSeconds(300);
    static final Duration APPLY = Duration.ofSeconds(20);
    static final List<String> MEMBERS = List.of("d1", "d2");
    static final int HELD = 8;

    static Lab lab;
    static Directors directors;
    static Probe probe;
    static ConnectionHolder holder;
    /** The real servers in the configuration now, with their weights. */
    static final Map<String, Integer> weights = new LinkedHashMap<>();
    static String drainTimeout = "120s";

    @BeforeAll
    static void startPair(Lab l) {
        lab = l;
        probe = lab.startProbe(Duration.ofMillis(20));
        directors = new Directors(lab);
        for (String rs : List.of("rs1", "rs2", "rs3")) {
            weights.put(rs, 1);
        }
        directors.onGuestTmpfs("d1");
        directors.write("d1", config("d1"));
        directors.write("d2", config("d2"));
        // One after the other, as operators bring a pair up: two JVMs starting at once share the guest's one CPU.
        directors.start("d1");
        directors.awaitRole("d1", "MASTER", START);
        directors.start("d2");
        directors.awaitRole("d2", "BACKUP", START);
        for (String node : MEMBERS) {
            awaitGuest(APPLY, node + " programs the table", () -> tableMatches(node));
        }
        awaitGuest(APPLY, "only d1 holds the VIP", () -> directors.holdsVip("d1") && !directors.holdsVip("d2"));
        holder = lab.holdConnections(HELD);
        Lab.await(Duration.ofSeconds(60), "the holder holds its connections", () -> holder.snapshot().connections() == HELD);
        MEMBERS.forEach(node -> settledRoleChanges.put(node, roleChanges(node)));
    }

    static final Map<String, Long> settledRoleChanges = new HashMap<>();

    static long roleChanges(String node) {
        return directors.log(node).lines().filter(l -> l.contains("event=role-change")).count();
    }

    /** Edits of services must not move the roles (a move would also explain failed requests). */
    static void assertRolesDidNotMove() {
        for (String node : MEMBERS) {
            assertThat(roleChanges(node)).as(node + " changed roles during the edits: " + directors.tail(node)).isEqualTo(settledRoleChanges.get(node));
        }
        assertThat(directors.role("d1")).isEqualTo("MASTER");
        assertThat(directors.role("d2")).isEqualTo("BACKUP");
    }

    @AfterAll
    static void stopPair() {
        for (String node : MEMBERS) {
            // Roles should not move before the SIGTERM: a flap under load explains resets in the probe's reports.
            System.out.println(node + " role changes: " + directors.log(node).lines().filter(l -> l.contains("event=role-change")).toList());
        }
        if (probe != null) {
            System.out.println("probe over the whole class: " + probe.stop().summary());
        }
        if (holder != null) {
            holder.stop();
        }
        if (directors != null) {
            directors.close();
        }
    }

    /** Waits on a condition that runs commands in the guest: polled every 250 ms, the directors need the guest's CPU too. */
    static void awaitGuest(Duration deadline, String what, BooleanSupplier condition) {
        Lab.await(deadline, Duration.ofMillis(250), what, condition);
    }

    /** Where the probe's log is now: a test's window starts here. */
    static int probeMark() {
        return probe.mark();
    }

    /** What the probe saw since {@code mark}. */
    static ProbeReport probeSince(int mark) {
        return probe.since(mark);
    }

    /** A window of the probe once traffic flows through the VIP. */
    static int probeWindow() {
        int mark = probeMark();
        Lab.await(Duration.ofSeconds(30), "probe traffic flows", () -> probeSince(mark).perServer().values().stream().mapToInt(i -> i).sum() > 25);
        return mark;
    }

    static String config(String node) {
        String service = directors.service(weights, Directors.HEALTH_CHECK);
        // The roles must not move while the file changes. The guest runs everything on one CPU, where a JVM
        // stalls for a few hundred ms at times: the link probe gets 2 s (not 150 ms), the heartbeats 5 s.
        Directors.Member m = Directors.Member.of(node, node.equals("d1") ? 150 : 100).with("ipvs { drain-timeout = " + drainTimeout + " }")
                .with("cluster { link-probe-interval = 100ms, link-probe-multiplier = 20, heartbeat-timeout = 5s }");
        return directors.config(m, MEMBERS, service);
    }

    /** Both files changed the way operators do it: d1 saved by rename in the guest, d2 from the host (atomic rename). */
    static void editBoth() {
        directors.edit("d1", config("d1"));
        directors.write("d2", config("d2"));
    }

    static String ipvs(String node) {
        return lab.host(node).run("ipvsadm -Sn").assertSuccess().stdout();
    }

    static boolean tableMatches(String node) {
        String table = ipvs(node);
        long dests = table.lines().filter(l -> l.startsWith("-a -t " + lab.vip() + ":80 ")).count();
        return dests == weights.size() && weights.entrySet().stream()
                .allMatch(e -> table.contains("-r " + lab.host(e.getKey()).ipv4() + ":80 -g -w " + e.getValue() + "\n"));
    }

    /** The kernel's cumulative counters of one real server of VIP:80: connections scheduled to it, packets forwarded to it. */
    record Counters(long connections, long packets) {}

    static Map<String, Counters> counters(String node) {
        String out = lab.host(node).run("ipvsadm -Ln --stats --exact -t " + lab.vip() + ":80").assertSuccess().stdout();
        Map<String, Counters> all = new HashMap<>();
        Matcher m = Pattern.compile("(?m)^\\s+->\\s+(\\S+):80\\s+(\\d+)\\s+(\\d+)\\s").matcher(out);
        while (m.find()) {
            all.put(m.group(1), new Counters(Long.parseLong(m.group(2)), Long.parseLong(m.group(3))));
        }
        return all;
    }

    /**
     * The counters of a real server that gets no new connections, once the kernel has folded in those it got
     * before: ipvsadm shows totals from the estimator, which sums the per-CPU counters every 2 s, so a
     * reading right after the weight went to 0 can still grow. Waits until the connection count has stayed
     * the same for one estimator period and a half.
     */
    static Counters settledConnections(String node, String ip) {
        long[] since = {System.nanoTime()};
        Counters[] last = {counters(node).get(ip)};
        Lab.await(Duration.ofSeconds(20), "the estimator to fold in the connections " + ip + " got before its weight went to 0", () -> {
            Counters now = counters(node).get(ip);
            if (now.connections() != last[0].connections()) {
                last[0] = now;
                since[0] = System.nanoTime();
            }
            return System.nanoTime() - since[0] >= Duration.ofMillis(3000).toNanos();
        });
        return last[0];
    }

    /** ActiveConn of one real server of VIP:80 per ipvsadm -Ln, or -1 when it is not in the table. */
    static int activeConnections(String node, String rs) {
        String out = lab.host(node).run("ipvsadm -Ln -t " + lab.vip() + ":80").assertSuccess().stdout();
        Matcher m = Pattern.compile("(?m)^\\s+->\\s+" + Pattern.quote(lab.host(rs).ipv4()) + ":80\\s+\\S+\\s+\\d+\\s+(\\d+)").matcher(out);
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }

    /** The IPVS operations {@code node} logged after {@code mark} (a length of its log). */
    static List<String> opsSince(String node, int mark) {
        return directors.log(node).substring(mark).lines().filter(l -> l.contains("event=ipvs-applied")).toList();
    }

    @Test
    @Order(1)
    void anAddedRealServerIsAppliedWithoutAFailedRequestOrTouchingTheOthers() {
        probeWindow();
        // Let the counters grow well past what a restarted entry could reach during the check below.
        awaitGuest(Duration.ofSeconds(60), "every real server counted 100 connections", () -> {
            Map<String, Counters> now = counters("d1");
            return now.size() == 3 && now.values().stream().allMatch(c -> c.connections() >= 100);
        });
        Map<String, Counters> before = counters("d1");
        int window = probeMark();
        int mark1 = directors.log("d1").length();
        int mark2 = directors.log("d2").length();

        weights.put("rs4", 1);
        editBoth();
        for (String node : MEMBERS) {
            awaitGuest(APPLY, node + " adds rs4", () -> tableMatches(node));
        }
        Lab.await(Duration.ofSeconds(30), "the client reaches rs4 through the VIP",
                () -> probeSince(window).perServer().getOrDefault("rs4", 0) > 3);
        // An entry deleted and added again would count from 0 again, below its earlier 100 or more.
        awaitGuest(Duration.ofSeconds(30), "the other entries' counters keep rising", () -> {
            Map<String, Counters> now = counters("d1");
            return before.entrySet().stream().allMatch(e -> now.containsKey(e.getKey())
                    && now.get(e.getKey()).connections() > e.getValue().connections());
        });

        ProbeReport report = probeSince(window);
        System.out.println("add rs4: " + report.summary() + "; counters before " + before + ", after " + counters("d1"));
        assertRolesDidNotMove();

        assertThat(report.failures()).as("failed requests: " + report.failureReasons()).isZero();
        for (String node : MEMBERS) {
            int mark = node.equals("d1") ? mark1 : mark2;
            assertThat(opsSince(node, mark)).as(node + ": the only IPVS operation of the reload").singleElement().asString()
                    .contains("why=reload").contains("op=\"add dest tcp 198.51.100.100:80 -> 198.51.100.14:80");
            assertThat(directors.log(node).substring(mark)).contains("event=reload-applied trigger=file-changed")
                    .contains("event=reload-done trigger=file-changed changes=1 ipvs-ops=1");
        }
    }

    @Test
    @Order(2)
    void anInvalidEditIsRefusedWithItsReasonsAndTheNextValidEditApplies() {
        probeWindow();
        String before = ipvs("d1");
        int window = probeMark();
        int mark = directors.log("d1").length();
        String invalid = config("d1").replace("scheduler = wrr", "scheduler = nope")
                .replace("weight = 1 }", "weight = -1 }");
        directors.edit("d1", invalid);

        Lab.await(APPLY, "the file watcher's reload refused", () -> directors.log("d1").substring(mark).contains("event=reload-refused trigger=file-changed"));
        String refusal = directors.log("d1").substring(mark).lines().filter(l -> l.contains("event=reload-refused")).findFirst().orElseThrow();
        assertThat(refusal).as("the log line names FILE:LINE").containsPattern("first=\"" + Pattern.quote(directors.file("d1").toString()) + ":\\d+: ");
        Exec reload = directors.reload("d1");
        System.out.println("director reload of the invalid file: exit " + reload.exitCode() + "\n" + reload.stdout() + reload.stderr());
        assertThat(reload.exitCode()).isEqualTo(1);
        String reasons = reload.stdout() + reload.stderr();
        assertThat(reasons).contains("refused")
                .containsPattern(Pattern.quote(directors.file("d1").toString()) + ":\\d+: .*nope")
                .containsPattern(Pattern.quote(directors.file("d1").toString()) + ":\\d+: .*weight");
        assertThat(ipvs("d1")).as("the table is unchanged").isEqualTo(before);
        assertThat(opsSince("d1", mark)).isEmpty();

        // Still healthy: answers its admin socket as master, and the next valid edit applies.
        Exec status = lab.host("d1").run(Duration.ofSeconds(120), "JAVA_OPTS='" + Directors.JAVA_OPTS + "' "
                + lab.root().resolve("bin/director") + " status --socket /run/director/d1.sock");
        assertThat(status.exitCode()).as(status.stdout() + status.stderr()).isZero();
        assertThat(status.stdout()).contains("MASTER");
        weights.put("rs2", 3);
        editBoth();
        for (String node : MEMBERS) {
            awaitGuest(APPLY, node + " applies the next valid edit (rs2 weight 3)", () -> tableMatches(node));
        }

        ProbeReport report = probeSince(window);
        System.out.println("invalid edit, then a valid one: " + report.summary());
        assertRolesDidNotMove();
        assertThat(report.failures()).as("failed requests: " + report.failureReasons()).isZero();
        assertThat(directors.daemon("d1").isRunning()).isTrue();
    }

    @Test
    @Order(3)
    void aRemovedRealServerDrainsAndGoesWhenItsConnectionsEndOrItsTimeRunsOut() {
        int window = probeWindow();
        for (String rs : List.of("rs1", "rs2", "rs3")) {
            assertThat(resetsOf(holder, rs)).as("held connections to " + rs + " broken by the earlier reloads").isEmpty();
        }
        Map<String, Integer> held = new HashMap<>();
        holder.snapshot().servers().values().forEach(s -> held.merge(s, 1, Integer::sum));
        // Two real servers with held connections: one leaves and drains until they end, one until its time runs out.
        List<String> withConnections = weights.keySet().stream().filter(held::containsKey).toList();
        assertThat(withConnections).as("real servers behind the held connections: " + held).hasSizeGreaterThanOrEqualTo(2);
        String leaving = withConnections.get(0);
        String timedOut = withConnections.get(1);
        awaitGuest(Duration.ofSeconds(10), "d1 counts the held connections of " + leaving, () -> activeConnections("d1", leaving) > 0);

        weights.remove(leaving);
        editBoth();
        String leavingIp = lab.host(leaving).ipv4();
        awaitGuest(APPLY, leaving + " drained at weight 0 on d1", () -> ipvs("d1").contains("-r " + leavingIp + ":80 -g -w 0\n"));
        Counters drainStart = settledConnections("d1", leavingIp);
        // Read after the counters settled: a probe request scheduled to it just before the weight went to 0
        // is answered (and logged) a little later; seconds on, every such request has been.
        ProbeReport atDrain = probeSince(window);
        // The held connections keep flowing to it (packets counted, every open connection answered twice more),
        // while no new connection goes there.
        int rounds = holder.snapshot().rounds();
        awaitGuest(Duration.ofSeconds(30), "packets of the held connections still forwarded to " + leaving,
                () -> counters("d1").get(leavingIp).packets() > drainStart.packets() + 50);
        Lab.await(Duration.ofSeconds(30), "every held connection answered twice more", () -> holder.snapshot().rounds() >= rounds + 2);
        Lab.await(Duration.ofSeconds(30), "the probe made 100 more requests", () -> probeSince(window).requests() > atDrain.requests() + 100);
        ProbeReport duringDrain = probeSince(window);
        assertThat(duringDrain.perServer().getOrDefault(leaving, 0)).as("probe requests answered by the draining " + leaving)
                .isEqualTo(atDrain.perServer().getOrDefault(leaving, 0));
        assertThat(counters("d1").get(leavingIp).connections()).as("connections scheduled to the draining " + leaving)
                .isEqualTo(drainStart.connections());
        assertThat(activeConnections("d1", leaving)).as("held connections of " + leaving + " still active").isPositive();
        assertThat(resetsOf(holder, leaving)).as("held connections to " + leaving + " reset").isEmpty();
        assertThat(ipvs("d1")).contains("-r " + leavingIp + ":80 -g -w 0\n");

        // The second one drains with a 5 s drain time while its connections stay open.
        drainTimeout = "5s";
        weights.remove(timedOut);
        int mark = directors.log("d1").length();
        editBoth();
        awaitGuest(APPLY, timedOut + " drained at weight 0 on d1", () -> ipvs("d1").contains("-r " + lab.host(timedOut).ipv4() + ":80 -g -w 0\n")
                || directors.log("d1").substring(mark).contains("delete dest tcp 198.51.100.100:80 -> " + lab.host(timedOut).ipv4()));
        awaitGuest(Duration.ofSeconds(30), timedOut + " removed after its drain time, connections still open",
                () -> !ipvs("d1").contains("-r " + lab.host(timedOut).ipv4() + ":80 "));
        assertThat(resetsOf(holder, leaving)).as("held connections to " + leaving + " reset").isEmpty();
        assertThat(ipvs("d1")).as(leaving + " still drains: its connections are open and its 120 s are not over")
                .contains("-r " + leavingIp + ":80 -g -w 0\n");

        holder.stop();
        assertThat(resetsOf(holder, leaving)).as("held connections to " + leaving + " reset").isEmpty();
        awaitGuest(Duration.ofSeconds(30), leaving + " removed once its connections ended",
                () -> !ipvs("d1").contains("-r " + leavingIp + ":80 "));
        for (String node : MEMBERS) {
            awaitGuest(APPLY, node + " holds the remaining real servers only", () -> tableMatches(node));
        }

        ProbeReport report = probeSince(window);
        System.out.println("drain of " + leaving + " (connections ended) and " + timedOut + " (5 s drain time): " + report.summary()
                + "; holder: " + holder.report().lines());
        assertRolesDidNotMove();
        assertThat(report.failures()).as("failed requests: " + report.failureReasons()).isZero();
    }

    /** The holder's RESET lines of connections to {@code rs} (that answered first: one that never did has no server). */
    static List<String> resetsOf(ConnectionHolder holder, String rs) {
        HolderReport r = holder.report();
        return r.lines().stream().filter(l -> l.startsWith("RESET ") && rs.equals(r.servers().get(Integer.parseInt(l.split(" ")[1])))).toList();
    }

    @Test
    @Order(4)
    void editsOnDiskReloadWithoutASignalInPlaceAndByRenameWithInotifyOrPolling() {
        assertThat(directors.log("d1")).containsPattern("event=config-watch file=" + Pattern.quote(directors.file("d1").toString())
                + " mode=inotify fs=tmpfs");
        assertThat(directors.log("d2")).containsPattern("event=config-watch file=\\S+d2\\.conf mode=poll fs=hostfs .*reason=\"inotify on hostfs");
        int window = probeWindow();
        String rs = weights.keySet().iterator().next();

        weights.put(rs, 5);
        directors.editInPlace("d1", config("d1"));
        directors.editInPlace("d2", config("d2"));
        for (String node : MEMBERS) {
            awaitGuest(APPLY, node + " applies an edit written in place", () -> tableMatches(node));
        }
        weights.put(rs, 6);
        directors.edit("d1", config("d1"));
        directors.edit("d2", config("d2"));
        for (String node : MEMBERS) {
            awaitGuest(APPLY, node + " applies an edit saved by rename", () -> tableMatches(node));
        }

        ProbeReport report = probeSince(window);
        System.out.println("edits on disk: " + report.summary());
        assertRolesDidNotMove();
        assertThat(report.failures()).as("failed requests: " + report.failureReasons()).isZero();
        for (String node : MEMBERS) {
            String log = directors.log(node);
            assertThat(log).doesNotContain("trigger=SIGHUP");
            assertThat(log.lines().filter(l -> l.contains("event=reload-done trigger=file-changed"))).as(node + " reloads").hasSizeGreaterThanOrEqualTo(6);
            assertThat(log).as(node + ": inotify kept reporting (no switch to polling)")
                    .doesNotContain("reason=\"an edit came with no inotify event\"");
        }
    }

    @Test
    @Order(5)
    void sigtermOnTheMasterHandsOverToTheBackup() {
        int window = probeWindow();
        long stoppedAt = System.currentTimeMillis();
        Exec stopped = directors.stop("d1");
        System.out.println("d1 stopped with exit " + stopped.exitCode());
        directors.awaitRole("d2", "MASTER", Duration.ofSeconds(20));
        awaitGuest(Duration.ofSeconds(10), "d2 holds both VIPs", () -> directors.holdsVip("d2") && directors.holdsVip6("d2"));
        assertThat(directors.holdsVip("d1") || directors.holdsVip6("d1")).as("d1 dropped its VIPs").isFalse();
        awaitGuest(Duration.ofSeconds(10), "the client's neighbour entry points to d2",
                () -> directors.clientNeighbourMac().equals(directors.mac("d2")));
        int atHandover = probeMark();
        Lab.await(Duration.ofSeconds(30), "traffic flows through d2", () -> probeSince(atHandover).perServer().values().stream()
                .mapToInt(i -> i).sum() > 50);
        ProbeReport report = probeSince(window);
        System.out.println("SIGTERM on the master: " + report.summary() + "; gap around the stop: "
                + probe.snapshot().gapAround(stoppedAt).toMillis() + " ms");
        assertThat(stopped.stderr() + stopped.stdout()).contains("event=stopping").contains("event=stopped");
        assertThat(report.longestGap()).as("sanity bound on the gap").isLessThan(Duration.ofSeconds(10));
    }
}
