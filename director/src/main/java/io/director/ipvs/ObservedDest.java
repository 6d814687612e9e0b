package io.director.ipvs;

/** A real server as read from the kernel: the comparable spec, connection counts and statistics. */
public record ObservedDest(DestSpec spec, int activeConnections, int inactiveConnections,
                           int persistentConnections, Stats stats) {
    public DestKey key() {
        return spec.key();
    }
}
