package io.director.failover.core;

/** The timers the state machine asks its controller to run; each firing comes back as {@link Event.TimerFired}. */
public enum Timer {
    /** After its first group view, a starting member waits this long (the join timeout) before it may act alone. */
    JOIN,
    /** The preempt delay after becoming ready, before a higher-priority member may take over. */
    PREEMPT,
    /** How long a master waits for its successor to take the VIPs before it gives up (handover) or releases. */
    HANDOVER,
    /** How long a failure to add the VIPs keeps this member in FAULT. */
    FAULT_HOLD,
    /** The longest a backup waits for the group to merge in members its probe hears outside its view. */
    MERGE,
    /** After a member came back (probe or group view), a master announces its VIPs once more when this runs out. */
    REANNOUNCE
}
