package io.director.failover.core;

import io.director.config.model.MemberRole;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * One member's role: {@code step(state, event) -> (state, actions)}. Pure: no I/O, no threads, no clock. After
 * each event the election ({@link ElectionPolicy}) is re-run and the role reconciled with it:
 * <ul>
 *   <li>a member elected master takes the VIPs at once (make before break);</li>
 *   <li>a master that is no longer elected releases as soon as its successor claims mastership with a newer
 *       term, or at once when nobody may be master (no majority, FAULT); until then it serves. A master that
 *       stays elected while a rival claims as recently takes a newer term, so the rival sees its claim as current;</li>
 *   <li>a master that outlives a rival master (a split healed) announces its VIPs again once the rival stopped
 *       claiming, since the rival's announcements pointed the neighbours away; likewise the handover timeout after
 *       a member came back (probe or group view);</li>
 *   <li>a starting member does nothing with the VIPs (except removing leftovers) until it has joined: the group
 *       connected it with others and it knows the state of every other member in reach, or it waited its join
 *       timeout;</li>
 *   <li>a member the link probe hears counts with its state, in the group view or not (its packets carry it);
 *       one heard again after a suspicion is not trusted on a state from before it (it may have taken over on
 *       the far side of a cut): that state is forgotten until it publishes again, and both sides publish theirs
 *       on the return.</li>
 * </ul>
 */
public final class FailoverStateMachine {
    /** Extra join timeouts a starting member waits while its probe hears members outside its view. */
    static final int MAX_JOIN_WAITS = 5;
    private final Settings settings;
    private final ElectionPolicy policy;

    public FailoverStateMachine(Settings settings) {
        this.settings = settings;
        this.policy = new ElectionPolicy(settings.configuredMembers());
    }

    public Settings settings() {
        return settings;
    }

    public ElectionPolicy policy() {
        return policy;
    }

    /** This member's state as the others see it. */
    public MemberState self(NodeState s) {
        return new MemberState(settings.nodeId(), settings.priority(), settings.memberRole(), s.role(),
                preemptReady(s), s.term(), s.yieldTo(), s.suspects());
    }

    /** The current election outcome as this member sees it. */
    public Decision decide(NodeState s) {
        return policy.decide(self(s), s.peers(), s.suspects());
    }

    public Transition step(NodeState state, Event event) {
        Draft d = new Draft(state);
        if (d.role == Role.STOPPED) {
            return new Transition(state, List.of());
        }
        boolean forcePublish = false;
        Set<String> returned = Set.of();
        if (event instanceof Event.Start) {
            if (settings.memberRole() == MemberRole.WITNESS) {
                d.joined = true;
            } else {
                d.actions.add(new Action.ReleaseVips());
                d.actions.add(new Action.SyncAsBackup());
            }
            forcePublish = true;
        } else if (event instanceof Event.ViewChanged v) {
            Set<String> others = new HashSet<>(v.members());
            others.remove(settings.nodeId());
            returned = new HashSet<>(others);
            returned.removeAll(d.view);
            if (!d.joined && !d.timers.containsKey(Timer.JOIN)) {
                // the join timeout counts from the first view, not from the start: a cold JVM under load
                // can take longer than the timeout just to connect, and its probe must have had time to hear
                d.startTimer(Timer.JOIN, settings.joinTimeout());
            }
            d.view = others;
            forgetUnreached(d);
            forcePublish = true;
        } else if (event instanceof Event.PeerState p) {
            String id = p.state().nodeId();
            if (!id.equals(settings.nodeId())) {
                MemberState before = d.known.put(id, p.state());
                d.stale.remove(id);
                // it stopped suspecting this member: it may have forgotten this member's state (see stale)
                forcePublish = before != null && before.suspects().contains(settings.nodeId())
                        && !p.state().suspects().contains(settings.nodeId());
            }
        } else if (event instanceof Event.HealthChanged h) {
            d.fault = h.fault();
        } else if (event instanceof Event.AcquireFailed f) {
            d.acquireFault = Optional.of(f.reason());
            d.startTimer(Timer.FAULT_HOLD, settings.faultHold());
        } else if (event instanceof Event.LinkSuspects l) {
            returned = new HashSet<>(d.suspects);
            returned.removeAll(l.suspects());
            for (String id : l.suspects()) {
                if (!d.suspects.contains(id) && d.known.containsKey(id)) {
                    d.stale.add(id);
                }
            }
            for (String id : returned) {
                if (d.stale.remove(id)) {
                    d.known.remove(id);
                }
            }
            d.suspects = new HashSet<>(l.suspects());
            forgetUnreached(d);
            // the returned members may have forgotten this member's state in the same way
            forcePublish = !returned.isEmpty();
        } else if (event instanceof Event.LinkHears l) {
            if (d.joined) {
                d.hears = new HashSet<>(l.members());
            } else {
                // while joining, anyone heard at all counts: a starting JVM's own probe flaps the most
                d.hears.addAll(l.members());
            }
            forgetUnreached(d);
        } else if (event instanceof Event.TimerFired t) {
            if (!Long.valueOf(t.token()).equals(d.timers.get(t.timer()))) {
                return new Transition(state, List.of());
            }
            d.timers.remove(t.timer());
            onTimer(d, t.timer());
        } else if (event instanceof Event.HandoverRequested h) {
            onHandoverRequest(d, h);
        } else if (event instanceof Event.Stop) {
            Role from = d.role;
            if (from == Role.MASTER) {
                d.actions.add(new Action.ReleaseVips());
                d.actions.add(new Action.SyncAsBackup());
                finishHandover(d, Optional.empty(), "stopped");
            }
            d.role = Role.STOPPED;
            d.actions.add(new Action.Notify(from, Role.STOPPED, "stopped"));
            d.actions.add(new Action.Publish(self(d.freeze())));
            return new Transition(d.freeze(), d.actions);
        }
        if (!d.joined && allPeersKnown(d)) {
            d.joined = true;
        }
        reconcile(d);
        reannounceAfterRival(state, d);
        reannounceAfterReturn(state, d, returned);
        MemberState me = self(d.freeze());
        if (forcePublish || d.published.map(p -> !p.equals(me)).orElse(true)) {
            d.published = Optional.of(me);
            d.actions.add(new Action.Publish(me));
        }
        return new Transition(d.freeze(), d.actions);
    }

    /**
     * A master that stays master while another member stopped claiming mastership (it released after a split
     * healed, or it left) announces its VIPs again: the other's gratuitous ARPs may have pointed the neighbours
     * at it, and nobody else will point them back. Only once the rival stopped: announcing while it still
     * claims would race its own announcements.
     */
    private static void reannounceAfterRival(NodeState before, Draft d) {
        if (before.role() != Role.MASTER || d.role != Role.MASTER || d.actions.contains(new Action.AcquireVips())) {
            return;
        }
        Set<String> stopped = claimers(before.peers());
        stopped.removeAll(claimers(d.freeze().peers()));
        if (!stopped.isEmpty()) {
            d.actions.add(new Action.AcquireVips());
        }
    }

    /**
     * A master that stays master when a member comes back (its probe heard again after a suspicion, or merged
     * into the group view) announces its VIPs again after the handover timeout: while apart, that member may
     * have taken over and pointed the neighbours at itself, and this master may never see it claim (its
     * messages are dropped until the group merges, and it releases in the very step it merges). Not at once:
     * the other still serves the clients well, while this one's health checks failed during the cut and its
     * real servers may still be down; and by then the other has released and stopped its own announcements, so
     * they cannot have the last word. Not while another member claims mastership (a handover).
     */
    private void reannounceAfterReturn(NodeState before, Draft d, Set<String> returned) {
        if (!returned.isEmpty() && before.role() == Role.MASTER && d.role == Role.MASTER) {
            d.startTimer(Timer.REANNOUNCE, settings.handoverTimeout());
        }
    }

    private static Set<String> claimers(List<MemberState> peers) {
        Set<String> ids = new HashSet<>();
        for (MemberState m : peers) {
            if (m.claimsMaster()) {
                ids.add(m.nodeId());
            }
        }
        return ids;
    }

    /**
     * The group has connected with others in the view, and every other member in reach (those and the ones the
     * probe hears) has told its state, none of them still starting. Not on the probe alone: its first packets
     * come in any order, and one member's state known before another's is heard could elect this one wrongly.
     */
    private static boolean allPeersKnown(Draft d) {
        Set<String> reached = NodeState.reached(d.view, d.hears);
        return !d.view.isEmpty() && reached.stream()
                .allMatch(id -> d.known.containsKey(id) && d.known.get(id).role() != Role.INIT);
    }

    /**
     * Forgets the states of members neither in the group view nor heard by the link probe: they left. A member
     * the probe hears outside the view (the group split under load, or has not merged it in yet) is kept: its
     * packets carry its state, so a backup does not take over from a master that is alive.
     */
    private static void forgetUnreached(Draft d) {
        d.known.keySet().retainAll(NodeState.reached(d.view, d.hears));
        d.stale.retainAll(d.known.keySet());
    }

    private void onTimer(Draft d, Timer timer) {
        switch (timer) {
            case JOIN -> {
                // a member the probe hears whose state is not known yet (its packets carry none, or the group
                // has not merged it in): it may be master; taking the VIPs alone now could make two masters
                Set<String> missing = unmerged(d);
                if (!missing.isEmpty() && d.joinWaits < MAX_JOIN_WAITS) {
                    d.joinWaits++;
                    d.lastReason = "waiting to join: the link probe hears " + missing;
                    d.startTimer(Timer.JOIN, settings.joinTimeout());
                } else {
                    d.joined = true;
                    d.mergeWaitOver = !missing.isEmpty(); // it waited for the merge already
                }
            }
            case PREEMPT -> d.preemptDelayPassed = true;
            case FAULT_HOLD -> d.acquireFault = Optional.empty();
            case MERGE -> d.mergeWaitOver = true;
            case REANNOUNCE -> {
                if (d.role == Role.MASTER && claimers(d.freeze().peers()).isEmpty()) {
                    d.actions.add(new Action.AcquireVips());
                }
            }
            case HANDOVER -> {
                if (d.yieldTo.isPresent()) {
                    String to = d.yieldTo.get();
                    d.yieldTo = Optional.empty();
                    d.yielded = false;
                    d.actions.add(new Action.HandoverFinished(Optional.empty(),
                            to + " did not take over within " + settings.handoverTimeout().toMillis() + " ms"));
                }
            }
        }
    }

    private void onHandoverRequest(Draft d, Event.HandoverRequested h) {
        if (d.role != Role.MASTER) {
            if (!h.remote()) {
                d.actions.add(new Action.SendHandoverRequest(h.to()));
            }
            return;
        }
        if (d.yieldTo.isPresent()) {
            return; // already handing over; its result will be reported
        }
        NodeState frozen = d.freeze();
        List<MemberState> candidates = frozen.peers().stream()
                .filter(MemberState::eligible)
                .filter(p -> !d.suspects.contains(p.nodeId()))
                .filter(p -> h.to().map(p.nodeId()::equals).orElse(true))
                .sorted(ElectionPolicy.BETTER)
                .toList();
        if (h.to().filter(settings.nodeId()::equals).isPresent()) {
            d.actions.add(new Action.HandoverFinished(Optional.of(settings.nodeId()), "already master"));
            return;
        }
        if (candidates.isEmpty()) {
            d.actions.add(new Action.HandoverFinished(Optional.empty(), h.to()
                    .map(to -> to + " is not a reachable, healthy director")
                    .orElse("no reachable, healthy director to hand over to")));
            return;
        }
        d.yieldTo = Optional.of(candidates.get(0).nodeId());
        d.yielded = true;
        d.startTimer(Timer.HANDOVER, settings.handoverTimeout());
    }

    private void reconcile(Draft d) {
        if (settings.memberRole() == MemberRole.WITNESS) {
            d.moveTo(Role.WITNESS, "witness");
            return;
        }
        Optional<String> fault = d.fault.or(() -> d.acquireFault);
        if (fault.isPresent()) {
            if (d.role == Role.MASTER) {
                release(d, Role.FAULT, "fault: " + fault.get());
            } else {
                d.moveTo(Role.FAULT, "fault: " + fault.get());
            }
            return;
        }
        if (!d.joined) {
            return; // INIT until joined
        }
        // a member that is ready now stands as a candidate in this very election
        Role current = d.role;
        if (current == Role.INIT || current == Role.FAULT) {
            d.role = Role.BACKUP;
            d.preemptDelayPassed = settings.preemptDelay().isZero();
            if (!d.preemptDelayPassed) {
                d.startTimer(Timer.PREEMPT, settings.preemptDelay());
            }
        }
        Decision decision = decide(d.freeze());
        d.role = current;
        d.lastReason = decision.reason();
        Set<String> unmerged = unmerged(d);
        if (unmerged.isEmpty()) {
            d.timers.remove(Timer.MERGE);
            d.mergeWaitOver = false;
        }
        boolean awaitMerge = !unmerged.isEmpty() && !d.mergeWaitOver;
        if (decision.is(settings.nodeId()) && (d.role == Role.MASTER || !awaitMerge)) {
            if (d.role != Role.MASTER) {
                d.term = maxKnownTerm(d) + 1;
                d.yielded = false;
                // the VIPs first: the role change's log lines and notify scripts may take a while to write or start
                d.actions.add(new Action.AcquireVips());
                d.moveTo(Role.MASTER, decision.reason());
                d.actions.add(new Action.SyncAsMaster());
            } else if (rivalTerm(d) >= d.term) {
                // a rival claims as recently as this master, which stays: a newer term makes its claim current
                // for the rival, which releases only to a claim newer than its own
                d.term = maxKnownTerm(d) + 1;
            }
            return;
        }
        if (d.role == Role.MASTER) {
            // The successor holds once it claims with a newer term than this master's: a new master takes a term
            // above every one it knows, so such a claim is current. An older one may be a message from before a
            // cut, delivered late; releasing on it would leave nobody master. Until then this master serves.
            Optional<MemberState> successor = decision.master().map(d.known::get);
            boolean successorHolds = successor.map(m -> m.claimsMaster() && m.term() > d.term).orElse(false);
            if (decision.master().isEmpty() || successorHolds) {
                release(d, Role.BACKUP, decision.master().map(m -> m + " is master: " + decision.reason())
                        .orElse(decision.reason()));
            }
            return;
        }
        if (d.role == Role.INIT || d.role == Role.FAULT) {
            d.actions.add(new Action.SyncAsBackup());
        }
        if (decision.is(settings.nodeId())) {
            // elected, but the probe hears members whose role is not known: a split group (JGroups under load,
            // a partition that healed), not dead members, and one of them may be master; wait for the merge
            if (!d.timers.containsKey(Timer.MERGE)) {
                d.startTimer(Timer.MERGE, settings.joinTimeout().multipliedBy(MAX_JOIN_WAITS));
            }
            d.moveTo(Role.BACKUP, "waiting for the group to merge: " + new TreeSet<>(unmerged)
                    + " heard but not merged yet");
            return;
        }
        d.moveTo(Role.BACKUP, decision.master().map(m -> m + " is master").orElse(decision.reason()));
    }

    /**
     * Members the probe hears whose state this member does not know (their packets carry none yet, or merged
     * into the view a moment ago, or back from a suspicion with only the state they had before it,
     * {@link NodeState#stale}). A group member that runs no probe (not a director) never holds a takeover up.
     */
    private Set<String> unmerged(Draft d) {
        Set<String> result = new HashSet<>(d.hears);
        result.removeAll(d.known.keySet());
        result.removeAll(d.suspects);
        result.remove(settings.nodeId());
        return result;
    }

    private void release(Draft d, Role to, String reason) {
        d.actions.add(new Action.ReleaseVips());
        d.actions.add(new Action.SyncAsBackup());
        d.timers.remove(Timer.HANDOVER);
        Optional<String> newMaster = decide(d.freeze()).master()
                .filter(m -> !m.equals(settings.nodeId()))
                .filter(m -> Optional.ofNullable(d.known.get(m)).map(MemberState::claimsMaster).orElse(false));
        finishHandover(d, newMaster, reason);
        d.moveTo(to, reason);
    }

    private void finishHandover(Draft d, Optional<String> newMaster, String reason) {
        if (d.yieldTo.isPresent()) {
            d.yieldTo = Optional.empty();
            d.actions.add(new Action.HandoverFinished(newMaster, reason));
        }
    }

    private boolean preemptReady(NodeState s) {
        return settings.preempt() && s.preemptDelayPassed() && !s.yielded();
    }

    /** The highest term among the other members claiming mastership that this member hears, or -1. */
    private static long rivalTerm(Draft d) {
        long max = -1;
        for (MemberState m : d.freeze().peers()) {
            if (m.claimsMaster() && !d.suspects.contains(m.nodeId())) {
                max = Math.max(max, m.term());
            }
        }
        return max;
    }

    private static long maxKnownTerm(Draft d) {
        long max = d.term;
        for (MemberState m : d.known.values()) {
            max = Math.max(max, m.term());
        }
        return max;
    }

    /** Mutable working copy of a {@link NodeState} for one step. */
    private static final class Draft {
        Role role;
        boolean joined;
        Optional<String> fault;
        Optional<String> acquireFault;
        boolean preemptDelayPassed;
        boolean yielded;
        long term;
        Optional<String> yieldTo;
        Set<String> view;
        Map<String, MemberState> known;
        Set<String> stale;
        Set<String> suspects;
        Set<String> hears;
        int joinWaits;
        boolean mergeWaitOver;
        Map<Timer, Long> timers;
        long nextToken;
        Optional<MemberState> published;
        String lastReason;
        final List<Action> actions = new ArrayList<>();

        Draft(NodeState s) {
            role = s.role();
            joined = s.joined();
            fault = s.fault();
            acquireFault = s.acquireFault();
            preemptDelayPassed = s.preemptDelayPassed();
            yielded = s.yielded();
            term = s.term();
            yieldTo = s.yieldTo();
            view = new HashSet<>(s.view());
            known = new HashMap<>(s.known());
            stale = new HashSet<>(s.stale());
            suspects = new HashSet<>(s.suspects());
            hears = new HashSet<>(s.hears());
            joinWaits = s.joinWaits();
            mergeWaitOver = s.mergeWaitOver();
            timers = new EnumMap<>(Timer.class);
            timers.putAll(s.timers());
            nextToken = s.nextToken();
            published = s.published();
            lastReason = s.lastReason();
        }

        void startTimer(Timer timer, Duration delay) {
            long token = nextToken++;
            timers.put(timer, token);
            actions.add(new Action.StartTimer(timer, delay, token));
        }

        void moveTo(Role to, String reason) {
            lastReason = reason;
            if (to != role) {
                actions.add(new Action.Notify(role, to, reason));
                role = to;
            }
        }

        NodeState freeze() {
            return new NodeState(role, joined, fault, acquireFault, preemptDelayPassed, yielded, term, yieldTo,
                    view, known, stale, suspects, hears, joinWaits, mergeWaitOver, timers, nextToken, published, lastReason);
        }
    }
}
