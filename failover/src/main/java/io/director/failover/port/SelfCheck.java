package io.director.failover.port;

import java.util.Optional;

/**
 * This director's own health, polled by the failover controller: empty when healthy, else the reason
 * (interface down, IPVS unusable, VIP cannot be added), which puts the director in FAULT.
 */
public interface SelfCheck {
    Optional<String> fault();

    static SelfCheck healthy() {
        return Optional::empty;
    }
}
