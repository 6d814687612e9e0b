package io.director.failover.core;

import org.junit.jupiter.api.Test;

import java.util.Map;
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
    void aPeerBackFromSilenceIsUpOnlyOnceItHearsUsToo() {
        monitor.heard("d2", Set.of("d1"), 0);
        assertThat(monitor.suspects(150 * MS)).containsExactly("d2");
        // the link heals one way first: d2's packets arrive, but d2 does not hear us yet
        monitor.heard("d2", Set.of(), 200 * MS);
        assertThat(monitor.hearing(200 * MS)).containsExactly("d2");
        assertThat(monitor.suspects(200 * MS)).as("not up on a one-way link").containsExactly("d2");
        monitor.heard("d2", Set.of(), 220 * MS);
        assertThat(monitor.suspects(220 * MS)).containsExactly("d2");
        monitor.heard("d2", Set.of("d1"), 240 * MS);
        assertThat(monitor.suspects(240 * MS)).as("both ways").isEmpty();
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

    /** 100 ms detection for a host that does not answer a knock, 1 s for one that does. */
    private final LinkMonitor knocking = new LinkMonitor("d1", 100 * MS, 1000 * MS);

    @Test
    void aSilentPeersHostIsKnockedOnAfterHalfTheDetectionTimeAndOnlyOnce() {
        knocking.heard("d2", Set.of("d1"), 0);
        assertThat(knocking.knocksDue(49 * MS)).isEmpty();
        Map<String, Long> due = knocking.knocksDue(50 * MS);
        assertThat(due).containsOnlyKeys("d2");
        assertThat(knocking.knocksDue(60 * MS)).as("one knock at a time").isEmpty();
        assertThat(knocking.suspects(120 * MS)).as("the knock under way decides, not the silence").isEmpty();
        assertThat(knocking.hearing(120 * MS)).containsExactly("d2");
    }

    @Test
    void aHostThatDoesNotAnswerIsSuspectedAtOnce() {
        knocking.heard("d2", Set.of("d1"), 0);
        long knock = knocking.knocksDue(50 * MS).get("d2");
        knocking.knockFailed("d2", knock);
        assertThat(knocking.suspects(95 * MS)).containsExactly("d2");
        assertThat(knocking.hearing(95 * MS)).isEmpty();
        assertThat(knocking.knocksDue(200 * MS)).as("nothing more to learn until it is heard").isEmpty();
        knocking.heard("d2", Set.of("d1"), 300 * MS);
        assertThat(knocking.suspects(300 * MS)).isEmpty();
    }

    @Test
    void aHostThatAnswersHasAStalledProcessAndGetsUpToTheMaximum() {
        knocking.heard("d2", Set.of("d1"), 0);
        long first = knocking.knocksDue(50 * MS).get("d2");
        knocking.knockAnswered("d2", first, 52 * MS);
        assertThat(knocking.suspects(101 * MS)).isEmpty();
        assertThat(knocking.knocksDue(101 * MS)).isEmpty();
        assertThat(knocking.knocksDue(102 * MS)).as("knocked again every half detection time")
                .containsOnlyKeys("d2");
        for (long t = 150; t <= 1000; t += 50) {
            long now = t * MS;
            knocking.knocksDue(now).values().forEach(k -> knocking.knockAnswered("d2", k, now));
        }
        assertThat(knocking.suspects(1000 * MS)).isEmpty();
        assertThat(knocking.suspects(1001 * MS)).as("no longer than the group's own timeout").containsExactly("d2");
    }

    @Test
    void aStalledPeerWhoseLinkGoesIsSuspectedAtTheNextKnock() {
        knocking.heard("d2", Set.of("d1"), 0);
        knocking.knockAnswered("d2", knocking.knocksDue(50 * MS).get("d2"), 51 * MS);
        long second = knocking.knocksDue(101 * MS).get("d2");
        assertThat(knocking.suspects(140 * MS)).isEmpty();
        knocking.knockFailed("d2", second);
        assertThat(knocking.suspects(151 * MS)).containsExactly("d2");
    }

    @Test
    void aKnockThatProvedNothingIsRepeated() {
        knocking.heard("d2", Set.of("d1"), 0);
        long first = knocking.knocksDue(50 * MS).get("d2");
        knocking.knockInconclusive("d2", first);
        assertThat(knocking.suspects(101 * MS)).as("past the detection time with no knock under way")
                .containsExactly("d2");
        long second = knocking.knocksDue(101 * MS).get("d2");
        assertThat(second).isNotEqualTo(first);
        assertThat(knocking.suspects(102 * MS)).isEmpty();
    }

    @Test
    void anOutcomeOfAnEarlierSilenceIsIgnored() {
        knocking.heard("d2", Set.of("d1"), 0);
        long old = knocking.knocksDue(50 * MS).get("d2");
        knocking.heard("d2", Set.of("d1"), 60 * MS);
        knocking.knockFailed("d2", old);
        assertThat(knocking.suspects(100 * MS)).isEmpty();
        long current = knocking.knocksDue(110 * MS).get("d2");
        knocking.knockFailed("d2", old);
        assertThat(knocking.suspects(120 * MS)).as("not the knock under way").isEmpty();
        knocking.knockFailed("d2", current);
        assertThat(knocking.suspects(120 * MS)).containsExactly("d2");
    }

    @Test
    void aPeerNeverUpIsNotKnockedOn() {
        knocking.heard("d2", Set.of("w"), 0);
        assertThat(knocking.knocksDue(500 * MS)).isEmpty();
    }

    @Test
    void aFixedMonitorNeverKnocks() {
        monitor.heard("d2", Set.of("d1"), 0);
        assertThat(monitor.knocksDue(90 * MS)).isEmpty();
        assertThat(monitor.suspects(101 * MS)).containsExactly("d2");
    }

    @Test
    void theNextChangeIsTheKnockThenTheEndOfTheKnocksWait() {
        assertThat(knocking.nextChange(0)).as("nobody heard: nothing pending").isEqualTo(Long.MAX_VALUE);
        knocking.heard("d2", Set.of("d1"), 0);
        assertThat(knocking.nextChange(1 * MS)).isEqualTo(50 * MS);
        long knock = knocking.knocksDue(50 * MS).get("d2");
        assertThat(knocking.nextChange(50 * MS)).as("the detection time, when an unanswered knock decides")
                .isEqualTo(100 * MS + 1);
        knocking.knockAnswered("d2", knock, 60 * MS);
        assertThat(knocking.nextChange(60 * MS)).as("the next knock").isEqualTo(100 * MS + 1);
        assertThat(monitor.nextChange(0)).isEqualTo(Long.MAX_VALUE);
        monitor.heard("d2", Set.of("d1"), 0);
        assertThat(monitor.nextChange(0)).as("without knocking, the detection time").isEqualTo(100 * MS + 1);
    }

    /**
     * The probe sleeps until {@link LinkMonitor#nextChange}: over many random histories, nothing it acts on
     * changes before then.
     */
    @Test
    void nothingChangesBeforeTheNextChange() {
        java.util.Random random = new java.util.Random(7);
        for (int run = 0; run < 300; run++) {
            LinkMonitor m = random.nextBoolean() ? new LinkMonitor("d1", 80 * MS, 600 * MS) : new LinkMonitor("d1", 80 * MS);
            Map<String, Long> pending = new java.util.HashMap<>();
            long now = 0;
            for (int step = 0; step < 60; step++) {
                now += random.nextInt(60) * MS + random.nextInt(1000);
                String peer = random.nextBoolean() ? "d2" : "w";
                switch (random.nextInt(6)) {
                    case 0, 1 -> m.heard(peer, random.nextInt(4) == 0 ? Set.of() : Set.of("d1"), now);
                    case 2 -> m.paused(random.nextInt(30) * MS);
                    case 3 -> {
                        Long k = pending.remove(peer);
                        if (k != null) {
                            switch (random.nextInt(3)) {
                                case 0 -> m.knockAnswered(peer, k, now);
                                case 1 -> m.knockFailed(peer, k);
                                default -> m.knockInconclusive(peer, k);
                            }
                        }
                    }
                    default -> { } // time passes
                }
                pending.putAll(m.knocksDue(now)); // as the probe does before it sleeps
                long next = m.nextChange(now);
                assertThat(next).isGreaterThan(now);
                Set<String> hearing = m.hearing(now);
                Set<String> suspects = m.suspects(now);
                long span = Math.min(next, now + 2000 * MS) - now;
                for (int i = 0; i < 20 && span > 1; i++) {
                    long t = i == 0 ? now + span - 1 : now + 1 + (long) (random.nextDouble() * (span - 1));
                    assertThat(m.hearing(t)).as("run %d step %d at %d (next %d)", run, step, t, next).isEqualTo(hearing);
                    assertThat(m.suspects(t)).as("run %d step %d at %d (next %d)", run, step, t, next).isEqualTo(suspects);
                    assertThat(m.knocksDue(t)).as("run %d step %d at %d (next %d)", run, step, t, next).isEmpty();
                }
            }
        }
    }

    @Test
    void theMaximumBelowTheDetectionTimeIsRefused() {
        assertThatThrownBy(() -> new LinkMonitor("d1", 100 * MS, 50 * MS))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
