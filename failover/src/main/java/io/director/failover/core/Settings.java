package io.director.failover.core;

import io.director.config.model.ClusterConfig;
import io.director.config.model.MemberRole;

import java.time.Duration;

/** The fixed inputs of one member's state machine, taken from its configuration. */
public record Settings(
        String nodeId,
        int priority,
        MemberRole memberRole,
        boolean preempt,
        Duration preemptDelay,
        int configuredMembers,
        Duration joinTimeout,
        Duration handoverTimeout,
        Duration faultHold) {

    public static Settings of(ClusterConfig cluster, String nodeId, Duration handoverTimeout, Duration faultHold) {
        return new Settings(nodeId, cluster.priority(), cluster.role(), cluster.preempt(), cluster.preemptDelay(),
                Math.max(1, cluster.members().size()), cluster.joinTimeout(), handoverTimeout, faultHold);
    }
}
