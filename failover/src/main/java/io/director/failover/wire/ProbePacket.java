package io.director.failover.wire;

import java.util.Set;

/** One link-probe datagram: who sends it and which members the sender hears. */
public record ProbePacket(String cluster, String nodeId, Set<String> hears) {
    public ProbePacket {
        hears = Set.copyOf(hears);
    }
}
