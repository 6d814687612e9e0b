package io.director.ipvs.rules;

import io.director.ipvs.IpvsOp;
import io.director.ipvs.SyncDaemon;
import io.director.ipvs.SyncState;
import io.director.ipvs.Timeouts;

/** One line of an ipvsadm-restore file, as Director executes it. */
public sealed interface Rule permits Rule.Op, Rule.Flush, Rule.SetTimeouts, Rule.StartDaemon, Rule.StopDaemon {

    /** A table change (-A -E -D -a -e -d). */
    record Op(IpvsOp op) implements Rule {}

    /** -C. */
    record Flush() implements Rule {}

    /** --set TCP TCPFIN UDP. */
    record SetTimeouts(Timeouts timeouts) implements Rule {}

    /** --start-daemon. */
    record StartDaemon(SyncDaemon daemon) implements Rule {}

    /** --stop-daemon. */
    record StopDaemon(SyncState state) implements Rule {}
}
