package io.director.lab.drill;

import static org.assertj.core.api.Assertions.assertThat;

import io.director.lab.ProbeReport;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProbeTimelineTest {
    /** Started at epoch 1,000,000 ms; answers every 20 ms, none from 100 to 600 (a failover at 110). */
    private static final List<String> LOG = List.of(
            "# probe target=/198.51.100.100:80 period-ms=20 timeout-ms=500 started-epoch-ms=1000000 started-uptime-ms=50000",
            "0 OK 900 rs1",
            "20 OK 950 rs2",
            "40 OK 1000 rs3",
            "60 OK 1200 rs1",
            "80 OK 800 rs2",
            "100 OK 700 rs3",
            "140 FAIL 500000 timeout",
            "120 FAIL 500000 timeout",
            "600 OK 3000 rs1",
            "620 OK 900 rs2",
            "640 FAIL 100 refused",
            "660 OK 800 rs3");

    private final ProbeTimeline t = ProbeTimeline.of(ProbeReport.parse(LOG));

    @Test
    void samplesAreInTheOrderTheyStarted() {
        assertThat(t.samples()).extracting(ProbeTimeline.Sample::offsetMillis)
                .containsExactly(0L, 20L, 40L, 60L, 80L, 100L, 120L, 140L, 600L, 620L, 640L, 660L);
        assertThat(t.samples().get(6).ok()).isFalse();
        assertThat(t.samples().get(8).latencyMicros()).isEqualTo(3000);
        assertThat(t.offsetOf(1_000_110)).isEqualTo(110);
    }

    @Test
    void theGapAroundAnEventRunsFromTheLastAnswerBeforeToTheFirstAfter() {
        ProbeTimeline.Gap g = t.gapOverlapping(1_000_110, 1_000_700);
        assertThat(g.millis()).isEqualTo(500);
        assertThat(g.fromOffset()).isEqualTo(100);
        assertThat(g.toOffset()).isEqualTo(600);
    }

    @Test
    void aWindowAfterTheGapSeesOnlyTheGapsInIt() {
        // 640 failed: from 620 to 660 without an answer
        assertThat(t.gapOverlapping(1_000_610, 1_000_700).millis()).isEqualTo(40);
        assertThat(t.gapOverlapping(1_000_000, 1_000_050).millis()).isEqualTo(20);
    }

    @Test
    void aGapStillOpenAtTheEndRunsToTheLastRequest() {
        ProbeTimeline open = ProbeTimeline.of(ProbeReport.parse(List.of(
                "# probe started-epoch-ms=0",
                "0 OK 900 rs1", "20 OK 900 rs1", "40 FAIL 1 refused", "60 FAIL 1 refused", "80 FAIL 1 refused")));
        assertThat(open.gapOverlapping(30, 90).millis()).isEqualTo(60);
        ProbeTimeline never = ProbeTimeline.of(ProbeReport.parse(List.of("# probe started-epoch-ms=0",
                "0 FAIL 1 refused", "20 FAIL 1 refused")));
        assertThat(never.gapOverlapping(0, 30).millis()).isEqualTo(20);
    }

    @Test
    void theProbesOwnSpacingSkipsEverySpanAFailureBreaks() {
        ProbeTimeline jittery = ProbeTimeline.of(ProbeReport.parse(List.of("# probe started-epoch-ms=0",
                "0 OK 900 rs1", "18 OK 900 rs2", "47 OK 900 rs3", "60 FAIL 1 refused", "80 OK 900 rs1", "101 OK 900 rs2")));
        assertThat(jittery.answeredSpacings()).containsExactly(18L, 29L, 21L);
        assertThat(t.answeredSpacings()).containsExactly(20L, 20L, 20L, 20L, 20L, 20L);
    }

    @Test
    void countsFailuresAndAnswersInAWindow() {
        assertThat(t.failuresBetween(1_000_100, 1_000_700)).isEqualTo(3);
        assertThat(t.failuresBetween(1_000_000, 1_000_130)).isEqualTo(1);
        assertThat(t.answeredBetween(1_000_000, 1_000_100)).isEqualTo(5);
    }

    @Test
    void trafficFlowsOnceTheLastRequestsWereAllAnsweredAfterAnInstant() {
        ProbeTimeline tail = ProbeTimeline.of(ProbeReport.parse(List.of("# probe started-epoch-ms=0",
                "0 FAIL 1 refused", "20 OK 900 rs1", "40 OK 900 rs2", "60 OK 900 rs3")));
        assertThat(tail.flowingSince(10, 3)).isTrue();
        assertThat(tail.flowingSince(30, 3)).isFalse();
        assertThat(tail.flowingSince(0, 4)).isFalse();
        assertThat(tail.flowingSince(0, 5)).isFalse();
    }
}
