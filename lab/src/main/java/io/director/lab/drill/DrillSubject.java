package io.director.lab.drill;

import java.util.Map;

/**
 * The failover software under drill in d1 (first master) and d2: Director or keepalived. The drill
 * runner does the rest (probe, connections, VIP owners, the client's neighbour entry, timing).
 * Instants are the guest's wall clock in epoch ms, read in the same guest command as the event.
 */
interface DrillSubject extends AutoCloseable {
    /** Starts the daemons and returns once d1 is master and d2 backup by their own account. */
    void start();

    /** Makes the master (d1) fail in the way {@code kind} says; returns when it happened. */
    long fail(DrillKind kind);

    /** Whether d2 says it is master. */
    boolean failedOver();

    /** Undoes {@link #fail}: heals, restarts or hands back; returns when it started. */
    long back(DrillKind kind);

    /** Whether d1 says it is master and d2 backup again. */
    boolean settled();

    /**
     * Brings a pair that did not settle after a drill back to d1 as master where it will not by itself (a
     * graceful handover to d2 after a needless failover: a handed-over master does not preempt).
     */
    default void resettle() {}

    /** What the last event printed (a handover's own measurement), or "". */
    String note();

    /** The daemons' last log lines, for a drill that did not settle. */
    String logs();

    /**
     * Each running daemon's whole log by member, for the run's output folder (d2 is never restarted, so its log
     * has every takeover); empty where the daemons log elsewhere.
     */
    default Map<String, String> fullLogs() {
        return Map.of();
    }

    @Override
    void close();
}
