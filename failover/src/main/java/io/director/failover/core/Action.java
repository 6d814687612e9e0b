package io.director.failover.core;

import java.time.Duration;
import java.util.Optional;

/** What the {@link FailoverStateMachine} asks its controller to do, as data, in order. */
public sealed interface Action {
    /**
     * Add the VIPs and announce them (gratuitous ARP / unsolicited NA burst). Also asked of a master that
     * already holds them when a rival master stopped claiming: adding is then a no-op, the announcement is not.
     */
    record AcquireVips() implements Action {}

    /** Remove the VIPs (also at start: leftovers of an earlier life). */
    record ReleaseVips() implements Action {}

    record SyncAsMaster() implements Action {}

    record SyncAsBackup() implements Action {}

    record Notify(Role from, Role to, String reason) implements Action {}

    /** Send this member's state to the others. */
    record Publish(MemberState state) implements Action {}

    /** Fire {@link Event.TimerFired} with this timer and token after the delay; a newer token supersedes it. */
    record StartTimer(Timer timer, Duration delay, long token) implements Action {}

    /** Ask the master to hand over (this member is not master). */
    record SendHandoverRequest(Optional<String> to) implements Action {}

    /** A handover this member started as master ended: {@code newMaster} when it succeeded. */
    record HandoverFinished(Optional<String> newMaster, String detail) implements Action {}
}
