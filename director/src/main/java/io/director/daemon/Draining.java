package io.director.daemon;

import io.director.config.core.ConfigDiff;
import io.director.config.model.DirectorConfig;
import io.director.config.model.RealServerConfig;
import io.director.config.model.RealServerId;
import io.director.config.model.ServiceConfig;
import io.director.config.model.ServiceId;
import io.director.ipvs.IpvsTable;
import io.director.ipvs.ObservedDest;
import io.director.plan.DesiredTables;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Real servers removed by a reload: kept in IPVS at weight 0 so their open connections finish, then
 * deleted once none is active (established) or when the drain timeout runs out, whichever comes first. Time is passed
 * in (monotonic nanoseconds), so the rule is testable without waiting.
 */
final class Draining {
    private final Map<DesiredTables.Draining, Long> deadlines = new HashMap<>();

    /** Starts draining the real servers that {@code before} has and {@code after} does not. */
    void start(DirectorConfig before, DirectorConfig after, long nowNanos, Duration timeout) {
        List<ServiceConfig> was = before.services();
        List<ServiceConfig> is = after.services();
        Map<ServiceId, ServiceConfig> now = null; // by id, built only when a step needs it
        if (ConfigDiff.sameServicesInOrder(was, is)) {
            // services changed in place (the usual reload): only those can have lost real servers
            for (int i = 0; i < is.size(); i++) {
                if (was.get(i) != is.get(i)) {
                    start(was.get(i), is.get(i), nowNanos + timeout.toNanos());
                }
            }
        } else {
            now = ConfigDiff.byId(is);
            for (ServiceConfig old : was) {
                ServiceConfig still = now.get(old.id());
                if (still != null && still != old) { // a service that goes ends its scheduling anyway
                    start(old, still, nowNanos + timeout.toNanos());
                }
            }
        }
        if (deadlines.isEmpty()) {
            return;
        }
        // A real server that comes back by a later reload is no longer draining.
        Map<ServiceId, ServiceConfig> current = now != null ? now : ConfigDiff.byId(is);
        deadlines.keySet().removeIf(d -> {
            ServiceConfig s = current.get(d.service());
            return s != null && s.realServers().stream()
                    .anyMatch(r -> r.address().equals(d.dest().key().address()) && r.port() == d.dest().key().port());
        });
    }

    /** Drains the real servers of {@code old} that {@code still}, the same service after the reload, lacks. */
    private void start(ServiceConfig old, ServiceConfig still, long deadline) {
        Set<RealServerId> kept = still.realServers().stream().map(RealServerConfig::id).collect(Collectors.toSet());
        for (RealServerConfig rs : old.realServers()) {
            if (!kept.contains(rs.id())) {
                deadlines.put(new DesiredTables.Draining(old.id(), DesiredTables.dest(old, rs, 0)), deadline);
            }
        }
    }


    /** Lets go of real servers whose connections ended (per {@code table}) or whose time ran out. */
    Set<DesiredTables.Draining> release(IpvsTable table, long nowNanos) {
        return release(table, nowNanos, id -> true);
    }

    /** As {@link #release(IpvsTable, long)} for the services {@code of} accepts only: {@code table} may hold just those. */
    Set<DesiredTables.Draining> release(IpvsTable table, long nowNanos, Predicate<ServiceId> of) {
        Set<DesiredTables.Draining> done = deadlines.entrySet().stream().filter(e -> of.test(e.getKey().service())).filter(e -> {
            if (nowNanos - e.getValue() >= 0) {
                return true;
            }
            var key = DesiredTables.key(e.getKey().service());
            int active = table.find(key).map(entry -> entry.dests().stream()
                    .filter(d -> d.spec().key().equals(e.getKey().dest().key()))
                    .mapToInt(ObservedDest::activeConnections).sum()).orElse(0);
            return active == 0;
        }).map(Map.Entry::getKey).collect(Collectors.toSet());
        deadlines.keySet().removeAll(done);
        return done;
    }

    Set<DesiredTables.Draining> current() {
        return Set.copyOf(deadlines.keySet());
    }
}
