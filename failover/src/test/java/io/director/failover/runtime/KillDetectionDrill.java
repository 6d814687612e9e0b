package io.director.failover.runtime;

import io.director.config.model.ClusterConfig;
import io.director.config.model.Endpoint;
import io.director.config.model.MemberRole;
import io.director.failover.core.Role;
import io.director.failover.port.Ports;
import io.director.failover.port.SelfCheck;
import io.director.failover.port.SyncRole;
import io.director.failover.port.VipOwnership;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Not a test: measures how long after a kill -9 of the master's JVM the other JVM takes the VIPs (fake
 * ports), two JVMs on loopback. {@code KillDetectionDrill drill ROUNDS [probeMs multiplier]} runs the drill;
 * {@code KillDetectionDrill node ID PRIORITY PORT1 PORT2 probeMs multiplier} is one member (used by the drill).
 * Each member prints "ACQUIRE epochMicros" when it takes the VIPs; the drill prints the figures.
 */
public final class KillDetectionDrill {
    private KillDetectionDrill() {}

    public static void main(String[] args) throws Exception {
        if (args[0].equals("node")) {
            node(args);
        } else {
            try {
                drill(Integer.parseInt(args[1]), args.length > 2 ? args[2] : "30", args.length > 3 ? args[3] : "5");
            } finally {
                System.exit(0); // runs the shutdown hook that stops the member JVMs
            }
        }
    }

    private static long epochMicros() {
        java.time.Instant now = java.time.Instant.now();
        return now.getEpochSecond() * 1_000_000 + now.getNano() / 1000;
    }

    private static void node(String[] a) throws Exception {
        String id = a[1];
        int priority = Integer.parseInt(a[2]);
        InetAddress lo = InetAddress.getByName("127.0.0.1");
        Endpoint p1 = new Endpoint(lo, Integer.parseInt(a[3]));
        Endpoint p2 = new Endpoint(lo, Integer.parseInt(a[4]));
        int probeMs = Integer.parseInt(a[5]);
        int multiplier = Integer.parseInt(a[6]);
        Endpoint bind = id.equals("d1") ? p1 : p2;
        ClusterConfig config = new ClusterConfig("drill", bind, List.of(p1, p2), priority, false, Duration.ZERO,
                Optional.empty(), MemberRole.DIRECTOR, Duration.ofSeconds(2), Duration.ofMillis(100),
                Duration.ofMillis(600));
        VipOwnership vips = new VipOwnership() {
            volatile boolean held;

            @Override
            public void acquire() {
                held = true;
                System.out.println("ACQUIRE " + epochMicros());
            }

            @Override
            public void release() {
                held = false;
            }

            @Override
            public boolean held() {
                return held;
            }
        };
        SyncRole sync = new SyncRole() {
            @Override
            public void becomeMaster() {
            }

            @Override
            public void becomeBackup() {
            }
        };
        FailoverOptions options = new FailoverOptions(Duration.ofMillis(probeMs), multiplier, Duration.ofSeconds(2),
                Duration.ofSeconds(5), Duration.ofMillis(200));
        if (probeMs == 0) {
            options = options.withoutProbe();
        }
        FailoverNode node = new FailoverNode(config, id, new Ports(vips, sync, SelfCheck.healthy(),
                (from, to, reason) -> System.out.println("ROLE " + to + " " + reason)), Ticker.system(), options);
        node.start();
        System.out.println("STARTED");
        Thread.sleep(Long.MAX_VALUE); // until killed
    }

    private static final class Member {
        final Process process;
        final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

        Member(List<String> command) throws Exception {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
            Thread reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream()))) {
                    String line;
                    while ((line = r.readLine()) != null) {
                        lines.add(line);
                        if (System.getenv("DRILL_LOG") != null) {
                            System.err.println(process.pid() + " " + line);
                        }
                    }
                } catch (Exception ignored) {
                    // process gone
                }
            });
            reader.setDaemon(true);
            reader.start();
        }

        String role = "";

        /** The first role this member reports (its first ROLE line). */
        String awaitRole(long millis) throws InterruptedException {
            role = await("ROLE ", millis).split(" ")[1];
            return role;
        }

        /** Consumes queued lines, keeping the latest role. */
        void drainRoles() {
            String line;
            while ((line = lines.poll()) != null) {
                if (line.startsWith("ROLE ")) {
                    role = line.split(" ")[1];
                }
            }
        }

        String await(String prefix, long millis) throws InterruptedException {
            long end = System.currentTimeMillis() + millis;
            while (true) {
                String line = lines.poll(Math.max(1, end - System.currentTimeMillis()), TimeUnit.MILLISECONDS);
                if (line == null) {
                    throw new IllegalStateException("no '" + prefix + "' within " + millis + " ms");
                }
                if (line.startsWith("ROLE ")) {
                    role = line.split(" ")[1];
                }
                if (line.startsWith(prefix)) {
                    return line;
                }
            }
        }
    }

    private static int awaitSettled(Member[] members) throws InterruptedException {
        long end = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < end) {
            for (Member m : members) {
                m.drainRoles();
            }
            if (members[0].role.equals("MASTER") && members[1].role.equals("BACKUP")) {
                return 0;
            }
            if (members[1].role.equals("MASTER") && members[0].role.equals("BACKUP")) {
                return 1;
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("no single master within 30 s");
    }

    private static void drill(int rounds, String probeMs, String multiplier) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        String cp = System.getProperty("java.class.path");
        int port1 = 47800 + (int) (ProcessHandle.current().pid() % 500) * 2;
        int port2 = port1 + 1;
        Member[] members = new Member[2];
        // the members must not outlive the drill, also when it fails half-way
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            for (Member m : members) {
                if (m != null) {
                    m.process.destroyForcibly();
                }
            }
        }));
        List<Long> gaps = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            members[i] = new Member(List.of(java, "-Xmx128m", "-Djava.net.preferIPv4Stack=true", "-cp", cp,
                    KillDetectionDrill.class.getName(), "node", "d" + (i + 1), "100", "" + port1, "" + port2,
                    probeMs, multiplier));
            members[i].await("STARTED", 30_000);
        }
        int dualMasterStarts = 0;
        for (int round = 0; round < rounds; round++) {
            // settled: exactly one member's latest role is MASTER and the other's BACKUP
            int master = awaitSettled(members);
            int backup = 1 - master;
            Thread.sleep(300); // a few probe intervals after settling, so both probes are armed
            members[backup].lines.clear();
            long killedAt = epochMicros();
            members[master].process.destroyForcibly(); // SIGKILL
            String line = members[backup].await("ACQUIRE", 30_000);
            long gap = Long.parseLong(line.substring("ACQUIRE ".length())) - killedAt;
            gaps.add(gap);
            System.out.printf("round %d: d%d killed, d%d took over after %.1f ms%n", round + 1, master + 1,
                    backup + 1, gap / 1000.0);
            members[master].process.waitFor();
            members[master] = new Member(List.of(java, "-Xmx128m", "-Djava.net.preferIPv4Stack=true", "-cp", cp,
                    KillDetectionDrill.class.getName(), "node", "d" + (master + 1), "100", "" + port1, "" + port2,
                    probeMs, multiplier));
            if (members[master].awaitRole(30_000).equals("MASTER")) {
                dualMasterStarts++; // the restarted member took the VIPs before it found the other
            }
        }
        System.out.printf("restarted members that took the VIPs before joining: %d of %d%n", dualMasterStarts, rounds);
        for (Member m : members) {
            m.process.destroyForcibly();
        }
        Collections.sort(gaps);
        System.out.printf("probe %s ms x %s: n=%d min %.1f p50 %.1f max %.1f ms%n", probeMs, multiplier, gaps.size(),
                gaps.get(0) / 1000.0, gaps.get(gaps.size() / 2) / 1000.0, gaps.get(gaps.size() - 1) / 1000.0);
    }
}
