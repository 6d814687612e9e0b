package io.director.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Director daemons in the lab's director hosts ({@code d1}, {@code d2}) and the witness ({@code w}), run
 * the way an operator runs them: {@code bin/director run -c FILE}, one JVM per host. Configurations are
 * written to the run's output folder; state is read with independent tools ({@code ip addr},
 * {@code ipvsadm}) and from the daemon's event log on stderr.
 */
public final class Directors implements AutoCloseable {
    /** A small heap and a quick JIT: the guest has one CPU and every process start is expensive. */
    public static final String JAVA_OPTS =
            "-Xms48m -Xmx160m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:-UsePerfData -Xss512k -XX:CICompilerCount=1";
    /**
     * The daemons' flags: {@link #JAVA_OPTS}, the thread priorities of {@code bin/director run} and
     * {@code -Dlab.daemon-java-opts} (e.g. GC logging for a drill run).
     */
    static final String DAEMON_JAVA_OPTS = (JAVA_OPTS + " -XX:ThreadPriorityPolicy=1 -XX:CompilerThreadPriority=5 "
            + System.getProperty("lab.daemon-java-opts", "")).strip();

    /** The lab's usual health check of a real server's web page. */
    public static final String HEALTH_CHECK =
            "check { type = http, path = \"/health\", expect = [200], interval = 1s, timeout = 800ms, rise = 2, fall = 2 }";

    /** Where {@link #onGuestTmpfs(String)} puts configurations: the guest's own tmpfs, not the host's files. */
    public static final Path GUEST_DIR = Path.of("/run/director-lab");

    private final Lab lab;
    private final Map<String, Spawned> running = new HashMap<>();
    private final Map<String, Path> files = new HashMap<>();
    private final Path dir;

    public Directors(Lab lab) {
        this.lab = lab;
        this.dir = lab.out().resolve("directors");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Settings of one member that tests vary; the rest is the lab's standard configuration. */
    public record Member(String node, int priority, boolean preempt, String extra) {
        public static Member of(String node, int priority) {
            return new Member(node, priority, true, "");
        }

        public Member preempt(boolean p) {
            return new Member(node, priority, p, extra);
        }

        public Member with(String hocon) {
            return new Member(node, priority, preempt, extra + "\n" + hocon);
        }
    }

    /**
     * The lab's standard configuration for {@code m}: VIPs 198.51.100.100/24 and 2001:db8::100/64 on eth0,
     * cluster of {@code members} (d1 .2, d2 .3, w .4), one DR service on port 80 over every real server
     * with an HTTP check of /health, and the sorry server.
     */
    public String config(Member m, List<String> members, String services) {
        String role = m.node().equals("w") ? "witness" : "director";
        StringBuilder list = new StringBuilder();
        for (String n : members) {
            list.append('"').append(lab.host(n).ipv4()).append(":7800\" ");
        }
        return """
                director {
                  node-id = %s
                  interface = eth0
                  cluster {
                    name = lab
                    bind = "%s:7800"
                    members = [%s]
                    priority = %d
                    preempt = %s
                    role = %s
                  }
                  vips = ["198.51.100.100/24", "2001:db8::100/64"]
                  sync { interface = eth0, sync-id = 7 }
                  admin { socket = /run/director/%s.sock }
                  services = [
                %s
                  ]
                  %s
                }
                """.formatted(m.node(), lab.host(m.node()).ipv4(), list.toString().trim().replace("\" \"", "\", \""),
                m.priority(), m.preempt(), role, m.node(), services, m.extra());
    }

    /** One service over all real servers: tcp VIP:80, wrr, DR, HTTP check, the sorry server. */
    public String webService(String checkAndOptions) {
        return service("sorry-server = \"198.51.100.20:80\"\n                  " + checkAndOptions);
    }

    /** One service over all real servers: tcp VIP:80, wrr, DR, with {@code options} (check, sorry server...). */
    public String service(String options) {
        Map<String, Integer> weights = new LinkedHashMap<>();
        lab.realServers().forEach(r -> weights.put(r, 1));
        return service(weights, options);
    }

    /** As {@link #service(String)} over the real servers named in {@code weights}, with those weights. */
    public String service(Map<String, Integer> weights, String options) {
        StringBuilder rs = new StringBuilder();
        weights.forEach((r, w) -> rs.append("        { address = ").append(lab.host(r).ipv4())
                .append(", port = 80, weight = ").append(w).append(" }\n"));
        return """
                    {
                      vip = 198.51.100.100, port = 80, protocol = tcp
                      scheduler = wrr
                      forwarding = dr
                      %s
                      real-servers = [
                %s      ]
                    }""".formatted(options, rs);
    }

    /**
     * Keeps the configuration of {@code node} on the guest's tmpfs ({@link #GUEST_DIR}), a local
     * filesystem where the daemon watches it with inotify, instead of the run's output folder on the
     * host, which the guest sees through hostfs (where the daemon polls). Call before {@link #write}.
     */
    public Path onGuestTmpfs(String node) {
        Path file = GUEST_DIR.resolve(node + ".conf");
        files.put(node, file);
        return file;
    }

    /** The configuration file of {@code node}: in the output folder (host and guest path), or {@link #onGuestTmpfs}. */
    public Path file(String node) {
        return files.getOrDefault(node, dir.resolve(node + ".conf"));
    }

    private boolean inGuest(String node) {
        return files.containsKey(node);
    }

    /** {@code text} in the output folder, for a guest command to copy from. */
    private Path staged(String node, String text) {
        Path staged = dir.resolve(node + ".conf.staged");
        try {
            Files.writeString(staged, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return staged;
    }

    /** Writes {@code text} as the configuration of {@code node} (atomically, by a rename); returns its path. */
    public Path write(String node, String text) {
        Path file = file(node);
        if (inGuest(node)) {
            lab.guest("mkdir -p '" + GUEST_DIR + "' && cp '" + staged(node, text) + "' '" + file + ".tmp' && mv -f '" + file + ".tmp' '"
                    + file + "'").assertSuccess();
            return file;
        }
        try {
            Path tmp = dir.resolve(node + ".conf.tmp");
            Files.writeString(tmp, text);
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /**
     * Replaces {@code node}'s configuration the way an editor does, by writing a new file next to it and
     * renaming it over the old one, inside the guest.
     */
    public void edit(String node, String text) {
        Path file = file(node);
        Path next = file.resolveSibling(node + ".conf.swp");
        String copy = inGuest(node) ? "cp '" + staged(node, text) + "' '" + next + "' && " : "";
        if (!inGuest(node)) {
            try {
                Files.writeString(next, text);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        lab.guest(copy + "mv -f '" + next + "' '" + file + "'").assertSuccess();
    }

    /**
     * Overwrites {@code node}'s configuration in place (same inode: truncate and write), inside the guest
     * for a file on its tmpfs, from the host for a file in the output folder.
     */
    public void editInPlace(String node, String text) {
        if (inGuest(node)) {
            lab.guest("cat '" + staged(node, text) + "' > '" + file(node) + "'").assertSuccess();
            return;
        }
        try {
            Files.writeString(file(node), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code director reload} in {@code node}'s namespace, against its daemon's admin socket. */
    public Exec reload(String node) {
        return lab.host(node).run(Duration.ofSeconds(120), "JAVA_OPTS='" + JAVA_OPTS + "' " + lab.root().resolve("bin/director")
                + " reload --socket /run/director/" + node + ".sock");
    }

    /** SIGHUP to the daemon of {@code node} (the only process of its namespace): reload the file. */
    public void hangup(String node) {
        lab.guest("for p in $(ip netns pids " + node + "); do kill -HUP $p; done").assertSuccess();
    }

    /**
     * The usual pair: d1 (priority 150) and d2 (100) over the web service with {@link #HEALTH_CHECK}, started,
     * and back once d1 is MASTER and d2 BACKUP.
     */
    public void startPair(Duration deadline) {
        List<String> members = List.of("d1", "d2");
        write("d1", config(Member.of("d1", 150), members, webService(HEALTH_CHECK)));
        write("d2", config(Member.of("d2", 100), members, webService(HEALTH_CHECK)));
        start("d1");
        start("d2");
        awaitRole("d1", "MASTER", deadline);
        awaitRole("d2", "BACKUP", deadline);
    }

    /** Starts {@code bin/director run} in {@code node} with its written configuration. */
    public Spawned start(String node) {
        return start(node, file(node));
    }

    /** Starts {@code bin/director run -c file} in {@code node}: a configuration written elsewhere (the docs' own). */
    public Spawned start(String node, Path file) {
        Spawned s = lab.host(node).spawn("JAVA_OPTS='" + DAEMON_JAVA_OPTS + "' exec " + lab.root().resolve("bin/director")
                + " run -c " + file);
        running.put(node, s);
        return s;
    }

    public Spawned daemon(String node) {
        return running.get(node);
    }

    /** Everything the daemon of {@code node} logged (its event lines are on stderr). */
    public String log(String node) {
        Spawned s = running.get(node);
        return s == null ? "" : s.errors() + s.output();
    }

    /** The role the daemon of {@code node} last logged, or "" before its first role change. */
    public String role(String node) {
        Matcher m = Pattern.compile("event=role-change from=\\S+ to=(\\S+)").matcher(log(node));
        String last = "";
        while (m.find()) {
            last = m.group(1);
        }
        return last;
    }

    public void awaitRole(String node, String role, Duration deadline) {
        try {
            Lab.await(deadline, node + " to log role " + role, () -> role.equals(role(node)));
        } catch (AssertionError e) {
            StringBuilder logs = new StringBuilder(e.getMessage());
            for (String n : running.keySet()) {
                logs.append("\n--- log of ").append(n).append(" ---\n").append(tail(n));
            }
            throw new AssertionError(logs.toString(), e);
        }
    }

    /** Whether {@code node}'s eth0 carries the IPv4 VIP, per {@code ip addr}. */
    public boolean holdsVip(String node) {
        return lab.host(node).run("ip -4 -o addr show dev eth0").stdout().contains(" " + lab.vip() + "/");
    }

    public boolean holdsVip6(String node) {
        return lab.host(node).run("ip -6 -o addr show dev eth0").stdout().contains(" " + lab.vip6() + "/");
    }

    /** The MAC address of {@code node}'s eth0. */
    public String mac(String node) {
        return lab.host(node).run("cat /sys/class/net/eth0/address").assertSuccess().stdout().trim();
    }

    /** The client's neighbour entry (MAC) for the VIP, or "" when it has none. */
    public String clientNeighbourMac() {
        String out = lab.host("client").run("ip neigh show " + lab.vip()).stdout();
        Matcher m = Pattern.compile("lladdr (\\S+)").matcher(out);
        return m.find() ? m.group(1) : "";
    }

    /** SIGKILL to every process of {@code node}'s namespace: the director's JVM dies on the spot. */
    public void kill9(String node) {
        lab.guest("for p in $(ip netns pids " + node + "); do kill -9 $p; done").assertSuccess();
        Spawned s = running.remove(node);
        if (s != null) {
            s.await(Duration.ofSeconds(10));
        }
    }

    /** SIGTERM and wait: a clean stop (a master hands over first). */
    public Exec stop(String node) {
        Spawned s = running.remove(node);
        return s == null ? null : s.stop();
    }

    /** The last lines of the daemon's log, for failure messages. */
    public String tail(String node) {
        String[] lines = log(node).split("\n");
        return String.join("\n", java.util.Arrays.copyOfRange(lines, Math.max(0, lines.length - 25), lines.length));
    }

    @Override
    public void close() {
        for (String node : List.copyOf(running.keySet())) {
            try {
                stop(node);
            } catch (RuntimeException e) {
                kill9(node);
            }
        }
        // Leave the guest as found: no VIP, no IPVS rules, no sync daemons in the director hosts (and in w,
        // where a test may run a director instead of the witness).
        for (String node : List.of("d1", "d2", "w")) {
            lab.host(node).run("ip addr del " + lab.vip() + "/24 dev eth0; ip addr del " + lab.vip6() + "/64 dev eth0;"
                    + " ipvsadm -C; ipvsadm --stop-daemon master; ipvsadm --stop-daemon backup; true");
        }
        if (!files.isEmpty()) {
            lab.guest("rm -rf '" + GUEST_DIR + "'");
        }
    }
}
