package io.director.failover.core;

import java.util.Optional;

/** The outcome of an election: who should be master (if anyone), and why, for logs and notifications. */
public record Decision(Optional<String> master, String reason) {

    public static Decision none(String reason) {
        return new Decision(Optional.empty(), reason);
    }

    public static Decision of(String master, String reason) {
        return new Decision(Optional.of(master), reason);
    }

    public boolean is(String nodeId) {
        return master.filter(nodeId::equals).isPresent();
    }
}
