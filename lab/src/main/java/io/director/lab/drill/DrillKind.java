package io.director.lab.drill;

import java.util.Locale;

/** What a drill does to the master. */
public enum DrillKind {
    /** kill -9 of the master's daemon together with a cut of its link; then link healed and daemon restarted. */
    KILL,
    /** the master's link cut alone; then healed. */
    LINK,
    /** a clean handover (Director: {@code director failover}; keepalived: a clean stop, priority 0); then back. */
    GRACEFUL,
    /** d1 cut off from d2 and the witness (three members); then healed. Director only. */
    PARTITION;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code kill|link|graceful|partition}. */
    public static DrillKind parse(String text) {
        for (DrillKind k : values()) {
            if (k.label().equals(text)) {
                return k;
            }
        }
        throw new IllegalArgumentException("--kind wants kill, link, graceful or partition, not '" + text + "'");
    }
}
