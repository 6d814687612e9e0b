package io.director.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the failover lab tests check after each step, with independent tools: who holds the VIPs
 * ({@code ip addr} on d1, d2, w), where the client's neighbour entry for the VIP points, and whether the
 * client's probe traffic flows; plus figures from the probe's log on the guest's uptime clock.
 */
final class FailoverChecks {
    /** How often conditions that run commands in the guest are checked: its one CPU runs the directors too. */
    static final Duration POLL = Duration.ofMillis(250);
    private final Lab lab;
    private final Directors directors;
    private final Duration deadline;
    private final Map<String, String> macs = new HashMap<>();
    private Probe probe;

    FailoverChecks(Lab lab, Directors directors, Duration deadline) {
        this.lab = lab;
        this.directors = directors;
        this.deadline = deadline;
    }

    /** Starts the client's probe: a new connection and GET / to the VIP every 20 ms. */
    Probe startProbe() {
        probe = lab.startProbe(Duration.ofMillis(20));
        return probe;
    }

    Probe probe() {
        return probe;
    }

    VipOwnership ownership() {
        return VipOwnership.read(lab);
    }

    /** The MAC of a director's eth0 (read once: it never changes). */
    String mac(String node) {
        return macs.computeIfAbsent(node, directors::mac);
    }

    /** The directors whose last logged role is MASTER. */
    Set<String> masters() {
        Set<String> masters = new TreeSet<>();
        for (String node : List.of("d1", "d2")) {
            if (directors.role(node).equals("MASTER")) {
                masters.add(node);
            }
        }
        return masters;
    }

    /**
     * Waits until exactly one director holds the VIPs (both of them) and the client's neighbour entry points to
     * it; {@code expected} names it, or null for whichever. Returns the owner.
     */
    String awaitSettled(String expected, String when) {
        String[] owner = new String[1];
        VipOwnership[] last = new VipOwnership[1];
        try {
            Lab.await(deadline, POLL, (expected == null ? "one owner of the VIPs" : expected + " alone owning the VIPs")
                    + " " + when + " and the client's neighbour entry pointing to it", () -> {
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

    /** {@code ip addr} on d1, d2 and w, read ten times in a row, shows the one owner each time. */
    void assertOneOwnerWhileSettled(String owner) {
        for (int i = 0; i < 10; i++) {
            VipOwnership now = ownership();
            assertThat(now.owners()).as("VIP owners once settled (sample %d): %s", i, now).containsExactly(owner);
        }
    }

    /** Waits for a successful probe request that started after {@code uptimeMillis}. */
    void awaitTrafficAfter(long uptimeMillis, String what) {
        Lab.await(deadline, "client traffic through the VIP after " + what, () -> {
            ProbeReport r = probe.snapshot();
            long at = uptimeMillis - r.startedUptimeMillis();
            return r.lines().stream().map(l -> l.trim().split(" "))
                    .anyMatch(f -> f[1].equals("OK") && Long.parseLong(f[0]) > at);
        });
    }

    /** Probe requests that failed between two instants of the guest's uptime clock. */
    int failuresBetween(long fromUptime, long toUptime) {
        ProbeReport r = probe.snapshot();
        long from = fromUptime - r.startedUptimeMillis();
        long to = toUptime - r.startedUptimeMillis();
        return (int) r.lines().stream().map(l -> l.trim().split(" "))
                .filter(f -> f[1].equals("FAIL"))
                .filter(f -> Long.parseLong(f[0]) >= from && Long.parseLong(f[0]) <= to)
                .count();
    }

    /** The longest time, in ms, between the starts of two successful probe requests in a row within the window. */
    long longestGapBetween(long fromUptime, long toUptime) {
        ProbeReport r = probe.snapshot();
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

    /** Stops the probe and saves the running directors' logs as {@code PREFIX-NODE.log} in the lab's output. */
    void finish(String prefix) {
        if (probe != null) {
            probe.stop();
        }
        for (String node : VipOwnership.HOSTS) {
            if (directors.daemon(node) != null) {
                try {
                    Files.writeString(lab.out().resolve(prefix + "-" + node + ".log"), directors.log(node));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }
}
