package io.director.healthcheck;

import java.net.InetAddress;
import java.time.Clock;
import java.util.Optional;
import java.util.function.LongConsumer;

/**
 * How the engine runs: its I/O threads, the source address checks bind (when of the target's family), the
 * clock that stamps results, and an optional observer told each check's start lateness in nanoseconds
 * (benchmarks; called on an I/O thread, so it must be cheap).
 */
public record HealthEngineOptions(
        int eventLoopThreads,
        Optional<InetAddress> sourceAddress,
        Clock clock,
        Optional<LongConsumer> startLateness) {

    public HealthEngineOptions {
        if (eventLoopThreads < 1) {
            throw new IllegalArgumentException("eventLoopThreads must be at least 1, got " + eventLoopThreads);
        }
    }

    public static HealthEngineOptions defaults() {
        return new HealthEngineOptions(1, Optional.empty(), Clock.systemUTC(), Optional.empty());
    }

    public HealthEngineOptions withEventLoopThreads(int threads) {
        return new HealthEngineOptions(threads, sourceAddress, clock, startLateness);
    }

    public HealthEngineOptions withSourceAddress(InetAddress address) {
        return new HealthEngineOptions(eventLoopThreads, Optional.of(address), clock, startLateness);
    }

    public HealthEngineOptions withStartLateness(LongConsumer observer) {
        return new HealthEngineOptions(eventLoopThreads, sourceAddress, clock, Optional.of(observer));
    }
}
