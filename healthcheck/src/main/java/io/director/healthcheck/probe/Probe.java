package io.director.healthcheck.probe;

import io.director.healthcheck.core.CheckOutcome;
import java.util.function.Consumer;

/**
 * Checks one real server, one attempt at a time. The engine calls {@link #start} and {@link #close} on the
 * target's event loop; a probe must never block there.
 */
public interface Probe extends AutoCloseable {

    /**
     * Starts one attempt and reports its outcome to {@code done} at most once, from any thread. The engine
     * enforces the whole-check timeout itself and then calls {@link Attempt#abort()}.
     */
    Attempt start(Consumer<CheckOutcome> done);

    /** Releases what the probe keeps between attempts (a kept-alive connection). */
    @Override
    void close();

    /** A running attempt. */
    interface Attempt {
        /** Stops the attempt and frees its resources (connection, process group); its outcome no longer matters. */
        void abort();
    }
}
