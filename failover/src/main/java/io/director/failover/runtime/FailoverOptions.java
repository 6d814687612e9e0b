package io.director.failover.runtime;

import java.time.Duration;

/**
 * Tuning beyond the configuration file, with defaults for production.
 *
 * @param probeInterval    link-probe packet interval (UDP, on the cluster bind address and port); zero turns
 *                         the probe off and leaves detection to the group's heartbeats
 * @param probeMultiplier  a peer is suspected after this many intervals of silence
 * @param handoverTimeout  how long a master waits for its successor to take the VIPs
 * @param faultHold        how long a failure to add the VIPs keeps this member in FAULT
 * @param selfCheckInterval how often the self-check port is polled
 */
public record FailoverOptions(
        Duration probeInterval,
        int probeMultiplier,
        Duration handoverTimeout,
        Duration faultHold,
        Duration selfCheckInterval) {

    public static FailoverOptions defaults() {
        return new FailoverOptions(Duration.ofMillis(20), 4, Duration.ofSeconds(2), Duration.ofSeconds(5),
                Duration.ofMillis(200));
    }

    public FailoverOptions withProbe(Duration interval, int multiplier) {
        return new FailoverOptions(interval, multiplier, handoverTimeout, faultHold, selfCheckInterval);
    }

    public Duration probeDetectTime() {
        return probeInterval.multipliedBy(probeMultiplier);
    }
}
