package io.director.lab.drill;

import io.director.lab.Lab;
import io.director.lab.LabException;
import io.director.lab.Spawned;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * keepalived (the Debian package in the host's root, which the guest shares) in d1 (priority 150) and
 * d2 (100): one VRRP instance on eth0 for the VIP, the same DR service over the lab's real servers
 * with an HTTP check, and its LVS sync daemon, so that long-lived connections have the same chance as
 * with Director. {@code advert_int 1} speaks VRRPv2 (its default), {@code 0.1} VRRPv3.
 */
final class KeepalivedSubject implements DrillSubject {
    private static final Pattern STATE = Pattern.compile("\\(VI_1\\) Entering (\\w+) STATE");

    private final Lab lab;
    private final GuestClock clock;
    private final String advertInt;
    private final Path dir;
    private final Map<String, Spawned> running = new HashMap<>();

    KeepalivedSubject(Lab lab, GuestClock clock, String advertInt) {
        this.lab = lab;
        this.clock = clock;
        this.advertInt = advertInt;
        this.dir = lab.out().resolve("keepalived");
    }

    /** keepalived.conf for {@code node}: one keyword per line, as its parser wants. */
    String config(String node, int priority) {
        StringBuilder rs = new StringBuilder();
        for (String r : lab.realServers()) {
            rs.append("""
                      real_server %s 80 {
                        weight 1
                        HTTP_GET {
                          url {
                            path /health
                            status_code 200
                          }
                          connect_timeout 1
                          retry 1
                          delay_before_retry 1
                        }
                      }
                    """.formatted(lab.host(r).ipv4()));
        }
        return """
                global_defs {
                  router_id %s
                  lvs_sync_daemon eth0 VI_1 id 7
                  %s
                }
                vrrp_instance VI_1 {
                  state BACKUP
                  interface eth0
                  virtual_router_id 51
                  priority %d
                  advert_int %s
                  virtual_ipaddress {
                    198.51.100.100/24 dev eth0
                  }
                }
                virtual_server 198.51.100.100 80 {
                  delay_loop 1
                  lb_algo wrr
                  lb_kind DR
                  protocol TCP
                  sorry_server 198.51.100.20 80
                %s}
                """.formatted(node, advertInt.equals("1") ? "" : "vrrp_version 3", priority, advertInt, rs);
    }

    @Override
    public void start() {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("d1.conf"), config("d1", 150));
            Files.writeString(dir.resolve("d2.conf"), config("d2", 100));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        launch("d1");
        launch("d2");
        awaitState("d1", "MASTER");
        awaitState("d2", "BACKUP");
    }

    private void launch(String node) {
        String run = "/run/lab/" + node;
        Spawned s = lab.host(node).spawn("mkdir -p " + run + " && exec keepalived -n -l -D -f '" + dir.resolve(node + ".conf")
                + "' -p " + run + "/keepalived.pid -r " + run + "/vrrp.pid -c " + run + "/checkers.pid");
        running.put(node, s);
    }

    private void awaitState(String node, String state) {
        try {
            Lab.await(Duration.ofSeconds(60), "keepalived in " + node + " to enter " + state, () -> state.equals(state(node)));
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\n" + logs(), e);
        }
    }

    /** The VRRP state keepalived in {@code node} last logged, or "". */
    String state(String node) {
        Spawned s = running.get(node);
        if (s == null) {
            return "";
        }
        Matcher m = STATE.matcher(s.errors() + s.output());
        String last = "";
        while (m.find()) {
            last = m.group(1);
        }
        return last;
    }

    @Override
    public long fail(DrillKind kind) {
        long at = switch (kind) {
            case KILL -> clock.at("ip link set br-d1 down", "kill -9 $(ip netns pids d1)");
            case LINK -> clock.at("ip link set br-d1 down", ":");
            case GRACEFUL -> clock.at("read pid </run/lab/d1/keepalived.pid && kill -TERM $pid", ":");
            case PARTITION -> throw new IllegalArgumentException("keepalived has no witness: no partition drill");
        };
        if (kind != DrillKind.LINK) {
            Spawned s = running.remove("d1");
            if (s.await(Duration.ofSeconds(20)) == null) {
                throw new LabException("keepalived in d1 did not exit after the " + kind.label() + " drill's signal");
            }
        }
        return at;
    }

    @Override
    public boolean failedOver() {
        return "MASTER".equals(state("d2"));
    }

    @Override
    public long back(DrillKind kind) {
        return switch (kind) {
            case KILL -> {
                // The machine comes back as after a reboot: its kernel's IPVS table is empty (keepalived
                // removes a leftover VIP itself at start).
                long at = clock.at("ip link set br-d1 up", "ip netns exec d1 ipvsadm -C");
                launch("d1");
                yield at;
            }
            case LINK -> clock.at("ip link set br-d1 up", ":");
            case GRACEFUL -> {
                long at = clock.now();
                launch("d1");
                yield at;
            }
            case PARTITION -> throw new IllegalArgumentException("keepalived has no witness: no partition drill");
        };
    }

    @Override
    public boolean settled() {
        return "MASTER".equals(state("d1")) && "BACKUP".equals(state("d2"));
    }

    @Override
    public String note() {
        return "";
    }

    @Override
    public String logs() {
        StringBuilder sb = new StringBuilder();
        for (String n : List.of("d1", "d2")) {
            Spawned s = running.get(n);
            String log = s == null ? "(not running)" : s.errors() + s.output();
            String[] lines = log.split("\n");
            sb.append("--- keepalived in ").append(n).append(" ---\n")
                    .append(String.join("\n", List.of(lines).subList(Math.max(0, lines.length - 25), lines.length))).append('\n');
        }
        return sb.toString();
    }

    @Override
    public void close() {
        for (String node : List.copyOf(running.keySet())) {
            running.remove(node).stop();
        }
        for (String node : List.of("d1", "d2")) {
            lab.host(node).run("ip addr del 198.51.100.100/24 dev eth0; ipvsadm -C; ipvsadm --stop-daemon master;"
                    + " ipvsadm --stop-daemon backup; true");
        }
    }
}
