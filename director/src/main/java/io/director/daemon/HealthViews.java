package io.director.daemon;

import io.director.config.model.RealServerId;
import io.director.config.model.ServiceId;
import io.director.healthcheck.HealthSnapshot;
import io.director.plan.HealthView;
import java.util.HashMap;
import java.util.Map;

/**
 * The health engine's snapshot as the desired table reads it. Indexed once per snapshot: the desired
 * table asks about every real server, and with thousands of services a search per question is quadratic.
 */
final class HealthViews {
    private HealthViews() {}

    static HealthView of(HealthSnapshot snapshot) {
        Map<ServiceId, HealthSnapshot.Service> services = new HashMap<>();
        Map<ServiceId, Map<RealServerId, Boolean>> up = new HashMap<>();
        for (HealthSnapshot.Service s : snapshot.services()) {
            services.put(s.id(), s);
            Map<RealServerId, Boolean> of = new HashMap<>();
            s.realServers().forEach(r -> of.put(r.id(), r.up()));
            up.put(s.id(), of);
        }
        return new HealthView() {
            @Override
            public boolean isUp(ServiceId service, RealServerId realServer) {
                // Not yet known to the engine (just added by a reload): up until checked, as configured.
                return up.getOrDefault(service, Map.of()).getOrDefault(realServer, true);
            }

            @Override
            public boolean quorumLost(ServiceId service) {
                HealthSnapshot.Service s = services.get(service);
                return s != null && !s.quorum();
            }
        };
    }
}
