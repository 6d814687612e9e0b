package io.director.healthcheck;

import java.net.InetAddress;
import java.time.Clock;
import java.util.Optional;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

/**
 * How the engine runs: its I/O threads, the source address checks bind (when of the target's family), the
 * ticker (nanoseconds, monotonic, advancing like {@link System#nanoTime()}) it measures latency with, the
 * clock that stamps results, and an optional observer told each check's start lateness in nanoseconds
 * (benchmarks; called on an I/O thread, so it must be cheap).
 */
public record HealthEngineOptions(
        int eventLoopThreads,
        Optional<InetAddress> sourceAddress,
        LongSupplier ticker,
        Clock clock,
        Optional<LongConsumer> startLateness) {

    public HealthEngineOptions {
        if (eventLoopThreads < 1) {
            throw new IllegalArgumentException("eventLoopThreads must be at least 1, got " + eventLoopThreads);
        }
    }

    public static HealthEngineOptions defaults() {
        return new HealthEngineOptions(1, Optional.empty(), System::nanoTime, Clock.systemUTC(), Optional.empty());
    }

    public HealthEngineOptions withEventLoopThreads(int threads) {
        return new HealthEngineOptions(threads, sourceAddress, ticker, clock, startLateness);
    }

    public HealthEngineOptions withSourceAddress(InetAddress address) {
        return new HealthEngineOptions(eventLoopThreads, Optional.of(address), ticker, clock, startLateness);
    }

    public HealthEngineOptions withStartLateness(LongConsumer observer) {
        return new HealthEngineOptions(eventLoopThreads, sourceAddress, ticker, clock, Optional.of(observer));
    }
}
