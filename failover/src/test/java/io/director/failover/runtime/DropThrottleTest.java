package io.director.failover.runtime;

import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DropThrottleTest {
    private static final long SECOND = 1_000_000_000L;
    private static final InetSocketAddress W = source(1);
    private static final InetSocketAddress X = source(2);

    @Test
    void logsTheFirstDropOfASourceThenOneLineAWindowWithTheCountInBetween() {
        DropThrottle throttle = new DropThrottle(10 * SECOND);
        assertEquals(0, throttle.drop(W, 0));
        for (int i = 1; i <= 499; i++) {
            assertEquals(-1, throttle.drop(W, i * SECOND / 50)); // 50 a second for 10 s: not logged
        }
        assertEquals(499, throttle.drop(W, 10 * SECOND));
        assertEquals(-1, throttle.drop(W, 10 * SECOND + 1));
        assertEquals(1, throttle.drop(W, 25 * SECOND));
        assertEquals(0, throttle.drop(W, 60 * SECOND));
    }

    @Test
    void eachSourceHasItsOwnWindow() {
        DropThrottle throttle = new DropThrottle(10 * SECOND);
        assertEquals(0, throttle.drop(W, 0));
        assertEquals(0, throttle.drop(X, 1));
        assertEquals(-1, throttle.drop(W, 2));
        assertEquals(-1, throttle.drop(X, 3));
    }

    @Test
    void manySpoofedSourcesDoNotGrowItWithoutBound() {
        DropThrottle throttle = new DropThrottle(10 * SECOND);
        for (int i = 0; i < 5000; i++) {
            assertEquals(0, throttle.drop(source(i), i));
        }
        assertEquals(0, throttle.drop(source(0), 5000)); // forgotten when the table was cleared: logged again
    }

    /** A distinct sender for each number, in the lab's documentation range. */
    private static InetSocketAddress source(int n) {
        return new InetSocketAddress("198.51.100." + (n % 250), 7000 + n / 250);
    }
}
