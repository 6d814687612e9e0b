package io.director.healthcheck.core;

import io.director.config.model.CheckConfig;
import io.director.config.model.RealServerConfig;
import io.director.config.model.ServiceConfig;
import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One check to run: which real server, at which address and port (the check may override the port), how. */
public record CheckTarget(TargetKey key, InetAddress address, int port, CheckConfig check) {

    /** Every checked real server of the services, in configuration order; real servers without a check are left out. */
    public static Map<TargetKey, CheckTarget> of(List<ServiceConfig> services) {
        Map<TargetKey, CheckTarget> targets = new LinkedHashMap<>();
        for (ServiceConfig service : services) {
            for (RealServerConfig realServer : service.realServers()) {
                service.checkOf(realServer).ifPresent(check -> {
                    TargetKey key = new TargetKey(service.id(), realServer.id());
                    targets.put(key, new CheckTarget(key, realServer.address(), realServer.port(), check));
                });
            }
        }
        return targets;
    }
}
