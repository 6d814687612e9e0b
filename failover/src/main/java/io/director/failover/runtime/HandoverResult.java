package io.director.failover.runtime;

import java.time.Duration;
import java.util.Optional;

/**
 * How a graceful handover ended.
 *
 * @param takeover time from the request until the new master was seen claiming mastership (holding the VIPs)
 * @param total    time from the request until the old master had released its VIPs
 */
public record HandoverResult(
        boolean succeeded,
        Optional<String> previousMaster,
        Optional<String> newMaster,
        Optional<Duration> takeover,
        Duration total,
        String detail) {
}
