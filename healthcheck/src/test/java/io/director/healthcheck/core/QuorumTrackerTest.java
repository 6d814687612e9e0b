package io.director.healthcheck.core;

import static io.director.healthcheck.core.QuorumTracker.Transition.LOST;
import static io.director.healthcheck.core.QuorumTracker.Transition.NONE;
import static io.director.healthcheck.core.QuorumTracker.Transition.REGAINED;
import static org.assertj.core.api.Assertions.assertThat;

import io.director.config.model.Quorum;
import org.junit.jupiter.api.Test;

class QuorumTrackerTest {

    @Test
    void lostBelowMinimumRegainedOnlyAtMinimumPlusHysteresis() {
        QuorumTracker q = new QuorumTracker(new Quorum(2, 1), 3);
        assertThat(q.held()).isTrue();
        assertThat(q.update(2)).isEqualTo(NONE);
        assertThat(q.update(1)).isEqualTo(LOST);
        assertThat(q.update(0)).isEqualTo(NONE);
        assertThat(q.update(2)).isEqualTo(NONE); // at the minimum, but not minimum + hysteresis
        assertThat(q.held()).isFalse();
        assertThat(q.update(3)).isEqualTo(REGAINED);
        assertThat(q.update(2)).isEqualTo(NONE);
    }

    @Test
    void startsWithoutQuorumWhenTooFewAreUp() {
        QuorumTracker q = new QuorumTracker(new Quorum(1, 0), 0);
        assertThat(q.held()).isFalse();
        assertThat(q.update(1)).isEqualTo(REGAINED);
    }

    @Test
    void minimumZeroIsAlwaysHeld() {
        QuorumTracker q = new QuorumTracker(new Quorum(0, 0), 0);
        assertThat(q.held()).isTrue();
        assertThat(q.update(0)).isEqualTo(NONE);
    }

    @Test
    void reconfigureKeepsStateAndJudgesByTheNewSettings() {
        QuorumTracker q = new QuorumTracker(new Quorum(1, 0), 2);
        assertThat(q.reconfigure(new Quorum(3, 0), 2)).isEqualTo(LOST);
        assertThat(q.reconfigure(new Quorum(2, 0), 2)).isEqualTo(REGAINED);
    }
}
