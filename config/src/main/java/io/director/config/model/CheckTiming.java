package io.director.config.model;

import java.time.Duration;

/**
 * When and how decisively a check runs: every {@code interval}, each attempt bounded by {@code timeout};
 * {@code rise} successes mark a server up, {@code fall} failures mark it down. A server starts up or down
 * until proven, per {@code initiallyUp}.
 */
public record CheckTiming(Duration interval, Duration timeout, int rise, int fall, boolean initiallyUp) {}
