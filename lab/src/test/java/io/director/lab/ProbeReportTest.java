package io.director.lab;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProbeReportTest {
    private static final List<String> LOG = List.of(
            "# probe target=/198.51.100.100:80 period-ms=20 timeout-ms=500 started-epoch-ms=1000000 started-uptime-ms=50000",
            "0 OK 4000 rs1",
            "20 OK 4100 rs2",
            "40 FAIL 500000 timeout",
            "60 FAIL 500000 timeout",
            "1040 OK 3900 rs3",
            "1060 OK 4000 rs1",
            "1080 FAIL 12 refused");

    @Test
    void countsRequestsFailuresAndServers() {
        ProbeReport r = ProbeReport.parse(LOG);

        assertThat(r.requests()).isEqualTo(7);
        assertThat(r.failures()).isEqualTo(3);
        assertThat(r.perServer()).isEqualTo(Map.of("rs1", 2, "rs2", 1, "rs3", 1));
        assertThat(r.failureReasons()).isEqualTo(Map.of("timeout", 2, "refused", 1));
        assertThat(r.startedEpochMillis()).isEqualTo(1_000_000);
    }

    @Test
    void longestGapRunsBetweenTheStartsOfConsecutiveSuccesses() {
        ProbeReport r = ProbeReport.parse(LOG);

        assertThat(r.longestGap()).isEqualTo(Duration.ofMillis(1020));
        assertThat(r.longestGapStartMillis()).isEqualTo(20);
    }

    @Test
    void failuresCountFromAnInstantOnTheGuestsClockByTheirStart() {
        ProbeReport r = ProbeReport.parse(LOG);

        assertThat(r.failuresStartedFromGuestUptime(50_000)).isEqualTo(3);
        assertThat(r.failuresStartedFromGuestUptime(50_041)).isEqualTo(2); // the one started at 40 is before
        assertThat(r.failuresStartedFromGuestUptime(50_061)).isEqualTo(1);
        assertThat(r.failuresStartedFromGuestUptime(51_081)).isZero();
    }

    @Test
    void gapAroundAnInstantIsTheOneSpanningIt() {
        ProbeReport r = ProbeReport.parse(LOG);

        assertThat(r.gapAround(1_000_500)).isEqualTo(Duration.ofMillis(1020));
        assertThat(r.gapAround(1_000_010)).isEqualTo(Duration.ofMillis(20));
        assertThat(r.gapAround(1_001_040)).isEqualTo(Duration.ZERO);
        assertThat(r.gapAroundGuestUptime(50_500)).isEqualTo(Duration.ofMillis(1020));
    }

    @Test
    void aProbeThatNeverSucceededReportsItsWholeRun() {
        ProbeReport r = ProbeReport.parse(List.of("5 FAIL 500000 timeout", "25 FAIL 500000 timeout", "905 FAIL 1 refused"));

        assertThat(r.longestGap()).isEqualTo(Duration.ofMillis(900));
        assertThat(r.perServer()).isEmpty();
    }

    @Test
    void anUnsortedLogGivesTheSameGap() {
        ProbeReport r = ProbeReport.parse(List.of("1040 OK 1 rs3", "0 OK 1 rs1", "40 FAIL 1 timeout", "20 OK 1 rs2"));

        assertThat(r.longestGap()).isEqualTo(Duration.ofMillis(1020));
    }

    @Test
    void aMalformedLineIsNamed() {
        assertThatThrownBy(() -> ProbeReport.parse(List.of("0 OK 1 rs1", "garbage here")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'garbage here'");
        assertThatThrownBy(() -> ProbeReport.parse(List.of("x OK 1 rs1")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'x OK 1 rs1'");
    }

    @Test
    void holderReportCountsResetsAndServers() {
        HolderReport r = HolderReport.parse(List.of("SERVER 0 rs1", "SERVER 1 rs2", "HOLDING 2", "ROUND 1 300 2",
                "ROUND 2 520 2", "RESET 1 5300 Connection_reset", "ROUND 3 5310 1", "REQUESTS 77"));

        assertThat(r.connections()).isEqualTo(2);
        assertThat(r.resets()).isEqualTo(1);
        assertThat(r.requests()).isEqualTo(77);
        assertThat(r.rounds()).isEqualTo(3);
        assertThat(r.servers()).isEqualTo(Map.of(0, "rs1", 1, "rs2"));
        assertThatThrownBy(() -> HolderReport.parse(List.of("HOLDING many")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("HOLDING many");
    }
}
