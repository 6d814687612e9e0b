package io.director.daemon.status;

import java.util.List;
import java.util.Objects;

/**
 * What {@code director status} shows: this node, the cluster, the VIPs, and every service with its
 * real servers. Plain data the daemon assembles from its state; {@link StatusFormat} renders it.
 * Addresses are in their usual text forms ("198.51.100.100/24", "tcp 198.51.100.100:80").
 */
public record StatusReport(String nodeId, String role, List<String> members, List<String> vips,
                           List<ServiceStatus> services) {

    public StatusReport {
        Objects.requireNonNull(nodeId, "nodeId");
        Objects.requireNonNull(role, "role");
        members = List.copyOf(members);
        vips = List.copyOf(vips);
        services = List.copyOf(services);
    }

    /**
     * One virtual service. {@code sorryServerActive}: fewer than {@code quorum} real servers are
     * healthy and traffic goes to the sorry server.
     */
    public record ServiceStatus(String service, String scheduler, int quorum, boolean sorryServerActive,
                                List<RealServerStatus> realServers) {
        public ServiceStatus {
            Objects.requireNonNull(service, "service");
            Objects.requireNonNull(scheduler, "scheduler");
            realServers = List.copyOf(realServers);
        }

        public long healthy() {
            return realServers.stream().filter(r -> r.health() == Health.UP).count();
        }
    }

    /**
     * One real server: its health, its configured and current kernel weight (0 when drained or
     * inhibited), its last check (null before the first), and its connections in the kernel.
     */
    public record RealServerStatus(String realServer, Health health, int weight, LastCheck lastCheck,
                                   int activeConnections, int inactiveConnections) {
        public RealServerStatus {
            Objects.requireNonNull(realServer, "realServer");
            Objects.requireNonNull(health, "health");
        }
    }

    /** The outcome of the latest check: passed or not, how long it took, and why it failed. */
    public record LastCheck(boolean ok, java.time.Duration latency, String detail) {
        public LastCheck {
            Objects.requireNonNull(latency, "latency");
            detail = detail == null ? "" : detail;
        }
    }

    /** A real server's state as the checks see it. */
    public enum Health {
        /** No verdict yet (fewer checks than rise or fall). */
        UNKNOWN,
        UP,
        DOWN,
        /** Removed from the configuration; weight 0 until its connections end. */
        DRAINING;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
