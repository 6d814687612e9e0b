package io.director.healthcheck;

import io.director.config.model.RealServerId;
import io.director.config.model.ServiceId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A consistent picture of every service's health at one moment, in configuration order. */
public record HealthSnapshot(List<Service> services) {

    public HealthSnapshot {
        services = List.copyOf(services);
    }

    public Optional<Service> service(ServiceId id) {
        return services.stream().filter(s -> s.id().equals(id)).findFirst();
    }

    /** A service: whether it holds quorum, and how many of its real servers are up. */
    public record Service(ServiceId id, boolean quorum, int healthy, List<RealServer> realServers) {
        public Service {
            realServers = List.copyOf(realServers);
        }

        public Optional<RealServer> realServer(RealServerId id) {
            return realServers.stream().filter(r -> r.id().equals(id)).findFirst();
        }
    }

    /**
     * A real server: {@code checked} is false when it has no check (always up); {@code lastCheck} is empty
     * until its first check completes.
     */
    public record RealServer(
            RealServerId id,
            boolean up,
            boolean checked,
            int consecutiveSuccesses,
            int consecutiveFailures,
            Optional<LastCheck> lastCheck) {}

    /** The latest completed check: its verdict, why (for failures), how long it took and when it finished. */
    public record LastCheck(boolean ok, String detail, Duration latency, Instant at) {}
}
