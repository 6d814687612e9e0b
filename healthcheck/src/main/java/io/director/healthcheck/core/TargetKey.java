package io.director.healthcheck.core;

import io.director.config.model.RealServerId;
import io.director.config.model.ServiceId;

/** Identity of a checked real server: the same address and port in two services are two targets. */
public record TargetKey(ServiceId service, RealServerId realServer) {
    @Override
    public String toString() {
        return service + " -> " + realServer;
    }
}
