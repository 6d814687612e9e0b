package io.director.failover.runtime;

/** A monotonic nanosecond source, injected so measurements and probes can be driven in tests. */
@FunctionalInterface
public interface Ticker {
    long nanoTime();

    static Ticker system() {
        return System::nanoTime;
    }
}
