package io.director.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class AnnouncePolicyTest {

    @Test
    void burstAtTakeoverThenRefreshAfterTheDelay() {
        AnnouncePolicy policy = new AnnouncePolicy(3, Duration.ofMillis(100), 2, Duration.ofSeconds(5));

        assertThat(policy.schedule()).containsExactly(
                Duration.ZERO, Duration.ofMillis(100), Duration.ofMillis(200),
                Duration.ofSeconds(5), Duration.ofMillis(5100));
    }

    @Test
    void noRefreshMeansOnlyTheBurst() {
        assertThat(new AnnouncePolicy(1, Duration.ZERO, 0, Duration.ZERO).schedule()).containsExactly(Duration.ZERO);
    }

    @Test
    void defaultIsFivePlusFive() {
        assertThat(AnnouncePolicy.DEFAULT.schedule()).hasSize(10).isSorted();
    }

    @Test
    void rejectsPoliciesThatCannotBeScheduled() {
        assertThatThrownBy(() -> new AnnouncePolicy(0, Duration.ZERO, 0, Duration.ZERO))
                .hasMessageContaining("burst count");
        assertThatThrownBy(() -> new AnnouncePolicy(1, Duration.ofMillis(-1), 0, Duration.ZERO))
                .hasMessageContaining("negative");
        assertThatThrownBy(() -> new AnnouncePolicy(5, Duration.ofSeconds(1), 1, Duration.ofSeconds(2)))
                .hasMessageContaining("after the burst");
    }
}
