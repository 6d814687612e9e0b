package io.director.net;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How often a new master announces a VIP: a burst of {@code burstCount} announcements
 * {@code burstSpacing} apart at takeover, then {@code refreshCount} more, the same spacing apart,
 * starting {@code refreshDelay} after takeover (for switches and hosts that missed or rate-limited the
 * burst). The daemon's scheduler executes {@link #schedule()}; this class only plans.
 */
public record AnnouncePolicy(int burstCount, Duration burstSpacing, int refreshCount, Duration refreshDelay) {

    /** Five at takeover 100 ms apart, five more from 5 s later: keepalived's garp_master_* spirit. */
    public static final AnnouncePolicy DEFAULT =
            new AnnouncePolicy(5, Duration.ofMillis(100), 5, Duration.ofSeconds(5));

    public AnnouncePolicy {
        if (burstCount < 1) {
            throw new IllegalArgumentException("burst count must be at least 1, got " + burstCount);
        }
        if (refreshCount < 0) {
            throw new IllegalArgumentException("refresh count must not be negative, got " + refreshCount);
        }
        if (burstSpacing.isNegative() || refreshDelay.isNegative()) {
            throw new IllegalArgumentException("announcement spacing and refresh delay must not be negative");
        }
        Duration burstEnd = burstSpacing.multipliedBy(burstCount - 1L);
        if (refreshCount > 0 && refreshDelay.compareTo(burstEnd) <= 0) {
            throw new IllegalArgumentException("refresh delay " + refreshDelay.toMillis()
                    + " ms must come after the burst, which ends at " + burstEnd.toMillis() + " ms");
        }
    }

    /** Offsets from takeover at which to announce, in ascending order. */
    public List<Duration> schedule() {
        List<Duration> offsets = new ArrayList<>(burstCount + refreshCount);
        for (int i = 0; i < burstCount; i++) {
            offsets.add(burstSpacing.multipliedBy(i));
        }
        for (int i = 0; i < refreshCount; i++) {
            offsets.add(refreshDelay.plus(burstSpacing.multipliedBy(i)));
        }
        return List.copyOf(offsets);
    }
}
