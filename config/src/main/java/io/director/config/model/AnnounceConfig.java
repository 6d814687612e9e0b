package io.director.config.model;

import java.time.Duration;

/** Gratuitous ARP / unsolicited NA at takeover: a burst, then a later refresh for slow neighbours. */
public record AnnounceConfig(int burstCount, Duration burstSpacing, int refreshCount, Duration refreshDelay) {}
