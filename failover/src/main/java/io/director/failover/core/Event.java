package io.director.failover.core;

import java.util.Optional;
import java.util.Set;

/** Inputs of the {@link FailoverStateMachine}; the controller turns I/O and timers into these. */
public sealed interface Event {
    record Start() implements Event {}

    /** The node ids in the current group view (this member's own id may be included). */
    record ViewChanged(Set<String> members) implements Event {
        public ViewChanged {
            members = Set.copyOf(members);
        }
    }

    /** A state another member published. */
    record PeerState(MemberState state) implements Event {}

    /** The latest self-check: empty when healthy, else why not. */
    record HealthChanged(Optional<String> fault) implements Event {}

    /** Adding the VIPs failed: FAULT for a while (the {@link Timer#FAULT_HOLD}). */
    record AcquireFailed(String reason) implements Event {}

    /** Members the link probe finds silent now (replaces the previous set). */
    record LinkSuspects(Set<String> suspects) implements Event {
        public LinkSuspects {
            suspects = Set.copyOf(suspects);
        }
    }

    /** Members the link probe hears now: in reach whatever the group view says (their packets carry their states). */
    record LinkHears(Set<String> members) implements Event {
        public LinkHears {
            members = Set.copyOf(members);
        }
    }

    record TimerFired(Timer timer, long token) implements Event {}

    /**
     * A graceful handover, asked locally ({@code remote = false}: forwarded to the master when this member is
     * not master) or by another member ({@code remote = true}).
     */
    record HandoverRequested(Optional<String> to, boolean remote) implements Event {}

    record Stop() implements Event {}
}
