package io.director.healthcheck.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.LongStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class CheckScheduleTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void tenThousandTargetsSpreadEvenlyOverTheInterval() {
        int targets = 10_000;
        int buckets = 1000; // 1 ms buckets of a 1 s interval: 10 starts each if perfectly even
        int[] counts = new int[buckets];
        for (int slot = 0; slot < targets; slot++) {
            counts[(int) (CheckSchedule.offsetNanos(slot, SECOND) / (SECOND / buckets))]++;
        }
        int max = java.util.Arrays.stream(counts).max().orElseThrow();
        int min = java.util.Arrays.stream(counts).min().orElseThrow();
        assertThat(max).isLessThanOrEqualTo(14);
        assertThat(min).isGreaterThanOrEqualTo(6);
    }

    @Test
    void offsetsAreDeterministicAndStableForExistingSlots() {
        assertThat(CheckSchedule.offsetNanos(7, SECOND)).isEqualTo(CheckSchedule.offsetNanos(7, SECOND));
        assertThat(LongStream.range(0, 100).map(s -> CheckSchedule.offsetNanos(s, SECOND)).distinct().count()).isEqualTo(100);
    }

    @Test
    void firstDueIsTheSlotPhaseNotBeforeNow() {
        CheckSchedule schedule = new CheckSchedule(1_000);
        long offset = CheckSchedule.offsetNanos(1, SECOND);
        assertThat(schedule.firstDue(1, SECOND, 1_000)).isEqualTo(1_000 + offset);
        assertThat(schedule.firstDue(1, SECOND, 1_000 + offset + 1)).isEqualTo(1_000 + offset + SECOND);
        assertThat(schedule.firstDue(0, SECOND, 1_000)).isEqualTo(1_000);
    }

    @Test
    void nextDueKeepsThePhaseAndSkipsMissedIntervalsWithoutABurst() {
        assertThat(CheckSchedule.nextDue(5_000, SECOND, 5_000 + 10)).isEqualTo(5_000 + SECOND);
        // ran 2.5 intervals late: next is on the grid, after now
        assertThat(CheckSchedule.nextDue(5_000, SECOND, 5_000 + 2 * SECOND + SECOND / 2)).isEqualTo(5_000 + 3 * SECOND);
        assertThat(CheckSchedule.nextDue(5_000, SECOND, 5_000 + SECOND)).isEqualTo(5_000 + 2 * SECOND);
    }

    @Test
    void checksDueWithinOneTickWakeTheLoopTogether() {
        long tick = CheckSchedule.MAX_TICK_NANOS; // 1% of 1 s would be more: capped
        assertThat(CheckSchedule.wakeAt(5 * tick + 1, SECOND)).isEqualTo(6 * tick);
        assertThat(CheckSchedule.wakeAt(6 * tick - 1, SECOND)).isEqualTo(6 * tick);
        assertThat(CheckSchedule.wakeAt(6 * tick, SECOND)).isEqualTo(6 * tick);
        // short intervals get a tick of 1% of the interval: 200 ms -> 2 ms
        assertThat(CheckSchedule.wakeAt(2_000_001, 200_000_000)).isEqualTo(4_000_000);
    }

    @Property
    void wakeIsNeverBeforeDueAndAtMostOneTickAfter(
            @ForAll @LongRange(min = -1_000_000_000_000L, max = 1_000_000_000_000L) long due,
            @ForAll @LongRange(min = 1, max = 10_000_000_000L) long interval) {
        long wake = CheckSchedule.wakeAt(due, interval);
        assertThat(wake).isGreaterThanOrEqualTo(due);
        assertThat(wake - due).isLessThan(Math.max(1, Math.min(CheckSchedule.MAX_TICK_NANOS, interval / 100)));
    }

    @Property
    void nextDueIsOnTheGridAndWithinOneIntervalAfterNow(
            @ForAll @LongRange(min = 0, max = 1_000_000_000_000L) long previous,
            @ForAll @LongRange(min = 1, max = 10_000_000_000L) long interval,
            @ForAll @LongRange(min = 0, max = 100_000_000_000L) long late) {
        long now = previous + late;
        long next = CheckSchedule.nextDue(previous, interval, now);
        assertThat(next).isGreaterThan(now);
        assertThat(next - now).isLessThanOrEqualTo(interval);
        assertThat((next - previous) % interval).isZero();
    }
}
