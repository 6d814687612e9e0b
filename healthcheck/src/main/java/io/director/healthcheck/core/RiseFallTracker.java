package io.director.healthcheck.core;

/**
 * Up/down state of one real server by consecutive check results: {@code rise} successes in a row bring a
 * down server up, {@code fall} failures in a row take an up server down. A result of the other kind resets
 * the count, so one lucky or unlucky check never flips the state on its own.
 */
public final class RiseFallTracker {

    /** What one result did to the state. */
    public enum Transition { NONE, WENT_UP, WENT_DOWN }

    private final int rise;
    private final int fall;
    private boolean up;
    private int consecutiveSuccesses;
    private int consecutiveFailures;

    public RiseFallTracker(int rise, int fall, boolean initiallyUp) {
        if (rise < 1 || fall < 1) {
            throw new IllegalArgumentException("rise and fall must be at least 1, got rise=" + rise + " fall=" + fall);
        }
        this.rise = rise;
        this.fall = fall;
        this.up = initiallyUp;
    }

    public Transition record(boolean success) {
        if (success) {
            consecutiveSuccesses++;
            consecutiveFailures = 0;
            if (!up && consecutiveSuccesses >= rise) {
                up = true;
                return Transition.WENT_UP;
            }
        } else {
            consecutiveFailures++;
            consecutiveSuccesses = 0;
            if (up && consecutiveFailures >= fall) {
                up = false;
                return Transition.WENT_DOWN;
            }
        }
        return Transition.NONE;
    }

    public boolean up() {
        return up;
    }

    public int consecutiveSuccesses() {
        return consecutiveSuccesses;
    }

    public int consecutiveFailures() {
        return consecutiveFailures;
    }
}
