package io.director.failover.core;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
    void peerThatKeepsSayingItDoesNotHearUsIsSuspectedAfterTheDetectionTime() {
        monitor.heard("d2", Set.of("d1"), 0);
        monitor.heard("d2", Set.of(), 10 * MS);
        monitor.heard("d2", Set.of(), 60 * MS);
        assertThat(monitor.suspects(100 * MS)).as("its doubt is younger than our detection time").isEmpty();
        monitor.heard("d2", Set.of(), 110 * MS);
        assertThat(monitor.suspects(111 * MS)).as("a one-way failure").containsExactly("d2");
        assertThat(monitor.hearing(111 * MS)).as("we still hear it").containsExactly("d2");
    }

    @Test
    void aPeersBriefDoubtAboutUsIsNotASuspicion() {
        monitor.heard("d2", Set.of("d1"), 0);
        monitor.heard("d2", Set.of(), 30 * MS);     // it missed us for its own (shorter) detection time
        monitor.heard("d2", Set.of("d1"), 60 * MS); // and hears us again
        monitor.heard("d2", Set.of("d1"), 90 * MS);
        assertThat(monitor.suspects(135 * MS)).isEmpty();
        monitor.heard("d2", Set.of(), 150 * MS);    // a new doubt counts from its own start
        monitor.heard("d2", Set.of(), 200 * MS);
        monitor.heard("d2", Set.of(), 240 * MS);
        assertThat(monitor.suspects(245 * MS)).isEmpty();
        assertThat(monitor.suspects(251 * MS)).containsExactly("d2");
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

    /** 100 ms detection, growing to at most 1 s, silences remembered for 60 s. */
    private final LinkMonitor adaptive = new LinkMonitor("d1", 100 * MS, 1000 * MS, 60_000 * MS);

    @Test
    void aPeerThatCameBackFromALongSilenceGetsTwiceThatSilenceBeforeItIsSuspectedAgain() {
        adaptive.heard("d2", Set.of("d1"), 0);
        assertThat(adaptive.suspects(101 * MS)).containsExactly("d2");
        // it was only stalled (GC, CPU starvation): back after 300 ms
        adaptive.heard("d2", Set.of("d1"), 300 * MS);
        assertThat(adaptive.suspects(300 * MS)).isEmpty();
        assertThat(adaptive.detectTimes(300 * MS)).containsEntry("d2", 600 * MS);
        // the same stall again is no longer a suspicion; a longer silence still is
        assertThat(adaptive.suspects(600 * MS)).isEmpty();
        assertThat(adaptive.suspects(900 * MS)).isEmpty();
        assertThat(adaptive.suspects(901 * MS)).containsExactly("d2");
        assertThat(adaptive.hearing(901 * MS)).isEmpty();
    }

    @Test
    void aSilenceWithLostPacketsOrARestartIsNoStallAndKeepsTheFastDetection() {
        adaptive.heard("d2", 0, 0, Set.of("d1"), 0);
        adaptive.heard("d2", 1, 30 * MS, Set.of("d1"), 30 * MS);
        // a cut link: the peer kept counting, its packets were lost for 2 s
        adaptive.heard("d2", 68, 2_030 * MS, Set.of("d1"), 2_030 * MS);
        assertThat(adaptive.detectTimes(2_030 * MS)).containsEntry("d2", 100 * MS);
        // killed and started again: a new count
        adaptive.heard("d2", 0, 9_000 * MS, Set.of("d1"), 9_000 * MS);
        assertThat(adaptive.detectTimes(9_000 * MS)).containsEntry("d2", 100 * MS);
        assertThat(adaptive.suspects(9_101 * MS)).as("the next kill is detected in 100 ms again").containsExactly("d2");
        // a stall of the new incarnation (the next number after 400 ms) still stretches it
        adaptive.heard("d2", 1, 9_400 * MS, Set.of("d1"), 9_400 * MS);
        assertThat(adaptive.detectTimes(9_400 * MS)).containsEntry("d2", 800 * MS);
    }

    @Test
    void packetsSentOnTimeThatArriveLateWereHeldOnTheWayAndAreNoStall() {
        adaptive.heard("d2", 0, 0, Set.of("d1"), 0);
        // the link came back: the packets the peer sent every 30 ms while it was down were queued until its
        // neighbour entry resolved, and arrive together 2 s on
        for (int seq = 1; seq <= 66; seq++) {
            adaptive.heard("d2", seq, seq * 30 * MS, Set.of("d1"), 2_000 * MS);
        }
        assertThat(adaptive.detectTimes(2_000 * MS)).containsEntry("d2", 100 * MS);
        // a stall by the peer's own clock: it sent nothing for 400 ms, whenever the packet arrives
        adaptive.heard("d2", 67, 66 * 30 * MS + 400 * MS, Set.of("d1"), 2_010 * MS);
        assertThat(adaptive.detectTimes(2_010 * MS)).containsEntry("d2", 800 * MS);
    }

    @Test
    void aRestartForgetsTheStallsOfTheOldIncarnation() {
        adaptive.heard("d2", 5, 0, Set.of("d1"), 0);
        adaptive.heard("d2", 6, 400 * MS, Set.of("d1"), 400 * MS);
        assertThat(adaptive.detectTimes(400 * MS)).containsEntry("d2", 800 * MS);
        adaptive.heard("d2", 0, 3_000 * MS, Set.of("d1"), 3_000 * MS);
        assertThat(adaptive.detectTimes(3_000 * MS)).containsEntry("d2", 100 * MS);
    }

    @Test
    void theStallsOfAPeersStartAreForgottenSoonerThanLaterOnes() {
        // the first 100 packets are a start, whose silences are remembered for 10 s (the others for 60 s)
        LinkMonitor monitor = new LinkMonitor("d1", 100 * MS, 1000 * MS, 60_000 * MS, 100, 10_000 * MS);
        monitor.heard("d2", 0, 0, Set.of("d1"), 0);
        monitor.heard("d2", 1, 400 * MS, Set.of("d1"), 400 * MS); // compiling: a 400 ms stall
        assertThat(monitor.detectTimes(400 * MS)).as("while it starts, its stall counts").containsEntry("d2", 800 * MS);
        assertThat(monitor.suspects(700 * MS)).isEmpty();
        monitor.heard("d2", 150, 5_000 * MS, Set.of("d1"), 5_000 * MS); // packets lost: no stall
        monitor.heard("d2", 151, 5_200 * MS, Set.of("d1"), 5_200 * MS); // started: a 200 ms stall
        assertThat(monitor.detectTimes(10_400 * MS)).containsEntry("d2", 800 * MS);
        assertThat(monitor.detectTimes(10_401 * MS)).as("10 s on, the start's stall is forgotten, the later one not")
                .containsEntry("d2", 400 * MS);
        assertThat(monitor.detectTimes(65_201 * MS)).containsEntry("d2", 100 * MS);
    }

    @Test
    void aStartRememberedLongerThanTheRestIsRefused() {
        assertThatThrownBy(() -> new LinkMonitor("d1", 100 * MS, 1000 * MS, 10_000 * MS, 100, 20_000 * MS))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theDetectionTimeNeverExceedsTheMaximum() {
        adaptive.heard("d2", Set.of("d1"), 0);
        adaptive.heard("d2", Set.of("d1"), 5_000 * MS);
        assertThat(adaptive.detectTimes(5_000 * MS)).containsEntry("d2", 1000 * MS);
        assertThat(adaptive.suspects(6_001 * MS)).containsExactly("d2");
    }

    @Test
    void aQuietPeerKeepsTheFastDetectionAndLongSilencesAreForgottenAfterTheWindow() {
        long t = 0;
        for (; t < 990 * MS; t += 30 * MS) {
            adaptive.heard("d2", Set.of("d1"), t);
        }
        assertThat(adaptive.detectTimes(t)).as("30 ms between packets is no notable silence").containsEntry("d2", 100 * MS);
        t += 370 * MS; // 400 ms after the last packet
        adaptive.heard("d2", Set.of("d1"), t);
        assertThat(adaptive.detectTimes(t)).containsEntry("d2", 800 * MS);
        // a minute of regular packets: the stall is forgotten
        long end = t + 60_001 * MS;
        for (t += 30 * MS; t <= end; t += 30 * MS) {
            adaptive.heard("d2", Set.of("d1"), t);
        }
        assertThat(adaptive.detectTimes(t)).containsEntry("d2", 100 * MS);
    }

    @Test
    void theLongestSilenceInTheWindowCountsNotTheLatest() {
        adaptive.heard("d2", Set.of("d1"), 0);
        adaptive.heard("d2", Set.of("d1"), 400 * MS);
        adaptive.heard("d2", Set.of("d1"), 600 * MS);
        adaptive.heard("d2", Set.of("d1"), 700 * MS);
        assertThat(adaptive.detectTimes(700 * MS)).containsEntry("d2", 800 * MS);
    }

    @Test
    void ownPauseIsNotCountedAsTheSilenceOfAPeer() {
        adaptive.heard("d2", Set.of("d1"), 0);
        adaptive.paused(500 * MS);
        adaptive.heard("d2", Set.of("d1"), 530 * MS);
        assertThat(adaptive.detectTimes(530 * MS)).containsEntry("d2", 100 * MS);
    }

    @Test
    void aFixedMonitorNeverAdapts() {
        monitor.heard("d2", Set.of("d1"), 0);
        monitor.heard("d2", Set.of("d1"), 900 * MS);
        assertThat(monitor.detectTimes(900 * MS)).containsEntry("d2", 100 * MS);
        assertThat(monitor.suspects(1_001 * MS)).containsExactly("d2");
    }
}
