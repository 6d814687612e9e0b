package io.director.plan;

import io.director.config.model.DirectorConfig;
import io.director.config.model.Endpoint;
import io.director.config.model.OnFailure;
import io.director.config.model.RealServerConfig;
import io.director.config.model.SchedulerFlag;
import io.director.config.model.ServiceConfig;
import io.director.config.model.ServiceId;
import io.director.ipvs.DestKey;
import io.director.ipvs.DestSpec;
import io.director.ipvs.Forwarding;
import io.director.ipvs.Protocol;
import io.director.ipvs.ServiceFlag;
import io.director.ipvs.ServiceKey;
import io.director.ipvs.ServiceSpec;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The desired IPVS table from the configuration and the health checks. A real server that is down is
 * left out ({@code on-failure = remove}) or kept with weight 0 ({@code inhibit}: its connections
 * drain). When a service loses quorum and has a sorry server, the sorry server alone serves, as with
 * keepalived; without one, whatever is healthy keeps serving.
 */
public final class DesiredTables {
    private DesiredTables() {}

    public static DesiredTable from(DirectorConfig config, HealthView health) {
        return from(config, health, Set.of());
    }

    /**
     * As {@link #from(DirectorConfig, HealthView)}, plus real servers that were removed from the
     * configuration but still drain: kept with weight 0 until the daemon lets them go.
     */
    public static DesiredTable from(DirectorConfig config, HealthView health, Set<Draining> draining) {
        return from(config, health, draining, id -> true);
    }

    /** As {@link #from(DirectorConfig, HealthView, Set)}, for the services {@code only} accepts. */
    public static DesiredTable from(DirectorConfig config, HealthView health, Set<Draining> draining, Predicate<ServiceId> only) {
        List<DesiredService> out = new ArrayList<>();
        for (ServiceConfig s : config.services()) {
            if (!only.test(s.id())) {
                continue;
            }
            ServiceKey key = key(s.id());
            List<DestSpec> dests = new ArrayList<>();
            if (health.quorumLost(s.id()) && s.sorryServer().isPresent()) {
                dests.add(sorry(s, s.sorryServer().get()));
            } else {
                for (RealServerConfig rs : s.realServers()) {
                    boolean up = health.isUp(s.id(), rs.id());
                    if (up) {
                        dests.add(dest(s, rs, rs.weight()));
                    } else if (s.onFailure() == OnFailure.INHIBIT) {
                        dests.add(dest(s, rs, 0));
                    }
                }
            }
            for (Draining d : draining) {
                if (d.service().equals(s.id()) && dests.stream().noneMatch(x -> x.key().equals(d.dest().key()))) {
                    dests.add(d.dest().withWeight(0));
                }
            }
            out.add(new DesiredService(service(s), dests));
        }
        return new DesiredTable(out);
    }

    /** A real server leaving the configuration, kept at weight 0 while its connections end. */
    public record Draining(ServiceId service, DestSpec dest) {}

    public static ServiceKey key(ServiceId id) {
        if (id.isFwmark()) {
            return ServiceKey.fwmark(id.fwmark(), ServiceKey.familyOf(id.vip()));
        }
        return ServiceKey.of(Protocol.valueOf(id.protocol().name()), id.vip(), id.port());
    }

    public static ServiceSpec service(ServiceConfig s) {
        ServiceKey key = key(s.id());
        Set<ServiceFlag> flags = EnumSet.noneOf(ServiceFlag.class);
        for (SchedulerFlag f : s.schedulerFlags()) {
            flags.add(ServiceFlag.valueOf(f.name()));
        }
        if (s.onePacket()) {
            flags.add(ServiceFlag.ONE_PACKET);
        }
        int seconds = (int) Math.min(Integer.MAX_VALUE, s.persistence().toSeconds());
        int full = ServiceSpec.fullNetmask(key);
        if (seconds > 0) {
            flags.add(ServiceFlag.PERSISTENT);
            int netmask = s.persistenceNetmask() > 0 && s.persistenceNetmask() <= full ? s.persistenceNetmask() : full;
            return new ServiceSpec(key, s.scheduler(), flags, seconds, netmask);
        }
        return new ServiceSpec(key, s.scheduler(), flags, 0, full);
    }

    public static DestSpec dest(ServiceConfig s, RealServerConfig rs, int weight) {
        return DestSpec.of(DestKey.of(rs.address(), rs.port()), forwarding(s), weight)
                .withThresholds(rs.upperThreshold(), rs.lowerThreshold());
    }

    private static DestSpec sorry(ServiceConfig s, Endpoint e) {
        return DestSpec.of(DestKey.of(e.address(), e.port()), forwarding(s), 1);
    }

    private static Forwarding forwarding(ServiceConfig s) {
        return Forwarding.valueOf(s.forwarding().name());
    }
}
