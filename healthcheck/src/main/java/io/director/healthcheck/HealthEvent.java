package io.director.healthcheck;

import io.director.config.model.RealServerId;
import io.director.config.model.ServiceId;

/** A health transition of a real server or of a service's quorum. Only changes are reported, never the steady state. */
public sealed interface HealthEvent {

    ServiceId service();

    /** The real server passed {@code rise} checks in a row while down: put it back (configured weight). */
    record RealServerUp(ServiceId service, RealServerId realServer) implements HealthEvent {}

    /** The real server failed {@code fall} checks in a row while up: remove it, or weight 0 with inhibit. */
    record RealServerDown(ServiceId service, RealServerId realServer, String reason) implements HealthEvent {}

    /** Fewer than {@code minimum} real servers are up: the sorry server should take over. */
    record QuorumLost(ServiceId service, int healthy, int minimum) implements HealthEvent {}

    /** At least {@code minimum + hysteresis} real servers are up again: the sorry server should leave. */
    record QuorumRegained(ServiceId service, int healthy, int minimum) implements HealthEvent {}
}
