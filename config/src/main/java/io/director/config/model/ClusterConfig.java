package io.director.config.model;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Cluster membership and election settings. {@code joinTimeout} is how long a starting member looks for
 * the others before it may become master alone; the failure-detection timings tune how fast a dead peer
 * is noticed. The link probe ({@code linkProbeInterval} x {@code linkProbeMultiplier}; interval zero turns it
 * off) is the fast path beside the heartbeats: a peer silent that long is suspected.
 */
public record ClusterConfig(
        String name,
        Endpoint bind,
        List<Endpoint> members,
        int priority,
        boolean preempt,
        Duration preemptDelay,
        Optional<Path> keyFile,
        MemberRole role,
        Duration joinTimeout,
        Duration heartbeatInterval,
        Duration heartbeatTimeout,
        Duration linkProbeInterval,
        int linkProbeMultiplier) {

    public ClusterConfig {
        members = List.copyOf(members);
    }
}
