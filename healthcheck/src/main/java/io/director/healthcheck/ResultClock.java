package io.director.healthcheck;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The wall-clock time of check results, from the loop's ticker readings a result already carries: the wall
 * clock is read once per {@link #RESYNC} and not per check. Under User-Mode Linux, or on a host whose clock
 * source has no vDSO, every reading is a system call, and a check makes few enough that one more shows. A step
 * of the wall clock shows in the stamps within {@link #RESYNC}. Not thread-safe: the engine calls it under its lock.
 */
final class ResultClock {

    static final Duration RESYNC = Duration.ofSeconds(1);

    private final Clock wall;
    private Instant anchorWall;
    private long anchorTicks;

    ResultClock(Clock wall) {
        this.wall = wall;
    }

    /** The wall-clock time of ticker reading {@code ticks} (nanoseconds of the loops' ticker). */
    Instant at(long ticks) {
        long since = ticks - anchorTicks;
        if (anchorWall == null || since < 0 || since >= RESYNC.toNanos()) {
            anchorWall = wall.instant();
            anchorTicks = ticks;
            return anchorWall;
        }
        return anchorWall.plusNanos(since);
    }
}
