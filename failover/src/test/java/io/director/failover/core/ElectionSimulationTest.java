package io.director.failover.core;

import io.director.config.model.MemberRole;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many members' state machines over a perfect in-order bus, driven through random sequences of crashes,
 * restarts, faults, partitions, heals, link cuts and handovers. After every step settles: in each partition with
 * a majority and a healthy director exactly one member is master and it alone holds the VIPs; elsewhere none.
 * A link cut is what the link probe sees before the group view does: the view stays, messages across the cut are
 * lost, and the link comes back one side at a time; with three members or more there is never a second master,
 * not even halfway through the heal. With the link probe modelled, members on the same side of any cut hear
 * each other whatever the group views, and their probe packets carry their states (the group's messages then
 * count only from members not heard): the sides to check are those of the cut, not of the group.
 */
class ElectionSimulationTest {

    record Op(String kind, int target, int arg) {}

    @Provide
    Arbitrary<List<Op>> scripts() {
        Arbitrary<Op> op = net.jqwik.api.Combinators.combine(
                Arbitraries.of("crash", "start", "fault", "heal-fault", "partition", "heal", "handover", "suspect", "cut"),
                Arbitraries.integers().between(0, 3), Arbitraries.integers().between(0, 15)).as(Op::new);
        return op.list().ofMinSize(1).ofMaxSize(25);
    }

    @Property(tries = 300)
    void twoDirectors(@ForAll("scripts") List<Op> script, @ForAll boolean preempt) {
        run(script, List.of(member("d1", 150, MemberRole.DIRECTOR), member("d2", 100, MemberRole.DIRECTOR)), preempt);
    }

    @Property(tries = 300)
    void twoDirectorsAndAWitness(@ForAll("scripts") List<Op> script, @ForAll boolean preempt) {
        run(script, List.of(member("d1", 150, MemberRole.DIRECTOR), member("d2", 100, MemberRole.DIRECTOR),
                member("w", 0, MemberRole.WITNESS)), preempt);
    }

    @Property(tries = 300)
    void twoDirectorsAndAWitnessWithTheLinkProbe(@ForAll("scripts") List<Op> script, @ForAll boolean preempt) {
        run(script, List.of(member("d1", 150, MemberRole.DIRECTOR), member("d2", 100, MemberRole.DIRECTOR),
                member("w", 0, MemberRole.WITNESS)), preempt, true);
    }

    @Property(tries = 200)
    void twoDirectorsWithTheLinkProbe(@ForAll("scripts") List<Op> script, @ForAll boolean preempt) {
        run(script, List.of(member("d1", 150, MemberRole.DIRECTOR), member("d2", 100, MemberRole.DIRECTOR)), preempt, true);
    }

    @Property(tries = 200)
    void fourDirectorsWithEqualPriorities(@ForAll("scripts") List<Op> script, @ForAll boolean preempt) {
        run(script, List.of(member("a", 100, MemberRole.DIRECTOR), member("b", 100, MemberRole.DIRECTOR),
                member("c", 100, MemberRole.DIRECTOR), member("d", 50, MemberRole.DIRECTOR)), preempt);
    }

    record Spec(String id, int priority, MemberRole role) {}

    static Spec member(String id, int priority, MemberRole role) {
        return new Spec(id, priority, role);
    }

    /** One simulated cluster. */
    static final class Sim {
        final List<Spec> specs;
        final boolean preempt;
        final Map<String, FailoverStateMachine> machines = new HashMap<>();
        final Map<String, NodeState> states = new LinkedHashMap<>();
        final Map<String, Boolean> held = new HashMap<>();
        final Map<String, Map<Timer, Long>> timers = new HashMap<>();
        final Map<String, Integer> partition = new HashMap<>();
        /** The side of a link cut each member is on (messages cross no cut; the group view ignores it). */
        final Map<String, Integer> cut = new HashMap<>();
        final Deque<Object[]> queue = new ArrayDeque<>();
        /** The link probe is modelled: what each member's probe hears, and the states members published. */
        final boolean probe;
        final Map<String, Set<String>> hearing = new HashMap<>();
        final Map<String, MemberState> published = new HashMap<>();

        Sim(List<Spec> specs, boolean preempt, boolean probe) {
            this.specs = specs;
            this.preempt = preempt;
            this.probe = probe;
        }

        /** Alive members on the same side of any cut: what {@code id}'s probe hears (the group views aside). */
        Set<String> probeHears(String id) {
            return states.keySet().stream().filter(o -> !o.equals(id))
                    .filter(o -> cut.getOrDefault(o, 0).equals(cut.getOrDefault(id, 0)))
                    .collect(Collectors.toSet());
        }

        /**
         * One round of probe packets: each member learns the states its packets carry (as the runtime re-tells
         * them until the machine knows them), then what it hears. True when anything was delivered.
         */
        boolean probeRound() {
            boolean any = false;
            for (String id : new ArrayList<>(states.keySet())) {
                Set<String> heard = probeHears(id);
                for (String other : heard) {
                    MemberState st = published.get(other);
                    if (st != null && !st.equals(states.get(id).known().get(other))) {
                        queue.add(new Object[] {id, new Event.PeerState(st)});
                        any = true;
                    }
                }
                if (!heard.equals(hearing.get(id))) {
                    hearing.put(id, heard);
                    queue.add(new Object[] {id, new Event.LinkHears(heard)});
                    any = true;
                }
            }
            return any;
        }

        Spec spec(int i) {
            return specs.get(i % specs.size());
        }

        void start(Spec s) {
            if (states.containsKey(s.id())) {
                return;
            }
            machines.put(s.id(), new FailoverStateMachine(new Settings(s.id(), s.priority(), s.role(), preempt,
                    Duration.ZERO, specs.size(), Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5))));
            states.put(s.id(), NodeState.initial());
            held.put(s.id(), s.role() == MemberRole.DIRECTOR); // a leftover from an earlier life: released at start
            partition.putIfAbsent(s.id(), 0);
            deliver(s.id(), new Event.Start());
            views();
        }

        void crash(String id) {
            if (states.remove(id) != null) {
                machines.remove(id);
                held.remove(id);
                timers.remove(id);
                hearing.remove(id);
                published.remove(id);
                views();
            }
        }

        Set<String> sameSide(String id) {
            return states.keySet().stream().filter(o -> partition.get(o).equals(partition.get(id)))
                    .collect(Collectors.toSet());
        }

        /** The members whose messages reach {@code id}'s: same partition, same side of any cut. */
        Set<String> linked(String id) {
            return sameSide(id).stream().filter(o -> cut.getOrDefault(o, 0).equals(cut.getOrDefault(id, 0)))
                    .collect(Collectors.toSet());
        }

        void views() {
            for (String id : new ArrayList<>(states.keySet())) {
                deliver(id, new Event.ViewChanged(sameSide(id)));
            }
        }

        void deliver(String id, Event e) {
            queue.add(new Object[] {id, e});
            drain();
        }

        void drain() {
            for (int round = 0; round < 20; round++) {
                drainQueue();
                if (!probe || !probeRound()) {
                    return;
                }
            }
        }

        private void drainQueue() {
            while (!queue.isEmpty()) {
                Object[] next = queue.poll();
                String id = (String) next[0];
                if (!states.containsKey(id)) {
                    continue;
                }
                Transition t = machines.get(id).step(states.get(id), (Event) next[1]);
                states.put(id, t.state());
                for (Action a : t.actions()) {
                    if (a instanceof Action.AcquireVips) {
                        held.put(id, true);
                    } else if (a instanceof Action.ReleaseVips) {
                        held.put(id, false);
                    } else if (a instanceof Action.Publish p) {
                        published.put(id, p.state());
                        for (String other : linked(id)) {
                            // a member whose probe hears this one takes its state from the packets only
                            boolean heard = probe && hearing.getOrDefault(other, Set.of()).contains(id);
                            if (!other.equals(id) && !heard) {
                                queue.add(new Object[] {other, new Event.PeerState(p.state())});
                            }
                        }
                    } else if (a instanceof Action.StartTimer st) {
                        timers.computeIfAbsent(id, k -> new EnumMap<>(Timer.class)).put(st.timer(), st.token());
                    } else if (a instanceof Action.SendHandoverRequest h) {
                        for (String other : linked(id)) {
                            if (!other.equals(id)) {
                                queue.add(new Object[] {other, new Event.HandoverRequested(h.to(), true)});
                            }
                        }
                    }
                }
            }
        }

        /** Lets time pass: every pending timer fires, until none is left (bounded). */
        void settle() {
            for (int round = 0; round < 10; round++) {
                List<Object[]> due = new ArrayList<>();
                timers.forEach((id, byKind) -> byKind.forEach((kind, token) ->
                        due.add(new Object[] {id, new Event.TimerFired(kind, token)})));
                timers.clear();
                if (due.isEmpty()) {
                    return;
                }
                due.forEach(queue::add);
                drain();
            }
        }

        /** With three members or more: at most one master anywhere. */
        void checkOneMasterAtMost(String context) {
            if (specs.size() >= 3) {
                assertThat(states.values().stream().filter(st -> st.role() == Role.MASTER).count())
                        .as(context + " masters across all partitions").isLessThanOrEqualTo(1);
            }
        }

        /** The link probe of each member suspects the members on the other side of the cut. */
        void probeSeesCut() {
            for (String id : new ArrayList<>(states.keySet())) {
                Set<String> silent = states.keySet().stream()
                        .filter(o -> !cut.getOrDefault(o, 0).equals(cut.getOrDefault(id, 0)))
                        .collect(Collectors.toSet());
                deliver(id, new Event.LinkSuspects(silent));
            }
        }

        void check(String context) {
            // with the probe, members meet across group partitions; only a cut parts them
            Map<Integer, List<String>> sides = states.keySet().stream()
                    .collect(Collectors.groupingBy(id -> probe ? cut.getOrDefault(id, 0) : partition.get(id)));
            int quorum = specs.size() <= 2 ? 1 : specs.size() / 2 + 1; // majority; two members: one suffices
            checkOneMasterAtMost(context);
            for (List<String> side : sides.values()) {
                List<String> masters = side.stream().filter(id -> states.get(id).role() == Role.MASTER).toList();
                List<String> holders = side.stream().filter(held::get).toList();
                boolean healthyDirector = side.stream().anyMatch(id -> specs.stream()
                        .anyMatch(s -> s.id().equals(id) && s.role() == MemberRole.DIRECTOR)
                        && states.get(id).fault().isEmpty() && states.get(id).acquireFault().isEmpty());
                boolean anySuspicion = side.stream().anyMatch(id -> !states.get(id).suspects().isEmpty());
                String where = context + " side " + side + " roles " + side.stream()
                        .map(id -> id + "=" + states.get(id).role()).toList();
                if (side.size() >= quorum && healthyDirector && !anySuspicion) {
                    assertThat(masters).as(where).hasSize(1);
                } else {
                    assertThat(masters).as(where).hasSizeLessThanOrEqualTo(side.size() >= quorum ? 1 : 0);
                }
                assertThat(holders).as(where).isEqualTo(masters);
                for (String id : side) {
                    assertThat(states.get(id).role()).as(where).isNotEqualTo(Role.INIT);
                }
            }
        }
    }

    private void run(List<Op> script, List<Spec> specs, boolean preempt) {
        run(script, specs, preempt, false);
    }

    private void run(List<Op> script, List<Spec> specs, boolean preempt, boolean probe) {
        Sim sim = new Sim(specs, preempt, probe);
        specs.forEach(sim::start);
        sim.settle();
        sim.check("after start");
        List<String> done = new ArrayList<>();
        for (Op op : script) {
            Spec s = sim.spec(op.target());
            switch (op.kind()) {
                case "crash" -> sim.crash(s.id());
                case "start" -> sim.start(s);
                case "fault" -> {
                    if (sim.states.containsKey(s.id())) {
                        sim.deliver(s.id(), new Event.HealthChanged(Optional.of("down")));
                    }
                }
                case "heal-fault" -> {
                    if (sim.states.containsKey(s.id())) {
                        sim.deliver(s.id(), new Event.HealthChanged(Optional.empty()));
                    }
                }
                case "partition" -> {
                    for (int i = 0; i < specs.size(); i++) {
                        sim.partition.put(specs.get(i).id(), (op.arg() >> i) & 1);
                    }
                    sim.views();
                }
                case "heal" -> {
                    specs.forEach(x -> sim.partition.put(x.id(), 0));
                    sim.views();
                }
                case "handover" -> {
                    if (sim.states.containsKey(s.id())) {
                        Optional<String> to = op.arg() % 2 == 0 ? Optional.empty()
                                : Optional.of(sim.spec(op.arg()).id());
                        sim.deliver(s.id(), new Event.HandoverRequested(to, false));
                    }
                }
                case "suspect" -> {
                    // a link-probe suspicion comes and goes (a false one): it must not leave two masters
                    if (sim.states.containsKey(s.id())) {
                        sim.deliver(s.id(), new Event.LinkSuspects(Set.of(sim.spec(op.arg()).id())));
                        sim.settle();
                        sim.deliver(s.id(), new Event.LinkSuspects(Set.of()));
                    }
                }
                case "cut" -> {
                    // the link is cut, then heals: first the target's probe hears the others again (and the
                    // messages flow), then theirs hear it; the group view never changes
                    for (int i = 0; i < specs.size(); i++) {
                        sim.cut.put(specs.get(i).id(), (op.arg() >> i) & 1);
                    }
                    sim.probeSeesCut();
                    sim.settle();
                    sim.checkOneMasterAtMost(done + " cut " + sim.cut);
                    sim.cut.clear();
                    if (sim.states.containsKey(s.id())) {
                        sim.deliver(s.id(), new Event.LinkSuspects(Set.of()));
                        sim.settle();
                        if (!probe) {
                            // with the probe the halfway state lasts one interval at most: a member ends its
                            // suspicion once the other's packets say they hear it, so both sides end theirs
                            // within an interval of each other (a master releases then, to a newer claim)
                            sim.checkOneMasterAtMost(done + " " + s.id() + " hears the others again");
                        }
                    }
                    sim.probeSeesCut();
                }
                default -> throw new IllegalStateException(op.kind());
            }
            sim.settle();
            done.add(op.kind() + ":" + s.id() + ":" + op.arg());
            sim.check(done.toString());
        }
    }
}
