package io.director.healthcheck.core;

/**
 * When checks are due, on a ticker in nanoseconds (time is passed in, never read).
 *
 * <p>Each target gets a slot number when it is created; its phase inside the interval is the fractional
 * part of {@code slot * golden ratio}. That sequence spreads any number of targets almost evenly over the
 * interval (no herd at second boundaries), is deterministic, and does not move targets that already run
 * when others are added or removed by a reload.
 */
public final class CheckSchedule {

    private static final double GOLDEN_RATIO_FRACTION = 0.6180339887498949;
    /** The longest a check's start waits to share a wake-up with others: 10 ms. */
    public static final long MAX_TICK_NANOS = 10_000_000L;

    private final long epochNanos;

    /** {@code epochNanos}: the ticker reading all phases are counted from (the engine's start). */
    public CheckSchedule(long epochNanos) {
        this.epochNanos = epochNanos;
    }

    /** The phase of a slot within the interval, in [0, interval). */
    public static long offsetNanos(long slot, long intervalNanos) {
        double fraction = (slot * GOLDEN_RATIO_FRACTION) % 1.0;
        return Math.min(intervalNanos - 1, (long) (fraction * intervalNanos));
    }

    /** The first due time of a slot that is not before {@code nowNanos}. */
    public long firstDue(long slot, long intervalNanos, long nowNanos) {
        long due = epochNanos + offsetNanos(slot, intervalNanos);
        return due >= nowNanos ? due : due + ceilDiv(nowNanos - due, intervalNanos) * intervalNanos;
    }

    /**
     * The due time after {@code previousDue}: one interval later, on the same phase grid. When the engine
     * ran so late that whole intervals passed, those are skipped rather than run in a burst.
     */
    public static long nextDue(long previousDue, long intervalNanos, long nowNanos) {
        long next = previousDue + intervalNanos;
        return next > nowNanos ? next : next + ceilDiv(nowNanos - next + 1, intervalNanos) * intervalNanos;
    }

    /**
     * When the event loop should wake for a check due at {@code dueNanos}: the due time rounded up to a
     * shared tick (1% of the interval, at most {@link #MAX_TICK_NANOS}), so checks due close together start
     * in one wake-up of the loop instead of one each. Costs at most one tick of lateness.
     */
    public static long wakeAt(long dueNanos, long intervalNanos) {
        long tick = Math.max(1, Math.min(MAX_TICK_NANOS, intervalNanos / 100));
        return ceilDiv(dueNanos, tick) * tick;
    }

    private static long ceilDiv(long a, long b) {
        return -Math.floorDiv(-a, b);
    }
}
