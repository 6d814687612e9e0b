package io.director.lab;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a settled, idle director pair costs: the share of the guest's one CPU its two daemons use while
 * nothing fails and no client sends (their link probes, JGroups' heartbeats, health checks and drift
 * repair), measured from {@code /proc} in the guest over ROUNDS windows of SECONDS each.
 * {@code IdleCost OUT ROUNDS SECONDS}
 */
public final class IdleCost {
    private IdleCost() {}

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "lab-out/idle").toAbsolutePath();
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 30;
        Files.createDirectories(out);
        try (Lab lab = Lab.boot(3, out); Directors directors = new Directors(lab)) {
            directors.startPair(Duration.ofSeconds(180));
            // the JIT's and the first checks' work is the start, not the idle pair
            long warm = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            Lab.await(Duration.ofSeconds(30), "20 s of warm-up", () -> System.nanoTime() >= warm);
            String pids = lab.guest("pgrep -d ' ' -f 'director-all.jar run'").assertSuccess().stdout().trim();
            System.out.println("idle pair: daemons " + pids + ", " + rounds + " windows of " + seconds + " s, options "
                    + Directors.DAEMON_JAVA_OPTS);
            List<Double> shares = new ArrayList<>();
            for (int r = 0; r < rounds; r++) {
                // jiffies (USER_HZ 100) of the whole guest and of each daemon, before and after the window
                String sample = "head -1 /proc/stat; for p in " + pids + "; do cut -d' ' -f14,15 /proc/$p/stat; done";
                String threads = "for p in " + pids + "; do for t in /proc/$p/task/*; do "
                        + "echo \"$p $(cat $t/comm | tr ' ' _) $(cut -d' ' -f14,15 $t/stat)\"; done; done";
                // the thread listings (a process per thread) stay outside the guest's window
                String script = "before=$(" + threads + "); " + sample + "; sleep " + seconds + "; " + sample
                        + "; echo --; echo \"$before\"; echo --; " + threads;
                String[] parts = lab.guest(Duration.ofSeconds(seconds + 60), script).assertSuccess().stdout().strip().split("--\n");
                String[] lines = parts[0].strip().split("\n");
                int n = lines.length / 2;
                long[] cpu0 = cpu(lines[0]);
                long[] cpu1 = cpu(lines[n]);
                long total = cpu1[0] - cpu0[0];
                long busy = total - (cpu1[1] - cpu0[1]);
                long daemons = 0;
                StringBuilder each = new StringBuilder();
                for (int i = 1; i < n; i++) {
                    long used = jiffies(lines[n + i]) - jiffies(lines[i]);
                    daemons += used;
                    each.append(String.format(" %.1f%%", 100.0 * used / total));
                }
                double share = 100.0 * daemons / total;
                shares.add(share);
                System.out.printf("  window %d: guest busy %.1f%%, daemons %.1f%% (each%s); busiest threads:%s%n", r + 1,
                        100.0 * busy / total, share, each, busiest(parts[1], parts[2], total));
            }
            shares.sort(null);
            System.out.printf("RESULT idle pair: daemons' CPU median %.1f%% of the guest (%.1f-%.1f)%n",
                    shares.get(shares.size() / 2), shares.get(0), shares.get(shares.size() - 1));
        }
    }

    /**
     * The five thread names that used most CPU between two listings of "PID NAME UTIME STIME" lines (threads
     * of one name summed; a thread that ended while listed leaves a short line, skipped).
     */
    private static String busiest(String before, String after, long total) {
        Map<String, Long> used = threadJiffies(after);
        threadJiffies(before).forEach((name, j) -> used.computeIfPresent(name, (k, v) -> v - j));
        StringBuilder b = new StringBuilder();
        used.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(5)
                .forEach(e -> b.append(String.format(" %s %.1f%%", e.getKey(), 100.0 * e.getValue() / total)));
        return b.toString();
    }

    private static Map<String, Long> threadJiffies(String listing) {
        Map<String, Long> result = new HashMap<>();
        for (String line : listing.strip().split("\n")) {
            String[] f = line.trim().split(" ");
            if (f.length == 4) {
                result.merge(f[0] + " " + f[1], Long.parseLong(f[2]) + Long.parseLong(f[3]), Long::sum);
            }
        }
        return result;
    }

    /** {total, idle} jiffies from /proc/stat's first line. */
    private static long[] cpu(String line) {
        String[] f = line.trim().split("\\s+");
        long total = 0;
        for (int i = 1; i < f.length; i++) {
            total += Long.parseLong(f[i]);
        }
        return new long[] {total, Long.parseLong(f[4]) + Long.parseLong(f[5])};
    }

    private static long jiffies(String utimeStime) {
        String[] f = utimeStime.trim().split(" ");
        return Long.parseLong(f[0]) + Long.parseLong(f[1]);
    }
}
