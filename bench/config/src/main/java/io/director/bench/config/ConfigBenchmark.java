package io.director.bench.config;

import io.director.config.core.ConfigChange;
import io.director.config.core.ConfigDiff;
import io.director.config.hocon.ConfigFile;
import io.director.config.hocon.ConfigLoader;
import io.director.config.hocon.LoadResult;
import io.director.config.model.DirectorConfig;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Parses and validates a file of S services x R real servers and a copy with one line changed (one real
 * server's weight), then diffs the two models; prints the time of each step, first run and steady state.
 */
public final class ConfigBenchmark {

    public static void main(String[] args) throws IOException {
        int services = 2000;
        int realServers = 20;
        int rounds = 10;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--services" -> services = Integer.parseInt(args[i + 1]);
                case "--real-servers" -> realServers = Integer.parseInt(args[i + 1]);
                case "--rounds" -> rounds = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Path dir = Files.createTempDirectory("director-bench-config");
        Path a = dir.resolve("a.conf");
        Path b = dir.resolve("b.conf");
        String text = generate(services, realServers);
        Files.writeString(a, text);
        // one line changed: the weight of the last service's last real server
        int at = text.lastIndexOf("weight = ");
        Files.writeString(b, text.substring(0, at) + "weight = 7" + text.substring(at + "weight = 1".length()));
        System.out.printf("file: %d services x %d real servers = %d real servers, %.1f MB, %d lines%n",
                services, realServers, services * realServers, Files.size(a) / 1e6, text.lines().count());
        System.out.printf("jvm: %s, %d CPUs, max heap %d MB%n", System.getProperty("java.vm.version"),
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);

        java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        List<Double> cpuLoad = new ArrayList<>();
        List<Double> cpuReload = new ArrayList<>();
        List<Double> loadA = new ArrayList<>();
        List<Double> loadB = new ArrayList<>();
        List<Double> diffs = new ArrayList<>();
        List<Double> totals = new ArrayList<>();
        for (int round = 0; round <= rounds; round++) {
            long c0 = threads.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            DirectorConfig ca = load(a);
            long t1 = System.nanoTime();
            long c1 = threads.getCurrentThreadCpuTime();
            DirectorConfig cb = load(b);
            long t2 = System.nanoTime();
            List<ConfigChange> changes = ConfigDiff.diff(ca, cb);
            long t3 = System.nanoTime();
            long c3 = threads.getCurrentThreadCpuTime();
            if (changes.size() != 1) {
                throw new IllegalStateException("expected one change, got " + changes);
            }
            if (round == 0) {
                System.out.printf("first run (cold JVM): parse+validate %.0f ms + %.0f ms, diff %.1f ms, total %.0f ms%n",
                        ms(t1 - t0), ms(t2 - t1), ms(t3 - t2), ms(t3 - t0));
                System.out.println("change found: " + changes.get(0).summary());
                continue;
            }
            loadA.add(ms(t1 - t0));
            loadB.add(ms(t2 - t1));
            diffs.add(ms(t3 - t2));
            totals.add(ms(t3 - t0));
            cpuLoad.add(ms(c1 - c0));
            cpuReload.add(ms(c3 - c1));
        }
        System.out.printf("steady state over %d rounds (median / min / max):%n", rounds);
        System.out.printf("  parse+validate original: %s ms%n", stats(loadA));
        System.out.printf("  parse+validate changed:  %s ms%n", stats(loadB));
        System.out.printf("  diff:                    %s ms%n", stats(diffs));
        System.out.printf("  total (both + diff):     %s ms%n", stats(totals));
        System.out.printf("CPU time of the benchmark thread (median / min / max), immune to waiting for a CPU:%n");
        System.out.printf("  one load (parse+validate):              %s ms%n", stats(cpuLoad));
        System.out.printf("  reload (load changed copy + diff):      %s ms%n", stats(cpuReload));
        oneTree(a, Math.min(rounds, 3), threads);
        incremental(dir, text, Files.readString(b), rounds, threads);
        System.gc();
        System.out.printf("process CPU time %.1f s; heap after GC %d MB%n",
                ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime() / 1e9,
                (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20);
        Files.delete(a);
        Files.delete(b);
        Files.delete(dir);
    }

    /**
     * The daemon's reload path: one ConfigFile, loaded once whole, then the file alternates between the two
     * texts; each load parses only the changed service. Timed: load + diff against the running model.
     */
    private static void incremental(Path dir, String original, String changed, int rounds,
            java.lang.management.ThreadMXBean threads) throws IOException {
        Path live = dir.resolve("live.conf");
        Files.writeString(live, original);
        ConfigFile file = new ConfigFile(live);
        DirectorConfig running = valid(file.load());
        List<Double> wall = new ArrayList<>();
        List<Double> cpu = new ArrayList<>();
        for (int round = 0; round <= rounds; round++) {
            Files.writeString(live, round % 2 == 0 ? changed : original);
            long c0 = threads.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            DirectorConfig next = valid(file.load());
            List<ConfigChange> changes = ConfigDiff.diff(running, next);
            long t1 = System.nanoTime();
            long c1 = threads.getCurrentThreadCpuTime();
            if (changes.size() != 1 || !file.lastWasPartial()) {
                throw new IllegalStateException("expected one change from a partial parse, got " + changes);
            }
            running = next;
            if (round > 0) {
                wall.add(ms(t1 - t0));
                cpu.add(ms(c1 - c0));
            }
        }
        System.out.printf("daemon reload (ConfigFile: read, cut, parse the changed service, validate, diff):%n");
        System.out.printf("  wall %s ms, thread CPU %s ms%n", stats(wall), stats(cpu));
        Files.delete(live);
    }

    /** For comparison: the whole file as one typesafe-config tree, what a first load did before slicing. */
    private static void oneTree(Path file, int rounds, java.lang.management.ThreadMXBean threads) {
        List<Double> wall = new ArrayList<>();
        List<Double> cpu = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            long c0 = threads.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            valid(ConfigLoader.load(file));
            wall.add(ms(System.nanoTime() - t0));
            cpu.add(ms(threads.getCurrentThreadCpuTime() - c0));
        }
        System.out.printf("one load as one tree (ConfigLoader.load, no slices), %d rounds:%n", rounds);
        System.out.printf("  wall %s ms, thread CPU %s ms%n", stats(wall), stats(cpu));
    }

    /** A first load, as {@code director check}, {@code apply} and the daemon's start do it. */
    private static DirectorConfig load(Path file) {
        return valid(new ConfigFile(file).load());
    }

    private static DirectorConfig valid(LoadResult r) {
        if (!r.isValid()) {
            throw new IllegalStateException("benchmark file invalid: " + r.problemLines().subList(0, Math.min(5, r.problems().size())));
        }
        return r.config().orElseThrow();
    }

    static String generate(int services, int realServers) {
        StringBuilder s = new StringBuilder(services * realServers * 70);
        s.append("director {\n  node-id = d1\n  cluster { bind = \"198.51.100.2:7800\", members = [\"198.51.100.2:7800\", \"198.51.100.3:7800\"] }\n");
        s.append("  vips = [\"198.51.100.100/24\"]\n  services = [\n");
        for (int i = 0; i < services; i++) {
            s.append("    { vip = 198.51.100.100, port = ").append(1000 + i).append(", scheduler = wrr, quorum = 1\n");
            s.append("      check { type = http, path = \"/health\", expect = [200], interval = 1s, timeout = 500ms }\n");
            s.append("      real-servers = [\n");
            for (int r = 0; r < realServers; r++) {
                s.append("        { address = \"198.51.100.").append(11 + r % 200).append("\", port = ").append(8000 + r / 200)
                        .append(", weight = 1 }\n");
            }
            s.append("      ]\n    }\n");
        }
        s.append("  ]\n}\n");
        return s.toString();
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    private static String stats(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return String.format("%.1f / %.1f / %.1f", sorted.get(sorted.size() / 2), sorted.get(0), sorted.get(sorted.size() - 1));
    }
}
