package io.director.config.model;

import java.time.Duration;
import java.util.Optional;

/**
 * keepalived-style notify commands (run with {@code sh -c}): on role changes (master, backup, fault, and
 * {@code any} with the new state as argument) and on real-server transitions (up, down).
 */
public record NotifyConfig(
        Optional<String> master,
        Optional<String> backup,
        Optional<String> fault,
        Optional<String> any,
        Optional<String> realServerUp,
        Optional<String> realServerDown,
        Duration timeout) {

    public static NotifyConfig none(Duration timeout) {
        return new NotifyConfig(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), timeout);
    }
}
