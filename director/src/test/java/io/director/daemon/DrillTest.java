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
    void theReportListsEveryLegAndFlagsWhatAChecksFound() {
        Drill d = new Drill(1);
        d.add(new Drill.Leg(1, "d1", "d2", ok(12, 20), true, -1, List.of()));
        d.add(new Drill.Leg(1, "d2", "d1", ok(30, 41), false, 4, List.of("VIPs not held here")));
        assertThat(d.allSucceeded()).isFalse();
        String report = d.report();
        assertThat(report).contains("d1->d2").contains("12.0").contains("(peer)").contains("FAILED: VIPs not held here")
                .contains("p50").contains("p99").contains("max").endsWith("2 handovers, 1 failed");
    }

    @Test
    void progressHasOneLinePerFinishedLeg() {
        Drill d = new Drill(2);
        assertThat(d.progress()).isEmpty();
        d.add(new Drill.Leg(1, "d1", "d2", ok(12, 20), true, -1, List.of()));
        assertThat(d.progress()).containsExactly("leg 1/4 d1->d2: new master after 12.0 ms, released after 20.0 ms, ok");
        d.add(new Drill.Leg(1, "d2", "d1", new HandoverResult(false, Optional.of("d2"), Optional.empty(), Optional.empty(),
                Duration.ofMillis(2000), "no answer from d1"), false, 0, List.of()));
        assertThat(d.progress()).hasSize(2).last().asString().endsWith("FAILED: no answer from d1");
        assertThat(d.allSucceeded()).isFalse();
        assertThat(d.finished()).isFalse();
        d.note("handed back to d1 after the drill: ok");
        d.finish();
        assertThat(d.finished()).isTrue();
        assertThat(d.report()).contains("handed back to d1 after the drill: ok");
    }

    @Test
    void aDrillWithNoLegIsNoSuccess() {
        assertThat(new Drill(1).allSucceeded()).isFalse();
    }
}
