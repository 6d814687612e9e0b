package io.director.failover.core;

import io.director.config.model.MemberRole;

import java.util.Optional;
import java.util.Set;

/**
 * What one member tells the others about itself; every member decides the election from these alone.
 *
 * @param preemptReady the member may take mastership from a healthy lower-priority master (preempt is on,
 *                     its preempt delay has passed and it has not just handed mastership away)
 * @param term         the mastership generation: a member that becomes master takes one more than the
 *                     highest it knows, so after a partition heals the most recent master is recognised
 * @param yieldTo      a master handing over gracefully names its successor here
 * @param suspects     members whose link probe this member finds silent (faster than the group view)
 */
public record MemberState(
        String nodeId,
        int priority,
        MemberRole memberRole,
        Role role,
        boolean preemptReady,
        long term,
        Optional<String> yieldTo,
        Set<String> suspects) {

    public MemberState {
        suspects = Set.copyOf(suspects);
    }

    public boolean claimsMaster() {
        return role == Role.MASTER;
    }

    /** May hold the VIPs: a director that has joined and is not faulty. */
    public boolean eligible() {
        return memberRole == MemberRole.DIRECTOR && (role == Role.BACKUP || role == Role.MASTER);
    }

    /** Counts towards the majority: every member that has joined (directors, even faulty ones, and witnesses). */
    public boolean voting() {
        return role != Role.INIT && role != Role.STOPPED;
    }
}
