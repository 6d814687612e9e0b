package io.director.plan;

import io.director.config.model.RealServerId;
import io.director.config.model.ServiceId;

/** What the health checks say, as the desired table needs it. */
public interface HealthView {

    boolean isUp(ServiceId service, RealServerId realServer);

    /** Fewer healthy real servers than the service's quorum (with hysteresis): the sorry server serves. */
    boolean quorumLost(ServiceId service);

    /** Every real server up, quorum held: what `director apply --once` assumes. */
    HealthView ALL_UP = new HealthView() {
        @Override
        public boolean isUp(ServiceId service, RealServerId realServer) {
            return true;
        }

        @Override
        public boolean quorumLost(ServiceId service) {
            return false;
        }
    };
}
