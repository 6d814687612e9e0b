package io.director.config.model;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** One virtual service and its real servers. {@code check} is the default for real servers without one. */
public record ServiceConfig(
        ServiceId id,
        String scheduler,
        Set<SchedulerFlag> schedulerFlags,
        Forwarding forwarding,
        Duration persistence,
        int persistenceNetmask,
        boolean onePacket,
        Quorum quorum,
        Optional<Endpoint> sorryServer,
        OnFailure onFailure,
        Optional<CheckConfig> check,
        List<RealServerConfig> realServers) {

    public ServiceConfig {
        schedulerFlags = Set.copyOf(schedulerFlags);
        realServers = List.copyOf(realServers);
    }

    /** The check that applies to a real server: its own, else the service's default; empty means always up. */
    public Optional<CheckConfig> checkOf(RealServerConfig realServer) {
        return realServer.check().or(() -> check);
    }
}
