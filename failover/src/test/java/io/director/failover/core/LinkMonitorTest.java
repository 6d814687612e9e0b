package io.director.failover.core;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class LinkMonitorTest {
    private static final long MS = 1_000_000;
    private final LinkMonitor monitor = new LinkMonitor("d1", 100 * MS);

    @Test
    void peerNeverHeardIsNotSuspected() {
        assertThat(monitor.suspects(10_000 * MS)).isEmpty();
    }

    @Test
    void peerThatHearsUsIsUpUntilSilentLongerThanTheDetectionTime() {
        monitor.heard("d2", Set.of("d1"), 0);
        assertThat(monitor.hearing(50 * MS)).containsExactly("d2");
        assertThat(monitor.suspects(100 * MS)).isEmpty();
        assertThat(monitor.suspects(101 * MS)).containsExactly("d2");
        assertThat(monitor.hearing(101 * MS)).isEmpty();
        monitor.heard("d2", Set.of("d1"), 150 * MS);
        assertThat(monitor.suspects(150 * MS)).isEmpty();
    }

    @Test
    void peerThatStopsHearingUsIsSuspectedAtOnce() {
        monitor.heard("d2", Set.of("d1"), 0);
        monitor.heard("d2", Set.of(), 10 * MS);
        assertThat(monitor.suspects(10 * MS)).containsExactly("d2");
    }

    @Test
    void peerThatNeverHeardUsIsNotArmed() {
        monitor.heard("d2", Set.of("w"), 0);
        assertThat(monitor.suspects(500 * MS)).isEmpty();
        assertThat(monitor.hearing(50 * MS)).containsExactly("d2");
    }

    @Test
    void ownPauseDoesNotCountAsThePeersSilence() {
        monitor.heard("d2", Set.of("d1"), 0);
        monitor.paused(400 * MS);
        assertThat(monitor.suspects(450 * MS)).isEmpty();
        assertThat(monitor.suspects(501 * MS)).containsExactly("d2");
    }

    @Test
    void ownPacketsAreIgnored() {
        monitor.heard("d1", Set.of("d1"), 0);
        assertThat(monitor.hearing(0)).isEmpty();
    }
}
