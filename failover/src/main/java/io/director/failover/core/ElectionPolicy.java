package io.director.failover.core;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Who should be master, decided by every member from the same shared member states, so all members that see
 * the same states agree. Rules, in order:
 * <ol>
 *   <li>Majority: if this member reaches fewer than {@link Quorum#of} members (its own link probe's suspects
 *       do not count as reached), nobody here may be master: a cut-off director gives up its VIPs.</li>
 *   <li>A member silent on the link probe is left out of the election only when a quorum of members suspect
 *       it; one member's false suspicion therefore cannot elect a second master.</li>
 *   <li>Only joined, healthy directors are eligible; a witness never masters, FAULT gives mastership up.</li>
 *   <li>An incumbent (a member claiming mastership; with several, the highest term, then the better member)
 *       stays unless it hands over ({@code yieldTo}) or a strictly higher-priority member that is
 *       {@code preemptReady} preempts it.</li>
 *   <li>Without an incumbent the highest priority wins; ties go to the lexically smallest node id.</li>
 * </ol>
 */
public final class ElectionPolicy {
    /** Better first: higher priority, then smaller node id. */
    public static final Comparator<MemberState> BETTER = Comparator
            .comparingInt(MemberState::priority).reversed()
            .thenComparing(MemberState::nodeId);
    private static final Comparator<MemberState> INCUMBENT = Comparator
            .comparingLong(MemberState::term).reversed()
            .thenComparing(BETTER);

    private final int configuredMembers;
    private final int quorum;

    public ElectionPolicy(int configuredMembers) {
        this.configuredMembers = configuredMembers;
        this.quorum = Quorum.of(configuredMembers);
    }

    public int quorum() {
        return quorum;
    }

    /**
     * @param self       this member's own state
     * @param peers      the states of the other members in reach (the group view, and those the link probe hears)
     * @param mySuspects the members this member's link probe finds silent
     */
    public Decision decide(MemberState self, Collection<MemberState> peers, Set<String> mySuspects) {
        long reached = 1 + peers.stream()
                .filter(p -> p.voting() && !mySuspects.contains(p.nodeId()))
                .count();
        if (reached < quorum) {
            return Decision.none("no majority: " + reached + " of " + configuredMembers
                    + " members reachable, " + quorum + " needed");
        }
        List<MemberState> candidates = new ArrayList<>();
        candidates.add(self);
        for (MemberState peer : peers) {
            if (!excluded(peer, self, peers, mySuspects)) {
                candidates.add(peer);
            }
        }
        List<MemberState> eligible = candidates.stream().filter(MemberState::eligible).sorted(BETTER).toList();
        if (eligible.isEmpty()) {
            return Decision.none("no eligible director");
        }
        MemberState best = eligible.get(0);
        Optional<MemberState> incumbent = eligible.stream().filter(MemberState::claimsMaster).min(INCUMBENT);
        if (incumbent.isEmpty()) {
            return Decision.of(best.nodeId(), "highest priority");
        }
        MemberState current = incumbent.get();
        Optional<String> successor = current.yieldTo()
                .filter(to -> !to.equals(current.nodeId()))
                .filter(to -> eligible.stream().anyMatch(m -> m.nodeId().equals(to)));
        if (successor.isPresent()) {
            return Decision.of(successor.get(), "handover from " + current.nodeId());
        }
        if (best.priority() > current.priority() && best.preemptReady()) {
            return Decision.of(best.nodeId(), "preempts " + current.nodeId());
        }
        return Decision.of(current.nodeId(), "incumbent");
    }

    private boolean excluded(MemberState peer, MemberState self, Collection<MemberState> peers, Set<String> mySuspects) {
        if (!mySuspects.contains(peer.nodeId())) {
            return false;
        }
        long suspecters = 1 + peers.stream()
                .filter(o -> o != peer && o.voting() && !mySuspects.contains(o.nodeId())
                        && o.suspects().contains(peer.nodeId()))
                .count();
        return suspecters >= quorum;
    }
}
