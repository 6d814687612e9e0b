package io.director.healthcheck.core;

/** The verdict of one check attempt; {@code detail} says why it failed (or what passed) for operators. */
public record CheckOutcome(boolean ok, String detail) {

    public static CheckOutcome ok(String detail) {
        return new CheckOutcome(true, detail);
    }

    public static CheckOutcome failed(String detail) {
        return new CheckOutcome(false, detail);
    }
}
