package io.director.daemon.watch;

import java.time.Duration;

/**
 * Decides when an edit of the configuration file has settled, so the daemon reloads once per edit. The
 * watcher looks at the file whenever the filesystem reports an event in its folder and at least once per
 * poll period; an edit has settled once the file has stayed the same for the debounce time, and it is
 * handed on only if the file exists and differs from what was last handed on. Pure: the caller passes
 * the time and what it saw.
 */
final class EditSettler {
    /**
     * The outcome of one look: whether to reload now, whether that edit came without any filesystem
     * event (so the filesystem's notifications cannot be relied on), and when to look next.
     */
    record Decision(boolean reload, boolean unreported, long nextLookNanos) {}

    private final long debounceNanos;
    private final long pollNanos;
    private FileState handedOn;
    private FileState seen;
    private boolean editing;
    private long lastChangeNanos;
    private boolean reported;

    EditSettler(FileState initial, Duration debounce, Duration poll) {
        if (debounce.isNegative() || poll.isNegative() || poll.isZero()) {
            throw new IllegalArgumentException("debounce must be >= 0 and poll > 0");
        }
        this.handedOn = initial;
        this.seen = initial;
        this.debounceNanos = debounce.toNanos();
        this.pollNanos = poll.toNanos();
    }

    /** One look at time {@code now}: the file is in {@code state}; {@code event}: the filesystem reported something since the last look. */
    Decision look(long now, FileState state, boolean event) {
        if (!state.equals(seen)) {
            seen = state;
            if (!editing) {
                editing = true;
                reported = false;
            }
            lastChangeNanos = now;
        }
        if (editing && event) {
            reported = true;
        }
        if (!editing) {
            return new Decision(false, false, now + pollNanos);
        }
        if (now - lastChangeNanos < debounceNanos) {
            return new Decision(false, false, Math.min(lastChangeNanos + debounceNanos, now + pollNanos));
        }
        editing = false;
        if (!state.exists() || state.equals(handedOn)) {
            return new Decision(false, false, now + pollNanos); // deleted (a later save is a new change) or back as it was
        }
        handedOn = state;
        return new Decision(true, !reported, now + pollNanos);
    }
}
