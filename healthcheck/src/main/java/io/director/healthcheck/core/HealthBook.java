package io.director.healthcheck.core;

import io.director.config.core.ConfigDiff;
import io.director.config.model.CheckConfig;
import io.director.config.model.RealServerConfig;
import io.director.config.model.RealServerId;
import io.director.config.model.ServiceConfig;
import io.director.config.model.ServiceId;
import io.director.healthcheck.HealthEvent;
import io.director.healthcheck.HealthSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The health state of every service and real server, and the events its changes produce. Pure: the engine
 * feeds it configurations and check outcomes (with their times) and forwards the events it returns.
 *
 * <p>A reload keeps the state of real servers whose check is unchanged. A real server whose check changed
 * keeps its up/down state (its counts restart), so retuning a timeout does not flap the pool; only a new
 * real server starts from the check's {@code initiallyUp}. Not thread-safe: the engine serialises calls.
 */
public final class HealthBook {

    private Map<ServiceId, ServiceState> services = new LinkedHashMap<>();
    /** The configurations {@link #services} was made from, in their order. */
    private List<ServiceConfig> applied = List.of();

    /** Takes a new configuration; returns the quorum transitions it caused (e.g. a reload removed real servers). */
    public List<HealthEvent> apply(List<ServiceConfig> configs) {
        List<HealthEvent> events = new ArrayList<>();
        if (ConfigDiff.sameServicesInOrder(applied, configs)) {
            // services changed in place (the usual reload): only those are redone, the map keeps its order
            for (int i = 0; i < configs.size(); i++) {
                ServiceConfig config = configs.get(i);
                if (config != applied.get(i)) {
                    services.put(config.id(), state(config, services.get(config.id()), events));
                }
            }
        } else {
            Map<ServiceId, ServiceState> next = new LinkedHashMap<>();
            for (ServiceConfig config : configs) {
                ServiceState previous = services.get(config.id());
                // the same configuration (a reload reused it): nothing to redo
                next.put(config.id(), previous != null && previous.config == config ? previous : state(config, previous, events));
            }
            services = next;
        }
        applied = List.copyOf(configs); // the same list when it is already immutable, as the daemon's are
        return events;
    }

    /** The state of {@code config}, carrying over what {@code previous} (null for a new service) knew. */
    private static ServiceState state(ServiceConfig config, ServiceState previous, List<HealthEvent> events) {
        Map<RealServerId, RealServerState> realServers = new LinkedHashMap<>();
        for (RealServerConfig realServer : config.realServers()) {
            RealServerState old = previous == null ? null : previous.realServers.get(realServer.id());
            realServers.put(realServer.id(), RealServerState.of(realServer.id(), config.checkOf(realServer), old));
        }
        if (previous == null) {
            return new ServiceState(config, realServers, new QuorumTracker(config.quorum(), healthy(realServers)));
        }
        ServiceState state = new ServiceState(config, realServers, previous.quorum);
        quorumEvent(state, state.quorum.reconfigure(config.quorum(), state.healthy()), events);
        return state;
    }

    /** Records a completed check; returns the transitions it caused (none for unknown, e.g. removed, targets). */
    public List<HealthEvent> record(TargetKey key, CheckOutcome outcome, Duration latency, Instant at) {
        ServiceState service = services.get(key.service());
        RealServerState realServer = service == null ? null : service.realServers.get(key.realServer());
        if (realServer == null || realServer.tracker == null) {
            return List.of();
        }
        realServer.last = new HealthSnapshot.LastCheck(outcome.ok(), outcome.detail(), latency, at);
        List<HealthEvent> events = new ArrayList<>();
        switch (realServer.tracker.record(outcome.ok())) {
            case WENT_UP -> events.add(new HealthEvent.RealServerUp(key.service(), key.realServer()));
            case WENT_DOWN -> events.add(new HealthEvent.RealServerDown(key.service(), key.realServer(), outcome.detail()));
            case NONE -> {
                return events;
            }
        }
        quorumEvent(service, service.quorum.update(service.healthy()), events);
        return events;
    }

    public HealthSnapshot snapshot() {
        return snapshot(id -> true);
    }

    /** The state of the services {@code of} accepts only (a reload's reconcile needs just the changed ones). */
    public HealthSnapshot snapshot(Predicate<ServiceId> of) {
        List<HealthSnapshot.Service> list = new ArrayList<>();
        for (ServiceState service : services.values()) {
            if (!of.test(service.id())) {
                continue;
            }
            List<HealthSnapshot.RealServer> realServers = new ArrayList<>();
            for (RealServerState rs : service.realServers.values()) {
                RiseFallTracker t = rs.tracker;
                realServers.add(new HealthSnapshot.RealServer(rs.id, rs.up(), t != null,
                        t == null ? 0 : t.consecutiveSuccesses(), t == null ? 0 : t.consecutiveFailures(),
                        Optional.ofNullable(rs.last)));
            }
            list.add(new HealthSnapshot.Service(service.id(), service.quorum.held(), service.healthy(), realServers));
        }
        return new HealthSnapshot(list);
    }

    private static void quorumEvent(ServiceState service, QuorumTracker.Transition transition, List<HealthEvent> events) {
        int minimum = service.quorum.quorum().minimum();
        switch (transition) {
            case LOST -> events.add(new HealthEvent.QuorumLost(service.id(), service.healthy(), minimum));
            case REGAINED -> events.add(new HealthEvent.QuorumRegained(service.id(), service.healthy(), minimum));
            case NONE -> { }
        }
    }

    private static int healthy(Map<RealServerId, RealServerState> realServers) {
        return (int) realServers.values().stream().filter(RealServerState::up).count();
    }

    private record ServiceState(ServiceConfig config, Map<RealServerId, RealServerState> realServers, QuorumTracker quorum) {
        ServiceId id() {
            return config.id();
        }

        int healthy() {
            return HealthBook.healthy(realServers);
        }
    }

    private static final class RealServerState {
        final RealServerId id;
        final Optional<CheckConfig> check;
        final RiseFallTracker tracker; // null: no check, always up
        HealthSnapshot.LastCheck last;

        private RealServerState(RealServerId id, Optional<CheckConfig> check, RiseFallTracker tracker, HealthSnapshot.LastCheck last) {
            this.id = id;
            this.check = check;
            this.tracker = tracker;
            this.last = last;
        }

        static RealServerState of(RealServerId id, Optional<CheckConfig> check, RealServerState old) {
            if (old != null && old.check.equals(check)) {
                return old;
            }
            if (check.isEmpty()) {
                return new RealServerState(id, check, null, null);
            }
            var timing = check.get().timing();
            boolean initiallyUp = old != null ? old.up() : timing.initiallyUp();
            return new RealServerState(id, check, new RiseFallTracker(timing.rise(), timing.fall(), initiallyUp),
                    old == null ? null : old.last);
        }

        boolean up() {
            return tracker == null || tracker.up();
        }
    }
}
