package io.director.daemon;

import io.director.config.model.RealServerId;
import io.director.config.model.ServiceId;
import io.director.healthcheck.HealthSnapshot;
import io.director.plan.HealthView;

/** The health engine's snapshot as the desired table reads it. */
final class HealthViews {
    private HealthViews() {}

    static HealthView of(HealthSnapshot snapshot) {
        return new HealthView() {
            @Override
            public boolean isUp(ServiceId service, RealServerId realServer) {
                // Not yet known to the engine (just added by a reload): up until checked, as configured.
                return snapshot.service(service).flatMap(s -> s.realServer(realServer))
                        .map(HealthSnapshot.RealServer::up).orElse(true);
            }

            @Override
            public boolean quorumLost(ServiceId service) {
                return snapshot.service(service).map(s -> !s.quorum()).orElse(false);
            }
        };
    }
}
