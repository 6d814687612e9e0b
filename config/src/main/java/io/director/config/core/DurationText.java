package io.director.config.core;

import java.time.Duration;

/** Durations in HOCON's own notation (500ms, 2s, 5m), for messages and generated files. */
public final class DurationText {
    private DurationText() {}

    public static String of(Duration d) {
        if (d.isZero()) {
            return "0s";
        }
        long nanos;
        try {
            nanos = d.toNanos();
        } catch (ArithmeticException e) {
            return d.toSeconds() + "s";
        }
        if (nanos % 1_000_000 != 0) {
            return nanos % 1000 == 0 ? nanos / 1000 + "us" : nanos + "ns";
        }
        long ms = nanos / 1_000_000;
        if (ms % 1000 != 0) {
            return ms + "ms";
        }
        long s = ms / 1000;
        if (s % 3600 == 0) {
            return s / 3600 + "h";
        }
        return s % 60 == 0 ? s / 60 + "m" : s + "s";
    }
}
