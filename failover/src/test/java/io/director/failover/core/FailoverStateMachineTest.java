package io.director.failover.core;

import io.director.config.model.MemberRole;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static io.director.failover.core.Members.*;
import static org.assertj.core.api.Assertions.assertThat;

class FailoverStateMachineTest {

    /** Drives one machine and keeps every action it asked for. */
    static final class Driver {
        final FailoverStateMachine machine;
        NodeState state = NodeState.initial();
        final List<Action> actions = new ArrayList<>();

        Driver(String id, int priority, boolean preempt, Duration preemptDelay, int members) {
            machine = new FailoverStateMachine(new Settings(id, priority, MemberRole.DIRECTOR, preempt, preemptDelay,
                    members, Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(5)));
        }

        List<Action> step(Event e) {
            Transition t = machine.step(state, e);
            state = t.state();
            actions.addAll(t.actions());
            return t.actions();
        }

        long timerToken(Timer timer) {
            return state.timers().get(timer);
        }

        Role role() {
            return state.role();
        }
    }

    @Test
    void startReleasesLeftoversAndWaitsForTheJoinTimeout() {
        Driver d = new Driver("d1", 100, true, Duration.ZERO, 2);
        List<Action> start = d.step(new Event.Start());
        assertThat(start).startsWith(new Action.ReleaseVips(), new Action.SyncAsBackup());
        assertThat(start).noneMatch(a -> a instanceof Action.StartTimer);
        List<Action> firstView = d.step(new Event.ViewChanged(Set.of("d1")));
        assertThat(firstView).anyMatch(a -> a instanceof Action.StartTimer t && t.timer() == Timer.JOIN);
        assertThat(d.role()).isEqualTo(Role.INIT);
        List<Action> joined = d.step(new Event.TimerFired(Timer.JOIN, d.timerToken(Timer.JOIN)));
        assertThat(d.role()).isEqualTo(Role.MASTER);
        assertThat(joined).contains(new Action.AcquireVips(), new Action.SyncAsMaster());
        assertThat(joined.get(0)).as("the VIPs before the role change is logged or notified").isEqualTo(new Action.AcquireVips());
        assertThat(d.state.term()).isEqualTo(1);
    }

    @Test
    void waitsLongerWhileTheProbeHearsAMemberMissingFromTheView() {
        Driver d = new Driver("d2", 100, true, Duration.ZERO, 2);
        d.step(new Event.Start());
        d.step(new Event.ViewChanged(Set.of("d2")));
        d.step(new Event.LinkHears(Set.of("d1")));
        d.step(new Event.LinkHears(Set.of())); // a flap of the starting member's own probe
        d.step(new Event.TimerFired(Timer.JOIN, d.timerToken(Timer.JOIN)));
        assertThat(d.role()).isEqualTo(Role.INIT);
        assertThat(d.state.lastReason()).contains("probe hears [d1]");
        // the group merges: d1 is master, d2 joins as backup without ever taking the VIPs
        d.step(new Event.ViewChanged(Set.of("d1", "d2")));
        d.step(new Event.PeerState(master("d1", 150, 3)));
        assertThat(d.role()).isEqualTo(Role.BACKUP);
        assertThat(d.actions).doesNotContain(new Action.AcquireVips());
    }

    @Test
    void waitsOnlyABoundedNumberOfJoinTimeouts() {
        Driver d = new Driver("d2", 100, true, Duration.ZERO, 2);
        d.step(new Event.Start());
        d.step(new Event.ViewChanged(Set.of("d2")));
        d.step(new Event.LinkHears(Set.of("d1")));
        for (int i = 0; i <= FailoverStateMachine.MAX_JOIN_WAITS; i++) {
            assertThat(d.role()).isEqualTo(Role.INIT);
            d.step(new Event.TimerFired(Timer.JOIN, d.timerToken(Timer.JOIN)));
        }
        assertThat(d.role()).isEqualTo(Role.MASTER);
    }

    @Test
    void aMasterThatLeftTheViewButStillAnswersTheProbeIsNotReplaced() {
        Driver d = new Driver("d2", 100, true, Duration.ZERO, 2);
        d.step(new Event.Start());
        d.step(new Event.ViewChanged(Set.of("d1", "d2")));
        d.step(new Event.PeerState(master("d1", 150, 3)));
        d.step(new Event.LinkHears(Set.of("d1")));
        assertThat(d.role()).isEqualTo(Role.BACKUP);
        // the group splits (heartbeats lost under load), but d1 still answers the probe: no takeover
        d.step(new Event.ViewChanged(Set.of("d2")));
        assertThat(d.role()).isEqualTo(Role.BACKUP);
        assertThat(d.machine.decide(d.state).master()).contains("d1");
        // the probe goes silent too: now d1 is gone
        d.step(new Event.LinkHears(Set.of()));
        assertThat(d.role()).isEqualTo(Role.MASTER);
    }

    /**
     * d2 is master with the witness while d1 is cut off; d1 is heard again before the group merged it in, while
     * d2 has a passing fault: back from it, d2, elected in its view {d2, w}, hears d1 outside it.
     */
    private static Driver electedWhileAMemberIsHeardOutsideTheView() {
        Driver d = new Driver("d2", 100, true, Duration.ZERO, 3);
        d.step(new Event.Start());
        d.step(new Event.ViewChanged(Set.of("d2", "w")));
        d.step(new Event.PeerState(witness("w")));
        d.step(new Event.LinkHears(Set.of("w")));
        d.step(new Event.TimerFired(Timer.JOIN, d.timerToken(Timer.JOIN)));
        assertThat(d.role()).isEqualTo(Role.MASTER);
        d.step(new Event.LinkHears(Set.of("w", "d1")));
        assertThat(d.role()).as("a master stays master").isEqualTo(Role.MASTER);
        d.step(new Event.HealthChanged(Optional.of("eth0 down")));
        assertThat(d.role()).isEqualTo(Role.FAULT);
        d.step(new Event.HealthChanged(Optional.empty()));
        return d;
    }

    @Test
    void anElectedBackupWaitsForTheMergeWhileTheProbeHearsAMemberOutsideItsView() {
        Driver d = electedWhileAMemberIsHeardOutsideTheView();
        assertThat(d.role()).isEqualTo(Role.BACKUP);
        assertThat(d.state.lastReason()).contains("waiting for the group to merge").contains("[d1]");
        long acquired = d.actions.stream().filter(a -> a instanceof Action.AcquireVips).count();
        // the merge: d1 is master, and d2 never took the VIPs back
        d.step(new Event.ViewChanged(Set.of("d1", "d2", "w")));
        d.step(new Event.PeerState(master("d1", 150, 9)));
        assertThat(d.role()).isEqualTo(Role.BACKUP);
        assertThat(d.state.lastReason()).contains("d1 is master");
        assertThat(d.state.timers()).doesNotContainKey(Timer.MERGE);
        assertThat(d.actions.stream().filter(a -> a instanceof Action.AcquireVips).count()).isEqualTo(acquired);
    }

    @Test
    void theWaitForAMergeIsBoundedAndEndsWhenTheMemberGoesSilent() {
        Driver d = electedWhileAMemberIsHeardOutsideTheView();
        d.step(new Event.TimerFired(Timer.MERGE, d.timerToken(Timer.MERGE)));
        assertThat(d.role()).as("waited long enough").isEqualTo(Role.MASTER);

        Driver e = electedWhileAMemberIsHeardOutsideTheView();
        e.step(new Event.LinkSuspects(Set.of("d1")));
        assertThat(e.role()).as("d1 silent again: nothing to wait for").isEqualTo(Role.MASTER);
    }

    @Test
    void aMemberThatLeftTheViewAndIsSuspectedIsForgotten() {
        Driver d = new Driver("d2", 100, true, Duration.ZERO, 2);
        d.step(new Event.Start());
        d.step(new Event.ViewChanged(Set.of("d1", "d2")));
        d.step(new Event.PeerState(master("d1", 150, 3)));
        d.step(new Event.LinkHears(Set.of("d1")));
        d.step(new Event.LinkHears(Set.of())); // silent, then suspected
        d.step(new Event.LinkSuspects(Set.of("d1")));
        assertThat(d.role()).isEqualTo(Role.MASTER);
        d.step(new Event.ViewChanged(Set.of("d2")));
        assertThat(d.state.peers()).isEmpty();
        assertThat(d.state.known()).as("neither in the view nor heard: gone").isEmpty();
        assertThat(d.role()).isEqualTo(Role.MASTER);
    }

    @Test
    void aStartingMemberThatHearsAMasterOutsideItsViewJoinsAsBackupWithoutWaitingForTheMerge() {
        // d1's probe packets say it is master (they come within an interval of the start); the group, which
        // takes seconds to connect, finds w but not d1
        Driver d = new Driver("d2", 100, true, Duration.ZERO, 3);
        d.step(new Event.Start());
        d.step(new Event.PeerState(master("d1", 150, 4)));
        d.step(new Event.PeerState(witness("w")));
        d.step(new Event.LinkHears(Set.of("d1", "w")));
        d.step(new Event.ViewChanged(Set.of("d2", "w")));
        d.step(new Event.PeerState(witness("w")));
        assertThat(d.role()).isEqualTo(Role.BACKUP);
        assertThat(d.state.lastReason()).startsWith("d1 is master");
        assertThat(d.actions).doesNotContain(new Action.AcquireVips());
        // d1's packets stop: it is gone, and d2 with the witness takes over
        d.step(new Event.LinkHears(Set.of("w")));
        assertThat(d.role()).isEqualTo(Role.MASTER);
    }

    /**
     * The heal of a cut as the link probe tells it: d1's first packet from d2 after the cut carries d2's state
     * (master, a newer term), ahead of the end of the suspicion; d1 preempts at once, with a newer term still.
     */
    @Test
    void aMemberBackFromACutActsOnTheStateItsPacketsCarry() {
        Driver d = cutOffMasterOfThree();
        d.step(new Event.ViewChanged(Set.of("d1"))); // the group splits too
        assertThat(d.role()).isEqualTo(Role.BACKUP);
        d.step(new Event.PeerState(master("d2", 100, 2)));
        d.step(new Event.PeerState(suspecting(witness("w"), "d1")));
        d.step(new Event.LinkHears(Set.of("d2", "w")));
        d.step(new Event.LinkSuspects(Set.of()));
        assertPreemptedD2(d);
    }

    @Test
    void joinsAsBackupOnceItKnowsTheMaster() {
        Driver d = new Driver("d2", 100, true, Duration.ZERO, 2);
        d.step(new Event.Start());
        d.step(new Event.ViewChanged(Set.of("d1", "d2")));
        assertThat(d.role()).isEqualTo(Role.INIT);
        d.step(new Event.PeerState(master("d1", 150, 7)));
        assertThat(d.role()).isEqualTo(Role.BACKUP);
        assertThat(d.actions).doesNotContain(new Action.AcquireVips());
    }

    @Test
    void staleTimerIsIgnored() {
        Driver d = new Driver("d1", 100, true, Duration.ZERO, 2);
        d.step(new Event.Start());
        d.step(new Event.ViewChanged(Set.of("d1")));
        long token = d.timerToken(Timer.JOIN);
        assertThat(d.step(new Event.TimerFired(Timer.JOIN, token + 99))).isEmpty();
        assertThat(d.role()).isEqualTo(Role.INIT);
    }

    @Test
    void aMasterAnnouncesAgainAWhileAfterASuspectedMemberCameBack() {
        Driver d = masterWithPeer();
        d.step(new Event.LinkHears(Set.of("d2")));
        assertThat(d.step(new Event.LinkSuspects(Set.of("d2")))).doesNotContain(new Action.AcquireVips());
        assertThat(d.role()).as("two members: a cut-off master keeps its VIPs").isEqualTo(Role.MASTER);
        // the link heals; d2 took over meanwhile, but its claim never reached d1: it still looks a backup
        assertThat(d.step(new Event.LinkSuspects(Set.of()))).as("not at once: d2 serves the clients meanwhile")
                .doesNotContain(new Action.AcquireVips());
        assertThat(d.state.timers()).containsKey(Timer.REANNOUNCE);
        assertThat(d.step(new Event.TimerFired(Timer.REANNOUNCE, d.timerToken(Timer.REANNOUNCE))))
                .contains(new Action.AcquireVips());
    }

    @Test
    void aMasterAnnouncesAgainWhenTheGroupMergesAMemberBackIn() {
        Driver d = masterWithPeer();
        d.step(new Event.ViewChanged(Set.of("d1")));
        d.actions.clear();
        // the merge: d2, master while apart, released in the step it merged and says BACKUP
        d.step(new Event.ViewChanged(Set.of("d1", "d2")));
        d.step(new Event.PeerState(backup("d2", 100)));
        assertThat(d.step(new Event.TimerFired(Timer.REANNOUNCE, d.timerToken(Timer.REANNOUNCE))))
                .contains(new Action.AcquireVips());
    }

    @Test
    void noAnnouncementWhileAnotherMemberClaimsMastership() {
        Driver d = masterWithPeer();
        d.step(new Event.LinkHears(Set.of("d2")));
        d.step(new Event.LinkSuspects(Set.of("d2")));
        d.step(new Event.LinkSuspects(Set.of()));
        d.step(new Event.PeerState(master("d2", 100, 1))); // a claim of an older term: d1 stays master
        assertThat(d.role()).isEqualTo(Role.MASTER);
        d.actions.clear();
        assertThat(d.step(new Event.TimerFired(Timer.REANNOUNCE, d.timerToken(Timer.REANNOUNCE))))
                .doesNotContain(new Action.AcquireVips());
    }

    @Test
    void aMasterThatLosesWhenTheSuspectedMemberComesBackReleasesWithoutAnnouncing() {
        Driver d = new Driver("d2", 100, true, Duration.ZERO, 2);
        d.step(new Event.Start());
        d.step(new Event.ViewChanged(Set.of("d1", "d2")));
        d.step(new Event.PeerState(backup("d1", 150)));
        d.step(new Event.LinkHears(Set.of("d1")));
        d.step(new Event.LinkSuspects(Set.of("d1")));
        d.step(new Event.PeerState(master("d1", 150, 9))); // the cut-off d1 kept claiming
        assertThat(d.role()).isEqualTo(Role.MASTER);
        d.actions.clear();
        List<Action> back = d.step(new Event.LinkSuspects(Set.of()));
        assertThat(d.role()).isNotEqualTo(Role.MASTER);
        assertThat(back).doesNotContain(new Action.AcquireVips());
        assertThat(d.state.timers()).doesNotContainKey(Timer.REANNOUNCE);
    }

    /**
     * d1 (priority 150) is master with d2 and the witness, and is cut off: no majority, it releases. On the far
     * side d2 takes over, but d1 never hears of it. The link heals: the states d1 holds from before the cut say
     * d2 is a backup, and taking over on them would make two masters.
     */
    @Test
    void aMemberBackFromACutIsNotTrustedOnTheStateItHadBefore() {
        Driver d = cutOffMasterOfThree();

        // the link heals, one member at a time as the probe hears them (their packets tell nothing here: members
        // known from the group's messages only)
        d.step(new Event.LinkHears(Set.of("d2", "w")));
        List<Action> wBack = d.step(new Event.LinkSuspects(Set.of("d2")));
        assertThat(wBack).as("w may have forgotten d1's state too").anyMatch(a -> a instanceof Action.Publish);
        d.step(new Event.LinkSuspects(Set.of()));
        assertThat(d.role()).isEqualTo(Role.BACKUP);
        assertThat(d.state.lastReason()).contains("no majority");
        assertThat(d.actions).doesNotContain(new Action.AcquireVips());

        // their states now: w votes again, d2 claims mastership (a newer term); d1, better and preempting, takes over
        d.step(new Event.PeerState(witness("w")));
        assertThat(d.role()).as("d2's role is still unknown: wait for it").isEqualTo(Role.BACKUP);
        assertThat(d.state.lastReason()).contains("waiting for the group to merge").contains("[d2]");
        d.step(new Event.PeerState(master("d2", 100, 2)));
        assertPreemptedD2(d);
    }

    @Test
    void aStateHeardDuringTheSuspicionIsKeptOnTheReturn() {
        Driver d = d2InAPairView();
        d.step(new Event.PeerState(master("d1", 150, 1)));
        d.step(new Event.LinkHears(Set.of("d1")));
        d.step(new Event.LinkSuspects(Set.of("d1")));
        d.step(new Event.PeerState(backup("d1", 150))); // the group still carries d1's messages: it stepped down
        d.step(new Event.LinkSuspects(Set.of()));
        assertThat(d.state.known()).containsKey("d1");
        assertThat(d.machine.decide(d.state).master()).contains("d1");
    }

    @Test
    void aMasterDoesNotReleaseOnAClaimFromBeforeItsOwnTerm() {
        // d2 took over while d1 was cut off; after the heal d1's claim from before the cut arrives late
        Driver d = d2InAPairView();
        d.step(new Event.PeerState(master("d1", 150, 1)));
        d.step(new Event.LinkHears(Set.of("d1")));
        d.step(new Event.LinkSuspects(Set.of("d1")));
        d.step(new Event.PeerState(backup("d1", 150))); // d1 stepped down; then the group lost it too
        assertThat(d.role()).isEqualTo(Role.MASTER);
        assertThat(d.state.term()).isEqualTo(2);
        d.actions.clear();
        d.step(new Event.LinkSuspects(Set.of()));
        d.step(new Event.PeerState(master("d1", 150, 1))); // the old claim, retransmitted
        assertThat(d.role()).as("d1 preempts, but has not claimed since it knows of d2").isEqualTo(Role.MASTER);
        assertThat(d.actions).doesNotContain(new Action.ReleaseVips());
        assertThat(d.state.timers()).as("no release on a timer either: d2 serves until d1 claims").doesNotContainKey(Timer.HANDOVER);
        // d1's current claim: above d2's term
        d.step(new Event.PeerState(master("d1", 150, 3)));
        assertThat(d.role()).isEqualTo(Role.BACKUP);
        assertThat(d.actions).contains(new Action.ReleaseVips());
    }

    @Test
    void aMasterThatStaysAgainstARivalOfTheSameTermTakesANewerOne() {
        Driver d = masterWithPeer();
        long term = d.state.term();
        // a healed split: d2 (worse priority) claims with the same term; d1, better, stays master
        d.step(new Event.PeerState(notPreempting(master("d2", 100, term))));
        assertThat(d.role()).isEqualTo(Role.MASTER);
        assertThat(d.state.term()).isEqualTo(term + 1);
        assertThat(d.actions).anyMatch(a -> a instanceof Action.Publish p && p.state().term() == term + 1);
        // d2's claim is older now: nothing more to do
        d.actions.clear();
        d.step(new Event.PeerState(notPreempting(master("d2", 100, term))));
        assertThat(d.state.term()).isEqualTo(term + 1);
        assertThat(d.actions).noneMatch(a -> a instanceof Action.Publish);
        // a suspected rival is no reason: its messages may be all that is left of it
        Driver e = masterWithPeer();
        e.step(new Event.LinkHears(Set.of("d2")));
        e.step(new Event.LinkSuspects(Set.of("d2")));
        e.step(new Event.PeerState(notPreempting(master("d2", 100, e.state.term() + 4))));
        assertThat(e.state.term()).isEqualTo(term);
    }

    @Test
    void publishesAgainWhenAPeerStopsSuspectingIt() {
        Driver d = masterWithPeer();
        d.step(new Event.PeerState(suspecting(backup("d2", 100), "d1")));
        List<Action> back = d.step(new Event.PeerState(backup("d2", 100)));
        assertThat(back).as("d2 may have forgotten d1's state").anyMatch(a -> a instanceof Action.Publish);
        assertThat(d.step(new Event.PeerState(notPreempting(backup("d2", 100)))))
                .as("nothing new for d2").noneMatch(a -> a instanceof Action.Publish);
    }

    /** d1 (priority 150), master with d2 and the witness w, is cut off from both: no majority, it released. */
    private static Driver cutOffMasterOfThree() {
        Driver d = new Driver("d1", 150, true, Duration.ZERO, 3);
        d.step(new Event.Start());
        d.step(new Event.ViewChanged(Set.of("d1", "d2", "w")));
        d.step(new Event.PeerState(backup("d2", 100)));
        d.step(new Event.PeerState(witness("w")));
        d.step(new Event.LinkHears(Set.of("d2", "w")));
        assertThat(d.role()).isEqualTo(Role.MASTER);
        d.step(new Event.LinkHears(Set.of()));
        d.step(new Event.LinkSuspects(Set.of("d2", "w")));
        assertThat(d.role()).isEqualTo(Role.BACKUP);
        d.actions.clear();
        return d;
    }

    /** d1 took over from d2 (master with term 2) by preempt, with a newer term. */
    private static void assertPreemptedD2(Driver d) {
        assertThat(d.role()).isEqualTo(Role.MASTER);
        assertThat(d.state.lastReason()).contains("preempts d2");
        assertThat(d.state.term()).isEqualTo(3);
    }

    /** d2 (priority 100, preempt) started, in a group view with d1. */
    private static Driver d2InAPairView() {
        Driver d = new Driver("d2", 100, true, Duration.ZERO, 2);
        d.step(new Event.Start());
        d.step(new Event.ViewChanged(Set.of("d1", "d2")));
        return d;
    }

    private static Driver masterWithPeer() {
        Driver d = new Driver("d1", 150, true, Duration.ZERO, 2);
        d.step(new Event.Start());
        d.step(new Event.ViewChanged(Set.of("d1", "d2")));
        d.step(new Event.PeerState(backup("d2", 100)));
        assertThat(d.role()).isEqualTo(Role.MASTER);
        d.actions.clear();
        return d;
    }

    @Test
    void handoverWaitsForTheSuccessorThenReleases() {
        Driver d = masterWithPeer();
        d.step(new Event.HandoverRequested(Optional.empty(), false));
        assertThat(d.state.yieldTo()).contains("d2");
        assertThat(d.role()).isEqualTo(Role.MASTER);
        assertThat(d.actions).doesNotContain(new Action.ReleaseVips());
        List<Action> after = d.step(new Event.PeerState(master("d2", 100, 2)));
        assertThat(d.role()).isEqualTo(Role.BACKUP);
        assertThat(after).contains(new Action.ReleaseVips());
        assertThat(after).anyMatch(a -> a instanceof Action.HandoverFinished f && f.newMaster().equals(Optional.of("d2")));
        // having yielded, d1 does not preempt back
        d.step(new Event.PeerState(master("d2", 100, 2)));
        assertThat(d.role()).isEqualTo(Role.BACKUP);
    }

    @Test
    void handoverTimesOutAndKeepsMastership() {
        Driver d = masterWithPeer();
        d.step(new Event.HandoverRequested(Optional.of("d2"), false));
        List<Action> timeout = d.step(new Event.TimerFired(Timer.HANDOVER, d.timerToken(Timer.HANDOVER)));
        assertThat(timeout).anyMatch(a -> a instanceof Action.HandoverFinished f && f.newMaster().isEmpty());
        assertThat(d.role()).isEqualTo(Role.MASTER);
        assertThat(d.state.yieldTo()).isEmpty();
    }

    @Test
    void faultReleasesAndRecoveryRejoins() {
        Driver d = masterWithPeer();
        d.step(new Event.HealthChanged(Optional.of("eth0 down")));
        assertThat(d.role()).isEqualTo(Role.FAULT);
        assertThat(d.actions).contains(new Action.ReleaseVips());
        d.step(new Event.HealthChanged(Optional.empty()));
        // d2 has not claimed, d1 is still the best: master again
        assertThat(d.role()).isEqualTo(Role.MASTER);
    }

    @Test
    void failedAcquireHoldsFaultForAWhile() {
        Driver d = masterWithPeer();
        d.step(new Event.AcquireFailed("VIP cannot be added"));
        assertThat(d.role()).isEqualTo(Role.FAULT);
        d.step(new Event.HealthChanged(Optional.empty()));
        assertThat(d.role()).isEqualTo(Role.FAULT);
        d.step(new Event.TimerFired(Timer.FAULT_HOLD, d.timerToken(Timer.FAULT_HOLD)));
        assertThat(d.role()).isEqualTo(Role.MASTER);
    }

    @Test
    void preemptDelayHoldsBackAHigherPriorityMember() {
        Driver d = new Driver("d1", 150, true, Duration.ofSeconds(30), 2);
        d.step(new Event.Start());
        d.step(new Event.ViewChanged(Set.of("d1", "d2")));
        d.step(new Event.PeerState(master("d2", 100, 3)));
        assertThat(d.role()).isEqualTo(Role.BACKUP);
        assertThat(d.machine.self(d.state).preemptReady()).isFalse();
        d.step(new Event.TimerFired(Timer.PREEMPT, d.timerToken(Timer.PREEMPT)));
        assertThat(d.role()).isEqualTo(Role.MASTER);
        assertThat(d.state.term()).isEqualTo(4);
    }

    @Test
    void releasesAtOnceWhenTheMajorityIsLost() {
        Driver d = new Driver("d1", 150, true, Duration.ZERO, 3);
        d.step(new Event.Start());
        d.step(new Event.ViewChanged(Set.of("d1", "d2", "w")));
        d.step(new Event.PeerState(backup("d2", 100)));
        d.step(new Event.PeerState(witness("w")));
        assertThat(d.role()).isEqualTo(Role.MASTER);
        d.step(new Event.LinkSuspects(Set.of("d2", "w")));
        assertThat(d.role()).isEqualTo(Role.BACKUP);
        assertThat(d.actions).contains(new Action.ReleaseVips());
    }

    @Test
    void masterReleasesWhenANewerMasterClaims() {
        Driver d = masterWithPeer();
        // after a partition heals: d1 is preempt-ready and better, so it stays master and d2 must yield
        d.step(new Event.PeerState(notPreempting(master("d2", 100, 5))));
        assertThat(d.role()).isEqualTo(Role.MASTER);
        Driver nopreempt = new Driver("d1", 150, false, Duration.ZERO, 2);
        nopreempt.step(new Event.Start());
        nopreempt.step(new Event.ViewChanged(Set.of("d1", "d2")));
        nopreempt.step(new Event.PeerState(backup("d2", 100)));
        nopreempt.step(new Event.PeerState(master("d2", 100, 5)));
        assertThat(nopreempt.role()).isEqualTo(Role.BACKUP);
    }

    @Test
    void aMasterAnnouncesAgainOnceARivalMasterOfAHealedSplitStopsClaiming() {
        Driver d = masterWithPeer();
        // the split heals: d2 took over meanwhile (a newer term) and still claims; d1 stays master by preempt
        List<Action> rivalClaims = d.step(new Event.PeerState(master("d2", 100, 5)));
        assertThat(d.role()).isEqualTo(Role.MASTER);
        assertThat(rivalClaims).as("no announcement while the rival still announces").doesNotContain(new Action.AcquireVips());
        // d2 releases: its gratuitous ARPs pointed the neighbours at it, so d1 must point them back
        List<Action> rivalReleased = d.step(new Event.PeerState(with(master("d2", 100, 5), Role.BACKUP)));
        assertThat(d.role()).isEqualTo(Role.MASTER);
        assertThat(rivalReleased).contains(new Action.AcquireVips());
        // a backup's state changes are no reason to announce
        assertThat(d.step(new Event.PeerState(notPreempting(with(master("d2", 100, 5), Role.BACKUP)))))
                .doesNotContain(new Action.AcquireVips());
    }

    @Test
    void aMasterAnnouncesAgainWhenARivalMasterLeavesTheView() {
        Driver d = masterWithPeer();
        d.step(new Event.PeerState(master("d2", 100, 5)));
        assertThat(d.step(new Event.ViewChanged(Set.of("d1")))).contains(new Action.AcquireVips());
        assertThat(d.role()).isEqualTo(Role.MASTER);
    }
}
