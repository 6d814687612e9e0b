package io.director.lab;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A booted lab: the User-Mode Linux guest with the documented topology (docs/lab.md).
 * Tests get one from {@link LabTest}; {@link #boot(int, Path)} boots one directly.
 */
public final class Lab implements AutoCloseable {
    public static final String VIP = "198.51.100.100";
    public static final String VIP6 = "2001:db8::100";
    static final String NET4 = "198.51.100";
    static final String NET6 = "2001:db8:";
    private static final String HELPERS = ". \"$LAB_ROOT/lab/guest/helpers.sh\"; ";

    private final Guest guest;
    private final Path root;
    private final Path out;
    private final Map<String, Host> hosts = new LinkedHashMap<>();
    private final List<String> realServers = new ArrayList<>();
    private final AtomicInteger tools = new AtomicInteger();
    private boolean closed;

    private Lab(Guest guest, Path root, Path out, int realServerCount) {
        this.guest = guest;
        this.root = root;
        this.out = out;
        add("client", 1);
        add("d1", 2);
        add("d2", 3);
        add("w", 4);
        add("sorry", 20);
        for (int i = 1; i <= realServerCount; i++) {
            add("rs" + i, 10 + i);
            realServers.add("rs" + i);
        }
    }

    private void add(String name, int suffix) {
        hosts.put(name, new Host(guest, name, suffix));
    }

    /** Boots a guest with {@code realServers} real servers (1 to 50); results and logs go to {@code out}. */
    public static Lab boot(int realServers, Path out) {
        if (realServers < 1 || realServers > 50) {
            throw new IllegalArgumentException("realServers must be 1 to 50, not " + realServers);
        }
        Path root = LabEnvironment.projectRoot();
        Guest guest = Guest.boot(root, realServers, out, LabEnvironment.bootTimeout());
        return new Lab(guest, root, out, realServers);
    }

    /** A host by name: client, d1, d2, w, sorry, rs1..rsN. */
    public Host host(String name) {
        Host h = hosts.get(name);
        if (h == null) {
            throw new IllegalArgumentException("no host '" + name + "' in the lab; hosts: " + String.join(" ", hosts.keySet()));
        }
        return h;
    }

    public List<Host> hosts() {
        return List.copyOf(hosts.values());
    }

    public String vip() {
        return VIP;
    }

    public String vip6() {
        return VIP6;
    }

    /** rs1..rsN. */
    public List<String> realServers() {
        return Collections.unmodifiableList(realServers);
    }

    /** A host folder for this lab's results (probe logs, console.log). */
    public Path out() {
        return out;
    }

    /** The project checkout (the guest sees it at the same path). */
    public Path root() {
        return root;
    }

    /** How long the guest took from kernel start to a ready topology, by its own clock. */
    public Duration guestBootTime() {
        return Duration.ofMillis((long) (guest.guestUptimeAtReady() * 1000));
    }

    /**
     * The guest's uptime clock now ({@code /proc/uptime}, 10 ms steps): the clock of
     * {@link ProbeReport#gapAroundGuestUptime}, read right after an action to mark it.
     */
    public long guestUptimeMillis() {
        String first = guest("read u _ </proc/uptime; echo $u").assertSuccess().stdout().trim();
        return Math.round(Double.parseDouble(first) * 1000);
    }

    /** Runs {@code sh -c shellCommand} in the guest's root namespace (where lab0 and the br-HOST ports are). */
    public Exec guest(String shellCommand) {
        return guest(Host.DEFAULT_TIMEOUT, shellCommand);
    }

    public Exec guest(Duration timeout, String shellCommand) {
        return guest.run("-", shellCommand, timeout);
    }

    /** Starts a traffic probe in client against VIP:80: a new connection and GET / every {@code period}. */
    public Probe startProbe(Duration period) {
        return startProbe(period, VIP + ":80");
    }

    /** As {@link #startProbe(Duration)} against {@code target} (HOST:PORT or [IPV6]:PORT). Returns once it sent its first request. */
    public Probe startProbe(Duration period, String target) {
        Path log = out.resolve("probe-" + tools.incrementAndGet() + ".log");
        Spawned p = host("client").spawn(javaTool("ProbeMain") + " --target '" + target + "' --period-ms "
                + Math.max(1, period.toMillis()) + " --log '" + log + "'");
        Probe probe = new Probe(p, log);
        awaitStarted(p, "the probe to send its first request", () -> probe.lines().stream().anyMatch(l -> !l.startsWith("#")));
        return probe;
    }

    /** Opens {@code n} keep-alive connections from client to VIP:80, each sending a request every 200 ms. */
    public ConnectionHolder holdConnections(int n) {
        return holdConnections(n, VIP + ":80");
    }

    public ConnectionHolder holdConnections(int n, String target) {
        return holdConnections(n, target, Duration.ofMillis(200));
    }

    /**
     * As {@link #holdConnections(int)}, each connection sending a request every {@code interval}: hundreds of
     * connections at 200 ms are thousands of requests a second, more than the guest's one CPU serves while
     * directors run beside it.
     */
    public ConnectionHolder holdConnections(int n, Duration interval) {
        return holdConnections(n, VIP + ":80", interval);
    }

    public ConnectionHolder holdConnections(int n, String target, Duration interval) {
        Path log = out.resolve("hold-" + tools.incrementAndGet() + ".log");
        Spawned p = host("client").spawn(javaTool("HolderMain") + " --target '" + target + "' --connections " + n
                + " --interval-ms " + Math.max(1, interval.toMillis()) + " --log '" + log + "'");
        ConnectionHolder holder = new ConnectionHolder(p, log);
        awaitStarted(p, "the connection holder to open " + n + " connections", () -> holder.snapshot().connections() > 0);
        return holder;
    }

    private static String javaTool(String mainClass) {
        return "exec java $LAB_JAVA_OPTS -cp \"$LAB_ROOT/lab/target/classes\" io.director.lab.tools." + mainClass;
    }

    /**
     * How long a lab tool (probe, connection holder: a JVM start in the guest) may take to start:
     * {@code lab.tool-start-seconds}, 120 by default (a JVM start in a guest whose one CPU runs two directors
     * as well can take over a minute); more on a host so busy that the guest is starved.
     */
    static Duration toolStartTimeout() {
        return Duration.ofSeconds(Long.getLong("lab.tool-start-seconds", 120));
    }

    /** Waits for a tool to start; one that does not start in time is stopped, so it cannot load the guest for later tests. */
    private static void awaitStarted(Spawned p, String what, BooleanSupplier started) {
        try {
            await(toolStartTimeout(), what, () -> {
                if (!p.isRunning()) {
                    throw new LabException("failed to start " + what.replaceFirst("^the ", "") + ": " + p.errors() + p.output());
                }
                return started.getAsBoolean();
            });
        } catch (AssertionError e) {
            p.stop();
            throw e;
        }
    }

    /**
     * 30 new connections from client (one curl process) to {@code url}, counted by the real server that
     * answered (the lab's real servers answer with their name).
     * First waits until the VIP answers at all: right after a VIP moves, the client may need a few
     * seconds to resolve it again (any 30 connections in a row still split 10/10/10 under rr).
     */
    public Map<String, Long> thirtyRequests(String url) {
        Lab.await(Duration.ofSeconds(30), "the VIP to answer at " + url,
                () -> host("client").run("curl -g -sf --max-time 5 '" + url + "'").succeeded());
        String urls = String.join(" ", Collections.nCopies(30, "'" + url + "'"));
        Exec exec = host("client").run("curl -g -sS --max-time 10 -H 'Connection: close' " + urls);
        Map<String, Long> answers = Arrays.stream(exec.stdout().split("\n")).filter(s -> !s.isBlank())
                .collect(Collectors.groupingBy(Function.identity(), TreeMap::new, Collectors.counting()));
        if (!exec.stderr().isEmpty()) {
            String neighbours = host("client").run("ip neigh; ip -6 neigh").stdout();
            String table = host("d1").run("ipvsadm -Ln --stats; ipvsadm -Lnc").stdout();
            throw new AssertionError("curl failed: " + exec.stderr() + "answers: " + answers
                    + "\nclient's neighbours:\n" + neighbours + "d1:\n" + table);
        }
        return answers;
    }

    /** Takes {@code host}'s link to the bridge down (its br-HOST port). */
    public void cutLink(String host) {
        guest(HELPERS + "lab_cut " + host(host).name()).assertSuccess();
    }

    /** Brings {@code host}'s link back up and removes any netem on it. */
    public void healLink(String host) {
        guest(HELPERS + "lab_heal " + host(host).name()).assertSuccess();
    }

    /** netem on both ends of {@code host}'s link, e.g. {@code netem("d1", "loss 30%")} or {@code "delay 50ms"}. */
    public void netem(String host, String netemArguments) {
        guest(HELPERS + "lab_netem " + host(host).name() + " " + netemArguments).assertSuccess();
    }

    /** Stops the HTTP server of a real server (or sorry); returns once it has exited. */
    public void stopRealServer(String rs) {
        guest(HELPERS + "lab_rs_stop " + host(rs).name()).assertSuccess();
    }

    /** Starts the HTTP server of a real server (or sorry) again; returns once it listens. */
    public void startRealServer(String rs) {
        guest(HELPERS + "lab_rs_start " + host(rs).name()).assertSuccess();
    }

    /** Waits until {@code condition} holds, checking every 50 ms; fails after {@code deadline}. */
    public static void await(Duration deadline, String what, BooleanSupplier condition) {
        await(deadline, Duration.ofMillis(50), what, condition);
    }

    /**
     * As {@link #await(Duration, String, BooleanSupplier)}, checking every {@code every}: for conditions that run
     * commands in the guest, whose one CPU the directors under test need too.
     */
    public static void await(Duration deadline, Duration every, String what, BooleanSupplier condition) {
        long end = System.nanoTime() + deadline.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out after " + deadline.toMillis() + " ms waiting for " + what);
            }
            try {
                Thread.sleep(every.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what);
            }
        }
    }

    /**
     * A command prefix that runs Director as nobody with no capabilities. The jar is copied to the
     * guest's own /tmp first, since the checkout may sit in a directory only root may enter.
     */
    public String directorAsNobody() {
        guest("install -d -m 0755 /tmp/nobody && install -m 0644 \"$LAB_ROOT/director/target/director-all.jar\""
                + " /tmp/nobody/director-all.jar").assertSuccess();
        return "setpriv --reuid=65534 --regid=65534 --clear-groups --inh-caps=-all"
                + " java -XX:TieredStopAtLevel=1 -jar /tmp/nobody/director-all.jar ";
    }

    /** Powers the guest off; nothing of it is left running afterwards. */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            guest.close();
        }
    }

    static Path createOut(Path base, String name) {
        try {
            return Files.createDirectories(base.resolve(name));
        } catch (java.io.IOException e) {
            throw new LabException("cannot create " + base.resolve(name) + ": " + e.getMessage(), e);
        }
    }
}
