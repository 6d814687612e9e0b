package io.director.failover.core;

import io.director.config.model.MemberRole;

import java.util.Optional;
import java.util.Set;

/** Builders for member states in tests. */
final class Members {
    private Members() {}

    static MemberState backup(String id, int priority) {
        return new MemberState(id, priority, MemberRole.DIRECTOR, Role.BACKUP, true, 0, Optional.empty(), Set.of());
    }

    static MemberState master(String id, int priority, long term) {
        return new MemberState(id, priority, MemberRole.DIRECTOR, Role.MASTER, true, term, Optional.empty(), Set.of());
    }

    static MemberState witness(String id) {
        return new MemberState(id, 0, MemberRole.WITNESS, Role.WITNESS, false, 0, Optional.empty(), Set.of());
    }

    static MemberState with(MemberState m, Role role) {
        return new MemberState(m.nodeId(), m.priority(), m.memberRole(), role, m.preemptReady(), m.term(),
                m.yieldTo(), m.suspects());
    }

    static MemberState notPreempting(MemberState m) {
        return new MemberState(m.nodeId(), m.priority(), m.memberRole(), m.role(), false, m.term(), m.yieldTo(),
                m.suspects());
    }

    static MemberState suspecting(MemberState m, String... ids) {
        return new MemberState(m.nodeId(), m.priority(), m.memberRole(), m.role(), m.preemptReady(), m.term(),
                m.yieldTo(), Set.of(ids));
    }

    static MemberState yielding(MemberState m, String to) {
        return new MemberState(m.nodeId(), m.priority(), m.memberRole(), m.role(), m.preemptReady(), m.term(),
                Optional.of(to), m.suspects());
    }
}
