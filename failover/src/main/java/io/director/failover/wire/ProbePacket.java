package io.director.failover.wire;

import io.director.failover.core.MemberState;

import java.util.Optional;
import java.util.Set;

/**
 * One link-probe datagram: who sends it, which members the sender hears, and the sender's state as it last
 * published it (none before its first). The state rides along every interval so that a member heard again
 * after a cut is known as it is now, not as the group last carried it (its messages may be stuck until the
 * group merges, or delivered late from before the cut).
 */
public record ProbePacket(String cluster, String nodeId, Set<String> hears, Optional<MemberState> state) {
    public ProbePacket {
        hears = Set.copyOf(hears);
    }
}
