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
 * @param known           the latest state of each other member in reach (in the view, or heard by the probe), as
 *                        its packets or the group's messages carried it
 * @param stale           members whose known state dates from before the link probe last suspected them: while
 *                        apart they may have changed role unseen (taken over on the far side of a cut), so
 *                        on their return that state is forgotten until they publish again (their probe packets
 *                        carry their state: this is for members known from the group's messages only)
 * @param suspects        members this member's link probe finds silent
 * @param hears           members this member's link probe hears (while joining: has heard at all)
 * @param joinWaits       how many more join timeouts this member waited because its probe heard a member
 *                        whose state it did not know
 * @param mergeWaitOver   this member waited the longest for such a state: it may take over even though its
 *                        probe still hears members whose state it does not know
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
        stale = Set.copyOf(stale);
        suspects = Set.copyOf(suspects);
        hears = Set.copyOf(hears);
        timers = timers.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(timers));
    }

    public static NodeState initial() {
        return new NodeState(Role.INIT, false, Optional.empty(), Optional.empty(), false, false, 0,
                Optional.empty(), Set.of(), Map.of(), Set.of(), Set.of(), Set.of(), 0, false, Map.of(), 1, Optional.empty(), "starting");
    }

    /**
     * States of the other members in reach, in no particular order: those in the group view and those the link
     * probe hears outside it (the group split under load, or has not merged yet). A suspected one too: its last
     * state counts until a majority agrees it is gone ({@link ElectionPolicy}).
     */
    public java.util.List<MemberState> peers() {
        Set<String> reached = reached(view, hears);
        return known.entrySet().stream().filter(e -> reached.contains(e.getKey())).map(Map.Entry::getValue).toList();
    }

    /** The members in the view and those the probe hears. */
    static Set<String> reached(Set<String> view, Set<String> hears) {
        Set<String> reached = new java.util.HashSet<>(view);
        reached.addAll(hears);
        return reached;
    }
}
