package io.director.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * Failover scenarios with directors as separate JVMs in d1, d2 (and w), the client probing the VIP every 20 ms:
 * a link cut of a live master, a graceful handover, no preempt, a partition with the witness, and a member with
 * the wrong key. Each asserts that the client's traffic resumes, where the client's neighbour entry for the VIP
 * points, and {@code ip addr} on every director (never two owners once settled). Kill -9 with a link cut and
 * preempt failback are in {@link DirectorPairLabTest}.
 */
@LabTest(realServers = 2)
class FailoverLabTest {
    static final Duration START = Duration.ofSeconds(180);
    static final Duration MOVE = Duration.ofSeconds(20);
    static final String CHECK = "check { type = http, path = \"/health\", expect = [200], interval = 1s, timeout = 800ms, rise = 1, fall = 2 }";
    static final Pattern HANDOVER = Pattern.compile("handover (\\S+) -> (\\S+): new master after ([0-9.]+) ms, old master released after ([0-9.]+) ms");

    Lab lab;
    Directors directors;
    Probe probe;
    final Map<String, String> macs = new HashMap<>();

    @BeforeEach
    void setUp(Lab lab, TestInfo test) {
        this.lab = lab;
        this.directors = new Directors(lab);
        this.testName = test.getTestMethod().map(java.lang.reflect.Method::getName).orElse("test");
    }

    String testName;

    @AfterEach
    void tearDown() throws Exception {
        if (probe != null) {
            probe.stop();
        }
        for (String node : VipOwnership.HOSTS) {
            if (directors.daemon(node) != null) {
                Files.writeString(lab.out().resolve(testName + "-" + node + ".log"), directors.log(node));
            }
        }
        directors.close();
        lab.healLink("d1");
    }

    @Test
    void aLinkCutOfALiveMasterMovesTrafficAndAfterHealingOneOwnerRemainsThenAGracefulHandover() {
        startPair(Directors.Member.of("d1", 150), Directors.Member.of("d2", 100));
        probe = lab.startProbe(Duration.ofMillis(20));
        awaitSettled("d1", "before the cut");

        // d1's JVM stays alive, only its link goes: d2 must take over and the client's traffic flow through it
        lab.cutLink("d1");
        long cutAt = lab.guestUptimeMillis();
        directors.awaitRole("d2", "MASTER", MOVE);
        Lab.await(MOVE, "d2 holding both VIPs and the client's neighbour entry pointing to it", () -> {
            VipOwnership now = ownership();
            return now.holdsBoth("d2") && now.neighbourMac().equals(mac("d2"));
        });
        awaitTrafficAfter(cutAt, "the link cut");
        System.out.printf("link cut of the live master: client gap %d ms; while cut off, %s%n",
                probe.snapshot().gapAroundGuestUptime(cutAt).toMillis(), ownership());

        // heal: the two masters of the split see each other again; exactly one must remain
        lab.healLink("d1");
        long healedAt = lab.guestUptimeMillis();
        String owner = awaitSettled(null, "after healing");
        awaitTrafficAfter(healedAt, "the heal");
        assertOneOwnerWhileSettled();
        System.out.printf("heal: %s owns the VIPs; client gap around the heal %d ms%n", owner,
                probe.snapshot().gapAroundGuestUptime(healedAt).toMillis());

        // graceful handover from whoever is master now to the other
        String other = owner.equals("d1") ? "d2" : "d1";
        ProbeReport before = probe.snapshot();
        long handoverFrom = lab.guestUptimeMillis();
        Exec failover = lab.host(owner).run(Duration.ofSeconds(90),
                lab.root().resolve("bin/director") + " failover --socket /run/director/" + owner + ".sock");
        assertThat(failover.exitCode()).as("director failover: %s", failover).isZero();
        Matcher m = HANDOVER.matcher(failover.stdout());
        assertThat(m.find()).as("the measured handover time in: %s", failover.stdout()).isTrue();
        assertThat(m.group(1)).isEqualTo(owner);
        assertThat(m.group(2)).isEqualTo(other);
        directors.awaitRole(other, "MASTER", MOVE);
        awaitSettled(other, "after the handover");
        awaitTrafficAfter(lab.guestUptimeMillis(), "the handover");
        assertOneOwnerWhileSettled();
        ProbeReport after = probe.snapshot();
        int failed = failuresBetween(after, handoverFrom, lab.guestUptimeMillis());
        System.out.printf("graceful handover %s -> %s: new master after %s ms, old released after %s ms;"
                        + " client: %d failed of %d requests, gap %d ms%n", owner, other, m.group(3), m.group(4),
                failed, after.requests() - before.requests(), longestGapBetween(after, handoverFrom, lab.guestUptimeMillis()));
        assertThat(failed).as("probe requests that failed across a graceful handover").isLessThanOrEqualTo(2);
    }

    // ---- helpers ----

    void startPair(Directors.Member d1, Directors.Member d2) {
        List<String> members = List.of("d1", "d2");
        directors.write("d1", directors.config(d1, members, directors.webService(CHECK)));
        directors.write("d2", directors.config(d2, members, directors.webService(CHECK)));
        directors.start("d1");
        directors.start("d2");
        directors.awaitRole("d1", "MASTER", START);
        directors.awaitRole("d2", "BACKUP", START);
    }

    VipOwnership ownership() {
        return VipOwnership.read(lab);
    }

    /** The MAC of a director's eth0 (read once: it never changes). */
    String mac(String node) {
        return macs.computeIfAbsent(node, directors::mac);
    }

    boolean neighbourIs(String node) {
        return ownership().neighbourMac().equals(mac(node));
    }

    /**
     * Waits until exactly one director holds the VIPs (both of them) and the client's neighbour entry points to
     * it; {@code expected} names it, or null for whichever. Returns the owner.
     */
    String awaitSettled(String expected, String when) {
        String[] owner = new String[1];
        VipOwnership[] last = new VipOwnership[1];
        try {
            Lab.await(MOVE, (expected == null ? "one owner" : expected + " alone owning the VIPs") + " " + when
                    + " and the client's neighbour entry pointing to it", () -> {
                VipOwnership now = ownership();
                last[0] = now;
                Set<String> held = now.owners();
                if (held.size() != 1 || (expected != null && !held.contains(expected))) {
                    return false;
                }
                owner[0] = held.iterator().next();
                return now.holdsBoth(owner[0]) && now.neighbourMac().equals(mac(owner[0]));
            });
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; last seen: " + last[0] + " (d1 " + mac("d1") + ", d2 "
                    + mac("d2") + ")\n--- d1 ---\n" + directors.tail("d1") + "\n--- d2 ---\n" + directors.tail("d2"), e);
        }
        return owner[0];
    }

    /** {@code ip addr} on d1, d2 and w, read ten times in a row, shows exactly one owner each time. */
    void assertOneOwnerWhileSettled() {
        for (int i = 0; i < 10; i++) {
            VipOwnership now = ownership();
            assertThat(now.owners()).as("VIP owners once settled (sample %d): %s", i, now).hasSize(1);
        }
    }

    /** Waits for a successful probe request that started after {@code uptimeMillis}. */
    void awaitTrafficAfter(long uptimeMillis, String what) {
        Lab.await(MOVE, "client traffic through the VIP after " + what, () -> {
            ProbeReport r = probe.snapshot();
            long at = uptimeMillis - r.startedUptimeMillis();
            return r.lines().stream().map(l -> l.trim().split(" "))
                    .anyMatch(f -> f[1].equals("OK") && Long.parseLong(f[0]) > at);
        });
    }

    static int failuresBetween(ProbeReport r, long fromUptime, long toUptime) {
        long from = fromUptime - r.startedUptimeMillis();
        long to = toUptime - r.startedUptimeMillis();
        return (int) r.lines().stream().map(l -> l.trim().split(" "))
                .filter(f -> f[1].equals("FAIL"))
                .filter(f -> Long.parseLong(f[0]) >= from && Long.parseLong(f[0]) <= to)
                .count();
    }

    /** The longest time between the starts of two successful probe requests in a row within the window, in ms. */
    static long longestGapBetween(ProbeReport r, long fromUptime, long toUptime) {
        long from = fromUptime - r.startedUptimeMillis();
        long to = toUptime - r.startedUptimeMillis();
        List<Long> ok = r.lines().stream().map(l -> l.trim().split(" ")).filter(f -> f[1].equals("OK"))
                .map(f -> Long.parseLong(f[0])).sorted().toList();
        long previous = ok.stream().filter(t -> t <= from).reduce((a, b) -> b).orElse(from);
        long gap = 0;
        for (long t : ok) {
            if (t > from && t <= to) {
                gap = Math.max(gap, t - previous);
                previous = t;
            }
        }
        return Math.max(gap, to - previous);
    }
}
