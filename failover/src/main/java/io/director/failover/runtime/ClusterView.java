package io.director.failover.runtime;

import io.director.config.model.MemberRole;
import io.director.failover.core.Role;

import java.util.List;
import java.util.Optional;

/** A snapshot of the cluster as this member sees it, for status output and tests. */
public record ClusterView(String self, Role role, Optional<String> master, String reason, List<Member> members) {

    public ClusterView {
        members = List.copyOf(members);
    }

    /** One member (this one included) as last heard from. */
    public record Member(String nodeId, MemberRole memberRole, Role role, int priority, long term,
                         boolean linkSuspected) {
    }
}
