package io.director.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RepairPaceTest {
    private final RepairPace pace = new RepairPace(Duration.ofSeconds(1));

    @Test
    void aQuickCheckKeepsTheInterval() {
        assertThat(pace.delayAfter(Duration.ofMillis(3))).isEqualTo(Duration.ofSeconds(1));
        assertThat(pace.delayAfter(Duration.ofMillis(111))).isEqualTo(Duration.ofSeconds(1));
        assertThat(pace.stretched(Duration.ofMillis(111))).isFalse();
    }

    @Test
    void aSlowCheckTakesAtMostATenthOfTheTime() {
        Duration took = Duration.ofMillis(400);
        Duration delay = pace.delayAfter(took);
        assertThat(delay).isEqualTo(Duration.ofMillis(3600));
        assertThat((double) took.toMillis() / (took.toMillis() + delay.toMillis())).isEqualTo(0.1);
        assertThat(pace.stretched(took)).isTrue();
    }
}
