package io.director.healthcheck;

/**
 * Receives health transitions. The engine calls it on one thread of its own (never an I/O thread), one event
 * at a time in the order the transitions happened, so an implementation may act on the kernel serially.
 */
@FunctionalInterface
public interface HealthListener {
    void onEvent(HealthEvent event);
}
