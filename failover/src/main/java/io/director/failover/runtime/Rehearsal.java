package io.director.failover.runtime;

import io.director.config.model.MemberRole;
import io.director.failover.core.Event;
import io.director.failover.core.FailoverStateMachine;
import io.director.failover.core.MemberState;
import io.director.failover.core.NodeState;
import io.director.failover.core.Role;
import io.director.failover.core.Settings;
import io.director.failover.core.Timer;
import io.director.failover.wire.ClusterMessage;
import io.director.failover.wire.ClusterMessageCodec;
import io.director.failover.wire.MalformedMessageException;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Runs a throwaway state machine through a takeover, a return and a handover at start, on data alone. A
 * JVM's first pass through a path loads its classes and links its lambdas, which on a small or busy machine
 * costs tens of milliseconds; a backup's first takeover, months after its start, is the one that counts, so
 * it should not pay that. Touches nothing outside itself.
 */
final class Rehearsal {
    private Rehearsal() {}

    static void run(Settings real) {
        Settings s = new Settings("rehearsal-b", 100, MemberRole.DIRECTOR, true, Duration.ZERO, 3,
                real.joinTimeout(), real.handoverTimeout(), real.faultHold());
        FailoverStateMachine machine = new FailoverStateMachine(s);
        MemberState master = new MemberState("rehearsal-a", 150, MemberRole.DIRECTOR, Role.MASTER, true, 1,
                Optional.empty(), Set.of());
        MemberState witness = new MemberState("rehearsal-w", 0, MemberRole.WITNESS, Role.WITNESS, false, 0,
                Optional.empty(), Set.of());
        NodeState state = NodeState.initial();
        List<Event> events = List.of(
                new Event.Start(),
                new Event.ViewChanged(Set.of("rehearsal-a", "rehearsal-b", "rehearsal-w")),
                new Event.PeerState(master),
                new Event.PeerState(witness),
                new Event.LinkHears(Set.of("rehearsal-a", "rehearsal-w")),
                new Event.LinkSuspects(Set.of("rehearsal-a")),   // the takeover
                new Event.LinkSuspects(Set.of()),                 // the master comes back
                new Event.HandoverRequested(Optional.of("rehearsal-a"), false),
                new Event.PeerState(new MemberState("rehearsal-a", 150, MemberRole.DIRECTOR, Role.MASTER, true, 3,
                        Optional.empty(), Set.of())));
        for (Event e : events) {
            state = machine.step(state, e).state();
        }
        for (Timer t : Timer.values()) {
            Long token = state.timers().get(t);
            if (token != null) {
                state = machine.step(state, new Event.TimerFired(t, token)).state();
            }
        }
        machine.step(state, new Event.Stop());
        try {
            ClusterMessageCodec.decode(ClusterMessageCodec.encode(new ClusterMessage.StateMessage("rehearsal", master)));
        } catch (MalformedMessageException e) {
            throw new IllegalStateException("the codec cannot read its own message", e);
        }
    }
}
