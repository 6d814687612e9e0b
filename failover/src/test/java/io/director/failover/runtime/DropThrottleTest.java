package io.director.failover.runtime;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DropThrottleTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void logsTheFirstDropOfASourceThenOneLineAWindowWithTheCountInBetween() {
        DropThrottle throttle = new DropThrottle(10 * SECOND);
        assertEquals(0, throttle.drop("w", 0));
        for (int i = 1; i <= 499; i++) {
            assertEquals(-1, throttle.drop("w", i * SECOND / 50)); // 50 a second for 10 s: not logged
        }
        assertEquals(499, throttle.drop("w", 10 * SECOND));
        assertEquals(-1, throttle.drop("w", 10 * SECOND + 1));
        assertEquals(1, throttle.drop("w", 25 * SECOND));
        assertEquals(0, throttle.drop("w", 60 * SECOND));
    }

    @Test
    void eachSourceHasItsOwnWindow() {
        DropThrottle throttle = new DropThrottle(10 * SECOND);
        assertEquals(0, throttle.drop("w", 0));
        assertEquals(0, throttle.drop("x", 1));
        assertEquals(-1, throttle.drop("w", 2));
        assertEquals(-1, throttle.drop("x", 3));
    }

    @Test
    void manySpoofedSourcesDoNotGrowItWithoutBound() {
        DropThrottle throttle = new DropThrottle(10 * SECOND);
        for (int i = 0; i < 5000; i++) {
            assertEquals(0, throttle.drop("source-" + i, i));
        }
        assertEquals(0, throttle.drop("source-0", 5000)); // forgotten when the table was cleared: logged again
    }
}
