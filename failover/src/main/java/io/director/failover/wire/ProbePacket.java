package io.director.failover.wire;

import java.util.Set;

/**
 * One link-probe datagram: who sends it, a sequence number, the sender's monotonic clock when it sent it
 * (nanoseconds from an origin of its own: only the differences between its packets mean something), and
 * which members the sender hears.
 */
public record ProbePacket(String cluster, String nodeId, long sequence, long sentNanos, Set<String> hears) {
    public ProbePacket {
        hears = Set.copyOf(hears);
    }
}
