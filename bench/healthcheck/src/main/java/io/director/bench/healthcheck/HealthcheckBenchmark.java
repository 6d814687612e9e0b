package io.director.bench.healthcheck;

import io.director.config.model.CheckTiming;
import io.director.config.model.Forwarding;
import io.director.config.model.HttpCheck;
import io.director.config.model.OnFailure;
import io.director.config.model.Protocol;
import io.director.config.model.Quorum;
import io.director.config.model.RealServerConfig;
import io.director.config.model.ServiceConfig;
import io.director.config.model.ServiceId;
import io.director.config.model.StatusRange;
import io.director.healthcheck.HealthEngine;
import io.director.healthcheck.HealthEngineOptions;
import io.director.healthcheck.HealthEvent;
import io.director.healthcheck.HealthSnapshot;
import io.director.healthcheck.probe.NettyTransport;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * N HTTP real servers on loopback (distinct address:port endpoints served by separate server processes),
 * each checked every interval by one {@link HealthEngine} on one I/O thread. For each mode (a new connection
 * per check, then keep-alive) it reports the engine process's CPU as a percentage of one core, the lateness
 * of check starts against their schedule (p50, p99, max), heap used, and whether every check passed.
 *
 * <p>Usage: HealthcheckBenchmark [--real-servers N] [--seconds S] [--warmup S] [--interval-ms MS] [--modes idle,new,keepalive]
 * [--threads T] [--external ADDRESS:FIRST_PORT] [--marks FILE]. With {@code --external} no server processes are started: the
 * real servers are ADDRESS on N consecutive ports (e.g. one nginx in a lab guest, for the keepalived
 * side-by-side). With {@code --marks} each measurement's begin and end are appended to FILE as
 * "EPOCH-SECONDS director-MODE begin|end".
 */
public final class HealthcheckBenchmark {

    private static final int PORTS_PER_ADDRESS = 100;
    private static final int BASE_PORT = 20000;
    private static final int SERVER_PROCESSES = 2;
    /** Linux's clock ticks per second in /proc (USER_HZ, 100 on every architecture the lab runs). */
    private static final long USER_HZ = 100;

    public static void main(String[] args) throws Exception {
        int realServers = 10_000;
        int seconds = 60;
        int warmup = 10;
        int intervalMs = 1000;
        int threads = 1;
        List<String> modes = List.of("new", "keepalive");
        String external = null;
        Path marks = null;
        for (int i = 0; i < args.length; i += 2) {
            switch (args[i]) {
                case "--real-servers" -> realServers = Integer.parseInt(args[i + 1]);
                case "--seconds" -> seconds = Integer.parseInt(args[i + 1]);
                case "--warmup" -> warmup = Integer.parseInt(args[i + 1]);
                case "--interval-ms" -> intervalMs = Integer.parseInt(args[i + 1]);
                case "--modes" -> modes = List.of(args[i + 1].split(","));
                case "--threads" -> threads = Integer.parseInt(args[i + 1]);
                case "--external" -> external = args[i + 1];
                case "--marks" -> marks = Path.of(args[i + 1]);
                default -> {
                    System.err.println("unknown option " + args[i]);
                    System.exit(2);
                }
            }
        }
        int addresses = (realServers + PORTS_PER_ADDRESS - 1) / PORTS_PER_ADDRESS;
        List<Process> servers = external == null ? startServers(addresses) : List.of();
        try {
            System.out.printf("healthcheck benchmark: %d HTTP real servers (%s), %d I/O thread(s), "
                            + "interval %d ms, warm-up %d s, measured %d s, %d CPUs, load average %.1f, transport %s%n",
                    realServers, external == null ? addresses + " loopback addresses x " + PORTS_PER_ADDRESS + " ports"
                            : "external " + external + " and up", threads, intervalMs, warmup, seconds,
                    Runtime.getRuntime().availableProcessors(),
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), NettyTransport.chosen());
            for (String mode : modes) {
                boolean keepAlive = mode.equals("keepalive");
                List<ServiceConfig> services = mode.equals("idle") ? List.of() : external == null
                        ? services(realServers, intervalMs, keepAlive)
                        : externalServices(external, realServers, intervalMs, keepAlive);
                run(mode, services, realServers, threads, intervalMs, warmup, seconds, marks);
            }
        } finally {
            for (Process p : servers) {
                p.getOutputStream().close();
                p.destroy();
                p.waitFor();
            }
        }
    }

    private static List<Process> startServers(int addresses) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        String classpath = System.getProperty("java.class.path");
        List<Process> processes = new ArrayList<>();
        int per = (addresses + SERVER_PROCESSES - 1) / SERVER_PROCESSES;
        for (int first = 0; first < addresses; first += per) {
            int count = Math.min(per, addresses - first);
            processes.add(new ProcessBuilder(java, "-Xmx256m", "-cp", classpath, LoopbackHttpServers.class.getName(),
                    Integer.toString(first), Integer.toString(count), Integer.toString(BASE_PORT),
                    Integer.toString(PORTS_PER_ADDRESS))
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start());
        }
        for (Process p : processes) {
            String line = new BufferedReader(new InputStreamReader(p.getInputStream())).readLine();
            if (!"READY".equals(line)) {
                throw new IllegalStateException("server process did not start: " + line);
            }
        }
        return processes;
    }

    private static HttpCheck check(int intervalMs, boolean keepAlive) {
        CheckTiming timing = new CheckTiming(Duration.ofMillis(intervalMs), Duration.ofMillis(Math.min(intervalMs, 800)), 1, 3, true);
        return new HttpCheck(timing, false, "/", Optional.empty(), List.of(StatusRange.of(200)),
                Optional.empty(), true, Optional.empty(), OptionalInt.empty(), keepAlive);
    }

    /** One service over ADDRESS:FIRST_PORT .. FIRST_PORT + N - 1. */
    private static List<ServiceConfig> externalServices(String external, int realServers, int intervalMs, boolean keepAlive)
            throws Exception {
        int colon = external.lastIndexOf(':');
        InetAddress address = InetAddress.getByName(external.substring(0, colon));
        int firstPort = Integer.parseInt(external.substring(colon + 1));
        HttpCheck check = check(intervalMs, keepAlive);
        List<RealServerConfig> pool = new ArrayList<>();
        for (int p = 0; p < realServers; p++) {
            pool.add(new RealServerConfig(address, firstPort + p, 1, 0, 0, Optional.of(check)));
        }
        ServiceId id = ServiceId.of(Protocol.TCP, InetAddress.getByName("198.51.100.100"), 80);
        return List.of(new ServiceConfig(id, "rr", Set.of(), Forwarding.NAT, Duration.ZERO, 0, false, new Quorum(1, 0),
                Optional.empty(), OnFailure.REMOVE, Optional.empty(), pool));
    }

    private static List<ServiceConfig> services(int realServers, int intervalMs, boolean keepAlive) throws Exception {
        HttpCheck check = check(intervalMs, keepAlive);
        List<ServiceConfig> services = new ArrayList<>();
        int addresses = (realServers + PORTS_PER_ADDRESS - 1) / PORTS_PER_ADDRESS;
        for (int a = 0; a < addresses; a++) {
            List<RealServerConfig> pool = new ArrayList<>();
            for (int p = 0; p < PORTS_PER_ADDRESS && a * PORTS_PER_ADDRESS + p < realServers; p++) {
                pool.add(new RealServerConfig(LoopbackHttpServers.loopback(a), BASE_PORT + p, 1, 0, 0, Optional.of(check)));
            }
            // documentation-range VIPs: the benchmark never touches the kernel
            ServiceId id = ServiceId.of(Protocol.TCP, InetAddress.getByName("198.51.100.100"), 1000 + a);
            services.add(new ServiceConfig(id, "wrr", Set.of(), Forwarding.DR, Duration.ZERO, 0, false, new Quorum(1, 0),
                    Optional.empty(), OnFailure.REMOVE, Optional.empty(), pool));
        }
        return services;
    }

    private static void run(String mode, List<ServiceConfig> services, int realServers, int threads, int intervalMs,
            int warmup, int seconds, Path marks) throws Exception {
        long[] lateness = new long[(int) Math.min(50_000_000L, (long) realServers * (seconds + 2) * 1000L / intervalMs + 1000)];
        AtomicInteger samples = new AtomicInteger();
        AtomicLong downEvents = new AtomicLong();
        class Recorder {
            volatile boolean measuring;
        }
        Recorder recorder = new Recorder();
        HealthEngineOptions options = HealthEngineOptions.defaults().withEventLoopThreads(threads).withStartLateness(nanos -> {
            if (recorder.measuring) {
                int i = samples.getAndIncrement();
                if (i < lateness.length) {
                    lateness[i] = nanos;
                }
            }
        });
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        try (HealthEngine engine = new HealthEngine(options, e -> {
            if (e instanceof HealthEvent.RealServerDown) {
                downEvents.incrementAndGet();
            }
        })) {
            engine.update(services);
            Thread.sleep(warmup * 1000L);
            long downBefore = downEvents.get();
            mark(marks, "director-" + mode + " begin");
            long cpu0 = os.getProcessCpuTime();
            ThreadCosts threads0 = ThreadCosts.now();
            long wall0 = System.nanoTime();
            recorder.measuring = true;
            long maxHeap = 0;
            for (int s = 0; s < seconds; s++) {
                Thread.sleep(1000);
                maxHeap = Math.max(maxHeap, memory.getHeapMemoryUsage().getUsed());
            }
            recorder.measuring = false;
            mark(marks, "director-" + mode + " end");
            long cpu = os.getProcessCpuTime() - cpu0;
            long wall = System.nanoTime() - wall0;
            ThreadCosts threads1 = ThreadCosts.now();
            HealthSnapshot snapshot = engine.snapshot();
            long up = snapshot.services().stream().mapToLong(HealthSnapshot.Service::healthy).sum();
            long lastFailed = snapshot.services().stream().flatMap(s -> s.realServers().stream())
                    .filter(r -> r.lastCheck().map(c -> !c.ok()).orElse(false)).count();
            double[] latency = snapshot.services().stream().flatMap(s -> s.realServers().stream())
                    .flatMap(r -> r.lastCheck().stream()).mapToDouble(c -> c.latency().toNanos() / 1e6).sorted().toArray();
            System.gc();
            long liveHeap = memory.getHeapMemoryUsage().getUsed();
            int n = Math.min(samples.get(), lateness.length);
            long[] sorted = Arrays.copyOf(lateness, n);
            Arrays.sort(sorted);
            double expected = (double) realServers * wall / 1e6 / intervalMs;
            double cpuMicrosPerCheck = n == 0 ? 0 : cpu / 1e3 / n;
            System.out.printf("%-34s CPU %5.1f%% of one core, %.1f us per check (%.1f%% of one core at the full schedule) | "
                            + "checks started %d (%.1f%% of schedule) | "
                            + "start lateness p50 %.2f ms, p99 %.2f ms (%.2f%% of interval), max %.1f ms | "
                            + "check latency p50 %.2f ms, p99 %.2f ms | heap max %d MB, live after GC %d MB | "
                            + "up %d/%d, last check failed %d, down events %d%n",
                    switch (mode) {
                        case "keepalive" -> "keep-alive connection per server:";
                        case "idle" -> "idle (no real server):";
                        default -> "new connection per check:";
                    },
                    100.0 * cpu / wall, cpuMicrosPerCheck, cpuMicrosPerCheck * realServers / intervalMs / 10.0,
                    n, 100.0 * n / expected,
                    percentile(sorted, 0.50) / 1e6, percentile(sorted, 0.99) / 1e6,
                    100.0 * percentile(sorted, 0.99) / 1e6 / intervalMs, (n == 0 ? 0 : sorted[n - 1]) / 1e6,
                    percentile(latency, 0.50), percentile(latency, 0.99),
                    maxHeap >> 20, liveHeap >> 20, up, realServers, lastFailed, downEvents.get() - downBefore);
            System.out.println(threads1.since(threads0, wall, n, USER_HZ));
        }
    }

    /**
     * Appends "EPOCH-SECONDS LABEL" to {@code marks} (when given): where a measurement window begins and ends, for
     * a reading of the CPU from outside (the lab guest's host, side-by-side.sh).
     */
    private static void mark(Path marks, String label) throws IOException {
        if (marks != null) {
            Instant now = Instant.now();
            Files.writeString(marks, String.format("%d.%09d %s%n", now.getEpochSecond(), now.getNano(), label),
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
    }

    private static double percentile(long[] sorted, double q) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
    }

    private static double percentile(double[] sorted, double q) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.max(0, (int) Math.ceil(q * sorted.length) - 1))];
    }
}
