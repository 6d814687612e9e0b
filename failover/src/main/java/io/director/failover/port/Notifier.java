package io.director.failover.port;

import io.director.failover.core.Role;

/** Told about every role change of this member, after the change's actions ran. Must not block for long. */
public interface Notifier {
    void roleChanged(Role from, Role to, String reason);

    static Notifier none() {
        return (from, to, reason) -> { };
    }
}
