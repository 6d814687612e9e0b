package io.director.failover.core;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Everything one member's state machine remembers between events.
 *
 * @param joined          found the group (or waited its join timeout alone)
 * @param preemptDelayPassed the preempt delay has run out since this member last became ready
 * @param yielded         this member handed mastership away and does not preempt it back
 * @param view            node ids in the group view, this member excluded
 * @param known           the latest state published by each other member
 * @param ghosts          last states of members that left the group view while the link probe still hears
 *                        them (a group split under load, not a death): they still count, so a backup does
 *                        not take over from a master that is alive
 * @param stale           members whose known state dates from before the link probe last suspected them: while
 *                        apart they may have changed role unseen (taken over on the far side of a cut), so
 *                        on their return that state is forgotten until they publish again
 * @param suspects        members this member's link probe finds silent
 * @param hears           members this member's link probe hears (while joining: has heard at all)
 * @param joinWaits       how many more join timeouts this member waited because its probe heard a member
 *                        missing from its view
 * @param mergeWaitOver   this member waited the longest for a group merge: it may take over even though its
 *                        probe still hears members outside its view
 * @param timers          the token of the live timer of each kind (older firings are ignored)
 * @param published       the state last published (publish again only on change)
 */
public record NodeState(
        Role role,
        boolean joined,
        Optional<String> fault,
        Optional<String> acquireFault,
        boolean preemptDelayPassed,
        boolean yielded,
        long term,
        Optional<String> yieldTo,
        Set<String> view,
        Map<String, MemberState> known,
        Map<String, MemberState> ghosts,
        Set<String> stale,
        Set<String> suspects,
        Set<String> hears,
        int joinWaits,
        boolean mergeWaitOver,
        Map<Timer, Long> timers,
        long nextToken,
        Optional<MemberState> published,
        String lastReason) {

    public NodeState {
        view = Set.copyOf(view);
        known = Map.copyOf(known);
        ghosts = Map.copyOf(ghosts);
        stale = Set.copyOf(stale);
        suspects = Set.copyOf(suspects);
        hears = Set.copyOf(hears);
        timers = timers.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(timers));
    }

    public static NodeState initial() {
        return new NodeState(Role.INIT, false, Optional.empty(), Optional.empty(), false, false, 0,
                Optional.empty(), Set.of(), Map.of(), Map.of(), Set.of(), Set.of(), Set.of(), 0, false, Map.of(), 1, Optional.empty(), "starting");
    }

    /** States of the other members currently in the view, and ghosts, in no particular order. */
    public java.util.List<MemberState> peers() {
        java.util.List<MemberState> peers = new java.util.ArrayList<>(
                view.stream().map(known::get).filter(java.util.Objects::nonNull).toList());
        ghosts.forEach((id, state) -> {
            if (!view.contains(id)) {
                peers.add(state);
            }
        });
        return peers;
    }
}
