package io.director.healthcheck.core;

import static io.director.healthcheck.core.RiseFallTracker.Transition.NONE;
import static io.director.healthcheck.core.RiseFallTracker.Transition.WENT_DOWN;
import static io.director.healthcheck.core.RiseFallTracker.Transition.WENT_UP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RiseFallTrackerTest {

    @Test
    void initiallyDownNeedsRiseSuccessesInARow() {
        RiseFallTracker t = new RiseFallTracker(3, 2, false);
        assertThat(t.up()).isFalse();
        assertThat(t.record(true)).isEqualTo(NONE);
        assertThat(t.record(true)).isEqualTo(NONE);
        assertThat(t.record(false)).isEqualTo(NONE);
        assertThat(t.record(true)).isEqualTo(NONE);
        assertThat(t.record(true)).isEqualTo(NONE);
        assertThat(t.record(true)).isEqualTo(WENT_UP);
        assertThat(t.up()).isTrue();
        assertThat(t.record(true)).isEqualTo(NONE);
    }

    @Test
    void upGoesDownAfterFallFailuresInARowAndASuccessResetsTheCount() {
        RiseFallTracker t = new RiseFallTracker(1, 2, true);
        assertThat(t.record(false)).isEqualTo(NONE);
        assertThat(t.consecutiveFailures()).isEqualTo(1);
        assertThat(t.record(true)).isEqualTo(NONE);
        assertThat(t.consecutiveFailures()).isZero();
        assertThat(t.record(false)).isEqualTo(NONE);
        assertThat(t.record(false)).isEqualTo(WENT_DOWN);
        assertThat(t.up()).isFalse();
        assertThat(t.record(false)).isEqualTo(NONE);
        assertThat(t.record(true)).isEqualTo(WENT_UP);
    }

    @Test
    void rejectsThresholdsBelowOne() {
        assertThatThrownBy(() -> new RiseFallTracker(0, 1, true)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RiseFallTracker(1, 0, true)).isInstanceOf(IllegalArgumentException.class);
    }
}
