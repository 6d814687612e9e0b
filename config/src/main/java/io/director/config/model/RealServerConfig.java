package io.director.config.model;

import java.net.InetAddress;
import java.util.Optional;

/** A real server of a service. Thresholds of 0 mean unlimited, as in IPVS. */
public record RealServerConfig(
        InetAddress address,
        int port,
        int weight,
        int upperThreshold,
        int lowerThreshold,
        Optional<CheckConfig> check) {

    public RealServerId id() {
        return new RealServerId(address, port);
    }
}
