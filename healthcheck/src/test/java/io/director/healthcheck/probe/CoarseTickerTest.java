package io.director.healthcheck.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.util.concurrent.Ticker;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class CoarseTickerTest {
    /** A clock that advances 1,000 ns each time it is read, and counts its readings. */
    static final class CountingTicker implements Ticker {
        int readings;
        long now;

        @Override
        public long nanoTime() {
            readings++;
            return now += 1_000;
        }

        @Override
        public long initialNanoTime() {
            return 42;
        }

        @Override
        public void sleep(long delay, TimeUnit unit) {}
    }

    final CountingTicker system = new CountingTicker();
    final AtomicBoolean onLoop = new AtomicBoolean(true);
    final CoarseTicker ticker = new CoarseTicker(system, onLoop::get);

    @Test
    void outsideABatchEveryReadingIsReal() {
        for (int i = 0; i < 5; i++) {
            ticker.nanoTime();
        }
        assertThat(system.readings).isEqualTo(5);
        assertThat(ticker.initialNanoTime()).isEqualTo(42);
    }

    @Test
    void inABatchTheClockIsSampledOncePerEightReadingsAndNeverGoesBack() {
        ticker.startBatch();
        long previous = 0;
        for (int i = 0; i < 32; i++) {
            long now = ticker.nanoTime();
            assertThat(now).isGreaterThanOrEqualTo(previous);
            previous = now;
        }
        assertThat(system.readings).isEqualTo(32 / CoarseTicker.READS_PER_SAMPLE);
    }

    @Test
    void aNewBatchSamplesAfreshAndTheIoPhaseReadsTheRealClock() {
        ticker.startBatch();
        long inFirst = ticker.nanoTime();
        ticker.endBatch();
        long inIo = ticker.nanoTime();
        assertThat(inIo).isGreaterThan(inFirst);
        ticker.startBatch();
        assertThat(ticker.nanoTime()).as("the first reading of a batch is a fresh sample").isGreaterThan(inIo);
    }

    @Test
    void otherThreadsAlwaysReadTheRealClock() {
        ticker.startBatch();
        ticker.nanoTime();
        onLoop.set(false);
        long a = ticker.nanoTime();
        long b = ticker.nanoTime();
        assertThat(b).isGreaterThan(a);
        assertThat(system.readings).isEqualTo(3);
    }
}
