package io.director.daemon;

import java.time.Duration;

/**
 * When the next drift check runs. Normally {@code ipvs.repair-interval} after the last one ended; but a
 * check of a large table (40,000 real servers take a good part of a second to read, plan and count in a
 * small machine) may take at most a tenth of the control thread's time, so an idle daemon stays idle and
 * health events and reloads never queue behind drift checks.
 */
record RepairPace(Duration interval) {
    /** At most one part in this of the time goes to drift checks. */
    static final int SHARE = 10;

    Duration delayAfter(Duration took) {
        Duration stretched = took.multipliedBy(SHARE - 1);
        return stretched.compareTo(interval) > 0 ? stretched : interval;
    }

    boolean stretched(Duration took) {
        return delayAfter(took).compareTo(interval) > 0;
    }
}
