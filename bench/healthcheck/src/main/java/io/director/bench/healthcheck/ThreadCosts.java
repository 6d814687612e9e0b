package io.director.bench.healthcheck;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What each of this JVM's threads cost between two snapshots, from {@code /proc/self/task}: CPU (user and
 * system), minor page faults and context switches. Under User-Mode Linux a page fault or a switch is work of
 * the guest kernel, billed to the process, so these say where CPU goes that neither the profile of the Java
 * code nor a count of system calls shows. Linux only; elsewhere a snapshot is empty.
 */
final class ThreadCosts {

    /** One thread's counters at a point in time. */
    record Counters(String name, long userTicks, long systemTicks, long minorFaults, long switches) {
        Counters minus(Counters before) {
            return new Counters(name, userTicks - before.userTicks, systemTicks - before.systemTicks,
                    minorFaults - before.minorFaults, switches - before.switches);
        }
    }

    private final Map<String, Counters> byTid;

    private ThreadCosts(Map<String, Counters> byTid) {
        this.byTid = byTid;
    }

    static ThreadCosts now() {
        Map<String, Counters> byTid = new HashMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    long switches = 0;
                    for (String line : Files.readAllLines(task.resolve("status"))) {
                        if (line.startsWith("voluntary_ctxt_switches") || line.startsWith("nonvoluntary_ctxt_switches")) {
                            switches += Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
                        }
                    }
                    // fields after the name, from 0: state(0) .. minflt(7) .. utime(11) stime(12)
                    byTid.put(task.getFileName().toString(), new Counters(name, Long.parseLong(f[11]), Long.parseLong(f[12]),
                            Long.parseLong(f[7]), switches));
                } catch (IOException | RuntimeException gone) {
                    // the thread ended while we read it
                }
            }
        } catch (IOException notLinux) {
            return new ThreadCosts(Map.of());
        }
        return new ThreadCosts(byTid);
    }

    /**
     * The costs since {@code before}, summed by thread name (pool threads with numbered names stay apart),
     * largest CPU first, as one line: CPU in % of one core over {@code wallNanos}, then faults and switches per
     * check ({@code checks} of them; with none, in all).
     */
    String since(ThreadCosts before, long wallNanos, long checks, long ticksPerSecond) {
        Map<String, Counters> byName = new HashMap<>();
        Counters total = new Counters("all", 0, 0, 0, 0);
        for (Map.Entry<String, Counters> e : byTid.entrySet()) {
            Counters was = before.byTid.getOrDefault(e.getKey(), new Counters(e.getValue().name(), 0, 0, 0, 0));
            Counters d = e.getValue().minus(was);
            byName.merge(d.name(), d, (a, b) -> new Counters(a.name(), a.userTicks + b.userTicks,
                    a.systemTicks + b.systemTicks, a.minorFaults + b.minorFaults, a.switches + b.switches));
            total = new Counters("all", total.userTicks + d.userTicks, total.systemTicks + d.systemTicks,
                    total.minorFaults + d.minorFaults, total.switches + d.switches);
        }
        double seconds = wallNanos / 1e9;
        StringBuilder line = new StringBuilder(String.format(
                "  threads: all user %.1f%% system %.1f%%, minor faults %.2f, switches %.2f %s |",
                100.0 * total.userTicks / ticksPerSecond / seconds, 100.0 * total.systemTicks / ticksPerSecond / seconds,
                (double) total.minorFaults / Math.max(1, checks), (double) total.switches / Math.max(1, checks),
                checks > 0 ? "per check" : "in all"));
        List<Counters> top = byName.values().stream()
                .filter(c -> c.userTicks + c.systemTicks > 0 || c.switches > 0)
                .sorted((a, b) -> Long.compare(b.userTicks + b.systemTicks, a.userTicks + a.systemTicks))
                .limit(8).toList();
        for (Counters c : top) {
            line.append(String.format(" %s %.1f%%+%.1f%% (%d faults, %d switches);", c.name(),
                    100.0 * c.userTicks / ticksPerSecond / seconds, 100.0 * c.systemTicks / ticksPerSecond / seconds,
                    c.minorFaults, c.switches));
        }
        return line.toString();
    }
}
