package io.director.config.model;

import java.time.Duration;

/**
 * How Director treats the kernel's IPVS table: whether it owns all of it (and so removes entries that are
 * not configured), how long a removed real server drains before deletion, and how often drift is checked.
 */
public record IpvsConfig(boolean ownsTable, Duration drainTimeout, Duration repairInterval) {}
