package io.director.config.model;

/**
 * Service quorum: with fewer than {@code minimum} healthy real servers the sorry server takes over; it
 * gives way again only at {@code minimum + hysteresis}, so one flapping server cannot toggle it.
 */
public record Quorum(int minimum, int hysteresis) {}
