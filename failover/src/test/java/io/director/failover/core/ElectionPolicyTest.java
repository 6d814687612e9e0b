package io.director.failover.core;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static io.director.failover.core.Members.*;
import static org.assertj.core.api.Assertions.assertThat;

class ElectionPolicyTest {
    private final ElectionPolicy two = new ElectionPolicy(2);
    private final ElectionPolicy three = new ElectionPolicy(3);

    @Test
    void highestPriorityWinsWithoutIncumbent() {
        assertThat(two.decide(backup("d1", 100), List.of(backup("d2", 150)), Set.of()).master()).contains("d2");
    }

    @Test
    void tieGoesToSmallestNodeId() {
        assertThat(two.decide(backup("d2", 100), List.of(backup("d1", 100)), Set.of()).master()).contains("d1");
    }

    @Test
    void preemptReadyHigherPriorityTakesOver() {
        Decision d = two.decide(master("d1", 100, 3), List.of(backup("d2", 150)), Set.of());
        assertThat(d.master()).contains("d2");
        assertThat(d.reason()).contains("preempts");
    }

    @Test
    void withoutPreemptHealthyIncumbentStays() {
        Decision d = two.decide(master("d1", 100, 3), List.of(notPreempting(backup("d2", 150))), Set.of());
        assertThat(d.master()).contains("d1");
    }

    @Test
    void equalPriorityDoesNotPreempt() {
        assertThat(two.decide(master("d2", 100, 1), List.of(backup("d1", 100)), Set.of()).master()).contains("d2");
    }

    @Test
    void faultyMemberIsNotEligible() {
        assertThat(two.decide(with(backup("d1", 200), Role.FAULT), List.of(backup("d2", 100)), Set.of()).master())
                .contains("d2");
        assertThat(two.decide(with(master("d1", 200, 1), Role.FAULT), List.of(backup("d2", 100)), Set.of()).master())
                .contains("d2");
    }

    @Test
    void witnessNeverMasters() {
        assertThat(three.decide(witness("w"), List.of(), Set.of()).master()).isEmpty();
        assertThat(three.decide(witness("w"), List.of(with(backup("d1", 1), Role.FAULT)), Set.of()).master()).isEmpty();
        assertThat(three.decide(witness("w"), List.of(backup("d1", 1)), Set.of()).master()).contains("d1");
    }

    @Test
    void memberWithoutMajorityGivesUp() {
        Decision d = three.decide(master("d1", 200, 4), List.of(), Set.of());
        assertThat(d.master()).isEmpty();
        assertThat(d.reason()).contains("no majority");
    }

    @Test
    void twoConfiguredMembersAllowASingleMaster() {
        assertThat(two.decide(backup("d2", 100), List.of(), Set.of()).master()).contains("d2");
    }

    @Test
    void ownLinkSuspicionsDoNotCountAsReached() {
        // d1 still sees d2 and w in the group view, but its probe hears neither: it is cut off
        Decision d = three.decide(master("d1", 200, 4), List.of(backup("d2", 100), witness("w")), Set.of("d2", "w"));
        assertThat(d.master()).isEmpty();
    }

    @Test
    void suspectedMasterIsReplacedOnlyWhenAMajoritySuspectsIt() {
        MemberState d1 = master("d1", 200, 4);
        // only d2 suspects d1: d1 stays (a false suspicion on one link cannot elect a second master)
        assertThat(three.decide(backup("d2", 100), List.of(d1, witness("w")), Set.of("d1")).master()).contains("d1");
        // the witness agrees: d1 is out, d2 takes over
        assertThat(three.decide(backup("d2", 100), List.of(d1, suspecting(witness("w"), "d1")), Set.of("d1")).master())
                .contains("d2");
    }

    @Test
    void mostRecentMasterWinsWhenAPartitionHeals() {
        Decision d = two.decide(notPreempting(master("d1", 200, 4)), List.of(master("d2", 100, 5)), Set.of());
        assertThat(d.master()).contains("d2");
    }

    @Test
    void handoverNamesTheSuccessor() {
        MemberState d1 = notPreempting(yielding(master("d1", 200, 4), "d2"));
        assertThat(two.decide(d1, List.of(backup("d2", 100)), Set.of()).master()).contains("d2");
        // once d2 claims with a newer term, d1 (not preempting after yielding) does not take it back
        assertThat(two.decide(d1, List.of(master("d2", 100, 5)), Set.of()).master()).contains("d2");
    }

    @Test
    void handoverToIneligibleMemberIsIgnored() {
        MemberState d1 = yielding(master("d1", 200, 4), "d3");
        assertThat(two.decide(d1, List.of(backup("d2", 100)), Set.of()).master()).contains("d1");
    }

    @Test
    void startingMembersAreNotEligible() {
        assertThat(two.decide(backup("d1", 100), List.of(with(backup("d2", 150), Role.INIT)), Set.of()).master())
                .contains("d1");
    }

    @Test
    void quorumTable() {
        assertThat(Quorum.of(1)).isEqualTo(1);
        assertThat(Quorum.of(2)).isEqualTo(1);
        assertThat(Quorum.of(3)).isEqualTo(2);
        assertThat(Quorum.of(4)).isEqualTo(3);
        assertThat(Quorum.of(5)).isEqualTo(3);
    }
}
