package io.director.failover.runtime;

import java.net.SocketAddress;
import java.util.HashMap;
import java.util.Map;

/**
 * Decides which dropped packets are worth a log line. A member with the wrong key sends a probe packet every
 * interval (50 a second at 20 ms): one line each would flood the log and, in a busy one-CPU guest, delay the
 * probe thread that writes them. The first drop from a source is logged; later ones within the window are
 * counted and reported with the next line after it.
 */
final class DropThrottle {
    private final long windowNanos;
    private final Map<SocketAddress, long[]> sources = new HashMap<>(); // source -> {window start, drops not logged}

    DropThrottle(long windowNanos) {
        this.windowNanos = windowNanos;
    }

    /**
     * Records a drop from {@code source} at {@code now}; returns -1 when it should not be logged, otherwise the
     * number of drops from that source left unlogged since its last line.
     */
    long drop(SocketAddress source, long now) {
        long[] state = sources.get(source);
        if (state == null) {
            if (sources.size() >= 1024) {
                sources.clear(); // many sources spoofed: forget them rather than grow
            }
            sources.put(source, new long[] {now, 0});
            return 0;
        }
        if (now - state[0] < windowNanos) {
            state[1]++;
            return -1;
        }
        long unlogged = state[1];
        state[0] = now;
        state[1] = 0;
        return unlogged;
    }
}
