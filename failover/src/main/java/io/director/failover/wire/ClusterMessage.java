package io.director.failover.wire;

import io.director.failover.core.MemberState;

import java.util.Optional;

/** What members send each other over the group channel. */
public sealed interface ClusterMessage {
    String cluster();

    record StateMessage(String cluster, MemberState state) implements ClusterMessage {}

    record HandoverRequest(String cluster, String from, Optional<String> to) implements ClusterMessage {}
}
