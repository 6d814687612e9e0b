package io.director.lab.drill;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DrillReportTest {
    static DrillResult result(int n, DrillKind kind, long gap, long back, int failed, int resets, List<String> owners) {
        return new DrillResult(n, kind, 0, 10, 5000, 9000, new ProbeTimeline.Gap(100, 100 + gap),
                new ProbeTimeline.Gap(6000, 6000 + back), 400, failed, resets, owners, "");
    }

    @Test
    void percentilesAreNearestRank() {
        List<Long> v = List.of(50L, 10L, 40L, 20L, 30L);
        assertThat(DrillReport.percentile(v, 50)).isEqualTo(30);
        assertThat(DrillReport.percentile(v, 99)).isEqualTo(50);
        assertThat(DrillReport.percentile(v, 100)).isEqualTo(50);
        assertThat(DrillReport.percentile(List.of(7L), 1)).isEqualTo(7);
        assertThat(DrillReport.percentile(List.of(), 50)).isZero();
        List<Long> hundred = new java.util.ArrayList<>();
        for (long i = 1; i <= 100; i++) {
            hundred.add(i);
        }
        assertThat(DrillReport.percentile(hundred, 99)).isEqualTo(99);
    }

    @Test
    void totalsArePerKind() {
        DrillReport r = new DrillReport("Director", List.of(
                result(1, DrillKind.GRACEFUL, 30, 40, 0, 0, List.of("d1")),
                result(2, DrillKind.GRACEFUL, 50, 20, 1, 0, List.of("d1")),
                result(3, DrillKind.KILL, 300, 90, 12, 2, List.of("d1", "d2"))));
        assertThat(r.resultLines()).containsExactly(
                "RESULT subject=\"Director\" kind=graceful drills=2 gap_p50_ms=30 gap_p99_ms=50 gap_max_ms=50 back_p50_ms=20"
                        + " back_p99_ms=40 back_max_ms=40 failed=1 requests=800 resets=0 one_owner=2/2",
                "RESULT subject=\"Director\" kind=kill drills=1 gap_p50_ms=300 gap_p99_ms=300 gap_max_ms=300 back_p50_ms=90"
                        + " back_p99_ms=90 back_max_ms=90 failed=12 requests=400 resets=2 one_owner=0/1");
        assertThat(r.allSettledWithOneOwner()).isFalse();
        assertThat(r.text()).contains("d1,d2").contains("gap p99").contains("kill           1      300");
    }

    @Test
    void everyDrillSettledWithOneOwnerOnlyWhenNoneSaysOtherwise() {
        assertThat(new DrillReport("x", List.of(result(1, DrillKind.LINK, 1, 1, 0, -1, List.of("d1")))).allSettledWithOneOwner()).isTrue();
        assertThat(new DrillReport("x", List.of()).allSettledWithOneOwner()).isFalse();
        DrillResult stuck = new DrillResult(1, DrillKind.LINK, 0, 1, 2, 3, new ProbeTimeline.Gap(0, 0), new ProbeTimeline.Gap(0, 0),
                0, 0, -1, List.of("d1"), "NOT SETTLED (VIP on [d1])");
        assertThat(new DrillReport("x", List.of(stuck)).allSettledWithOneOwner()).isFalse();
        assertThat(DrillReport.row(stuck)).contains(" - ").endsWith("NOT SETTLED (VIP on [d1])");
    }
}
