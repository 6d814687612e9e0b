package io.director.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import io.director.failover.runtime.HandoverResult;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DrillTest {

    static HandoverResult ok(long takeoverMs, long totalMs) {
        return new HandoverResult(true, Optional.of("d1"), Optional.of("d2"), Optional.of(Duration.ofMillis(takeoverMs)),
                Duration.ofMillis(totalMs), "ok");
    }

    @Test
    void percentilesAreNearestRank() {
        List<Double> v = List.of(5.0, 1.0, 3.0, 2.0, 4.0);
        assertThat(Drill.percentile(v, 50)).isEqualTo(3.0);
        assertThat(Drill.percentile(v, 99)).isEqualTo(5.0);
        assertThat(Drill.percentile(v, 100)).isEqualTo(5.0);
        assertThat(Drill.percentile(List.of(), 50)).isNaN();
    }

    @Test
    void theReportListsEveryLegAndFlagsAVipThatDidNotMove() {
        Drill d = new Drill();
        d.add(new Drill.Leg(1, "d1", "d2", ok(12, 20), true));
        d.add(new Drill.Leg(1, "d2", "d1", ok(30, 41), false));
        assertThat(d.allSucceeded()).isFalse();
        String report = d.report();
        assertThat(report).contains("d1->d2").contains("12.0").contains("FAILED: VIP did not move")
                .contains("p50").contains("max").endsWith("2 handovers, 1 failed");
    }
}
