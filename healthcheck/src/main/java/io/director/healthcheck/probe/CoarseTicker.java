package io.director.healthcheck.probe;

import io.netty.util.concurrent.Ticker;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The clock of one check event loop: while the loop runs a batch of tasks it reads the system clock once
 * per {@value #READS_PER_SAMPLE} readings and hands out that sample in between; everywhere else (its I/O
 * phase, other threads) every reading is a real one.
 *
 * <p>Why: Netty reads the clock about six times per loop iteration and a check reads it about four times
 * more (its start, its timeout and next run, its latency). On a normal kernel that is a vDSO call, nearly
 * free; under User-Mode Linux, and on hosts whose clock source has no vDSO, each is a system call, and they
 * were the largest share of a check's system calls in the lab (17 of 38 per check). A sample is at most
 * {@value #READS_PER_SAMPLE} readings old, which within one batch is the work of a check or two: a timer
 * set from it may fire that much early (microseconds on a host, about a millisecond in the guest).
 */
final class CoarseTicker implements Ticker {
    static final int READS_PER_SAMPLE = 8;

    private final Ticker system;
    private final BooleanSupplier onLoopThread;
    private boolean batch;
    private int reads;
    private long sample;

    CoarseTicker(Ticker system, BooleanSupplier onLoopThread) {
        this.system = system;
        this.onLoopThread = onLoopThread;
    }

    /** The loop starts running tasks (called on the loop thread): the next reading samples the clock. */
    void startBatch() {
        batch = true;
        reads = 0;
    }

    /** The loop turns to I/O (called on the loop thread): readings are real again. */
    void endBatch() {
        batch = false;
    }

    @Override
    public long nanoTime() {
        if (!onLoopThread.getAsBoolean() || !batch) {
            return system.nanoTime();
        }
        if (reads++ % READS_PER_SAMPLE == 0) {
            sample = system.nanoTime();
        }
        return sample;
    }

    @Override
    public long initialNanoTime() {
        return system.initialNanoTime();
    }

    @Override
    public void sleep(long delay, TimeUnit unit) throws InterruptedException {
        system.sleep(delay, unit);
    }
}
