package io.director.healthcheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ResultClockTest {

    /** A wall clock that counts how often it is read, and that a test can step. */
    private static final class SteppedClock extends Clock {
        Instant now = Instant.parse("2026-11-25T08:00:00Z");
        int reads;

        @Override
        public Instant instant() {
            reads++;
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }

    @Test
    void stampsFollowTheTickerBetweenReadingsOfTheWallClock() {
        SteppedClock wall = new SteppedClock();
        ResultClock clock = new ResultClock(wall);
        Instant start = wall.now;
        assertThat(clock.at(1_000)).isEqualTo(start);
        assertThat(clock.at(1_000 + 250_000_000L)).isEqualTo(start.plusMillis(250));
        assertThat(clock.at(1_000 + 999_000_000L)).isEqualTo(start.plusMillis(999));
        assertThat(wall.reads).isEqualTo(1);
    }

    @Test
    void aStepOfTheWallClockShowsWithinTheResyncPeriod() {
        SteppedClock wall = new SteppedClock();
        ResultClock clock = new ResultClock(wall);
        clock.at(0);
        wall.now = wall.now.plus(Duration.ofHours(1)); // e.g. the time was set
        long later = ResultClock.RESYNC.toNanos();
        assertThat(clock.at(later)).isEqualTo(wall.now);
        assertThat(clock.at(later + 5_000_000L)).isEqualTo(wall.now.plusMillis(5));
        assertThat(wall.reads).isEqualTo(2);
    }

    @Test
    void aReadingOlderThanTheAnchorReadsTheWallClock() {
        SteppedClock wall = new SteppedClock();
        ResultClock clock = new ResultClock(wall);
        clock.at(5_000_000_000L);
        // another loop's result, read just before the anchor: never stamped with a negative offset
        assertThat(clock.at(4_000_000_000L)).isEqualTo(wall.now);
        assertThat(wall.reads).isEqualTo(2);
    }
}
