package io.director.failover.runtime;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waits for a condition with a deadline (checked every few milliseconds), failing with a description. */
final class Conditions {
    private Conditions() {}

    static long await(Duration deadline, BooleanSupplier condition, Supplier<String> describe) {
        long start = System.nanoTime();
        long end = start + deadline.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("not within " + deadline.toMillis() + " ms: " + describe.get());
            }
            LockSupport.parkNanos(2_000_000);
        }
        return System.nanoTime() - start;
    }
}
