package io.director.failover.runtime;

import io.director.config.model.ClusterConfig;
import io.director.failover.core.Action;
import io.director.failover.core.Decision;
import io.director.failover.core.Event;
import io.director.failover.core.FailoverStateMachine;
import io.director.failover.core.MemberState;
import io.director.failover.core.NodeState;
import io.director.failover.core.Role;
import io.director.failover.core.Settings;
import io.director.failover.core.Transition;
import io.director.failover.jgroups.ClusterKey;
import io.director.failover.jgroups.StackBuilder;
import io.director.failover.port.Ports;
import io.director.failover.wire.ClusterMessage;
import io.director.failover.wire.ClusterMessageCodec;
import io.director.failover.wire.MalformedMessageException;
import io.director.failover.wire.ProbeCodec;
import org.jgroups.Address;
import org.jgroups.BytesMessage;
import org.jgroups.JChannel;
import org.jgroups.Message;
import org.jgroups.Receiver;
import org.jgroups.View;
import org.jgroups.util.NameCache;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * One cluster member: the JGroups channel, the link probe and the single-threaded controller that feeds their
 * events into the {@link FailoverStateMachine} and executes its actions through the {@link Ports}. Every state
 * change happens on the controller thread; the public methods only post to it.
 */
public final class FailoverNode implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FailoverNode.class);

    private final ClusterConfig cluster;
    private final String nodeId;
    private final Ports ports;
    private final Ticker ticker;
    private final FailoverOptions options;
    private final FailoverStateMachine machine;
    private final Optional<ClusterKey> key;
    private final ScheduledExecutorService controller;
    private final ScheduledExecutorService checker;
    private NodeState state = NodeState.initial();
    /** This member's state as last published: the link probe's packets carry it. */
    private volatile Optional<MemberState> published = Optional.empty();
    /** The state each peer's probe packets carried last (controller thread only). */
    private final Map<String, MemberState> probeStates = new HashMap<>();
    private volatile ClusterView view;
    private volatile JChannel channel;
    private volatile LinkProbe probe;
    private Optional<String> lastFault = Optional.empty();
    private PendingHandover pending;
    private volatile boolean started;
    private volatile boolean closed;

    /** A handover asked of this member, in flight. */
    private record PendingHandover(CompletableFuture<HandoverResult> future, long startNanos,
                                   Optional<String> previousMaster, boolean local, long[] takeoverNanos) {
    }

    /** With the link probe's timing from the configuration and production defaults for the rest. */
    public FailoverNode(ClusterConfig cluster, String nodeId, Ports ports, Ticker ticker) {
        this(cluster, nodeId, ports, ticker, FailoverOptions.defaults().withProbe(cluster.linkProbeInterval(), cluster.linkProbeMultiplier()));
    }

    public FailoverNode(ClusterConfig cluster, String nodeId, Ports ports, Ticker ticker, FailoverOptions options) {
        this.cluster = cluster;
        this.nodeId = nodeId;
        this.ports = ports;
        this.ticker = ticker;
        this.options = options;
        this.machine = new FailoverStateMachine(
                Settings.of(cluster, nodeId, options.handoverTimeout(), options.faultHold()));
        try {
            this.key = cluster.keyFile().isPresent()
                    ? Optional.of(ClusterKey.read(cluster.keyFile().get())) : Optional.empty();
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("cannot read cluster key: " + e.getMessage(), e);
        }
        this.controller = Executors.newSingleThreadScheduledExecutor(r -> Threads.urgent(r, "failover-" + nodeId));
        this.checker = Executors.newSingleThreadScheduledExecutor(r -> Threads.daemon(r, "failover-check-" + nodeId));
        this.view = snapshot();
    }

    /** Joins the cluster; returns once connected (at most about the join timeout when alone). */
    public void start() throws Exception {
        if (started) {
            throw new IllegalStateException("already started");
        }
        started = true;
        Rehearsal.run(machine.settings());
        call(() -> apply(new Event.Start()));
        if (!options.probeInterval().isZero()) {
            Function<byte[], byte[]> mac = data -> key.get().probeMac(data, 0, data.length);
            probe = new LinkProbe(cluster.name(), nodeId, cluster.bind(), cluster.members(),
                    new ProbeCodec(key.isPresent() ? Optional.of(mac) : Optional.empty()), ticker,
                    options.probeInterval(), options.probeMultiplier(), heartbeatTimeout(),
                    suspects -> post(new Event.LinkSuspects(suspects)),
                    hearing -> post(new Event.LinkHears(hearing)),
                    () -> published,
                    peer -> post(() -> {
                        probeStates.put(peer.nodeId(), peer);
                        apply(new Event.PeerState(peer));
                    }));
            probe.start();
        }
        channel = new JChannel(StackBuilder.build(cluster, key)).name(nodeId);
        channel.setReceiver(new Receiver() {
            @Override
            public void receive(Message msg) {
                onMessage(msg);
            }

            @Override
            public void viewAccepted(View v) {
                Set<String> ids = new HashSet<>();
                for (Address a : v.getMembers()) {
                    ids.add(nameOf(a));
                }
                LOG.info("{}: view {}", nodeId, v);
                post(new Event.ViewChanged(ids));
            }
        });
        channel.connect(cluster.name());
        checker.scheduleWithFixedDelay(this::pollSelfCheck, 0, options.selfCheckInterval().toMillis(),
                TimeUnit.MILLISECONDS);
    }

    public Role role() {
        return view.role();
    }

    /** The group's own silence limit: the link probe never waits longer than the heartbeats would. */
    private Duration heartbeatTimeout() {
        Duration t = cluster.heartbeatTimeout();
        return t == null || t.isNegative() ? Duration.ZERO : t;
    }

    public ClusterView view() {
        return view;
    }

    /**
     * Graceful handover: the master names a successor (the given one, else the best healthy director), the
     * successor takes the VIPs, then the master releases them. Asked of a member that is not master, the request
     * goes to the master. Completes with the measured times; never exceptionally.
     */
    public CompletableFuture<HandoverResult> handover(Optional<String> toNode) {
        CompletableFuture<HandoverResult> future = new CompletableFuture<>();
        post(() -> startHandover(toNode, future));
        return future;
    }

    /** Leaves the cluster: a master with a live peer hands over first, then releases its VIPs. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (started && role() == Role.MASTER) {
            try {
                HandoverResult r = handover(Optional.empty())
                        .get(options.handoverTimeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
                LOG.info("{}: handover before leaving: {}", nodeId, r.detail());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                LOG.warn("{}: handover before leaving failed: {}", nodeId, e.toString());
            }
        }
        try {
            call(() -> apply(new Event.Stop()));
        } catch (RuntimeException e) {
            LOG.warn("{}: stopping: {}", nodeId, e.toString());
        }
        shutdown();
    }

    /** Simulates a crash for tests: the channel and probe vanish, no VIP is released, no state is published. */
    void crash() {
        closed = true;
        if (channel != null) {
            // like kill -9: sockets close, but no goodbye reaches the others
            try {
                channel.getProtocolStack().insertProtocol(new org.jgroups.protocols.DISCARD().discardAll(true),
                        org.jgroups.stack.ProtocolStack.Position.ABOVE, org.jgroups.protocols.TP.class);
            } catch (Exception e) {
                LOG.warn("{}: cannot insert DISCARD: {}", nodeId, e.toString());
            }
        }
        shutdown();
    }

    private void shutdown() {
        checker.shutdownNow();
        if (probe != null) {
            probe.close();
        }
        if (channel != null) {
            channel.close();
        }
        controller.shutdown();
        try {
            controller.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- controller thread ----

    private void apply(Event event) {
        step(event);
        if (event instanceof Event.LinkSuspects l) {
            probeStates.keySet().removeAll(l.suspects()); // its packets tell its state again once heard
        }
        if (event instanceof Event.ViewChanged || event instanceof Event.LinkHears || event instanceof Event.LinkSuspects) {
            // a member heard again, or outside the view, whose state the machine let go while its packets
            // carried no news (the probe tells a state once, on change)
            for (MemberState peer : List.copyOf(probeStates.values())) {
                if (state.hears().contains(peer.nodeId()) && !peer.equals(state.known().get(peer.nodeId()))) {
                    step(new Event.PeerState(peer));
                }
            }
        }
    }

    private void step(Event event) {
        Transition t = machine.step(state, event);
        state = t.state();
        for (Action action : t.actions()) {
            execute(action);
        }
        view = snapshot();
        watchHandover();
    }

    private void execute(Action action) {
        if (action instanceof Action.AcquireVips) {
            try {
                ports.vips().acquire();
            } catch (Exception e) {
                LOG.error("{}: cannot add the VIPs: {}", nodeId, e.toString());
                post(new Event.AcquireFailed("VIP cannot be added: " + e.getMessage()));
            }
        } else if (action instanceof Action.ReleaseVips) {
            try {
                ports.vips().release();
            } catch (Exception e) {
                LOG.error("{}: cannot remove the VIPs: {}", nodeId, e.toString());
            }
        } else if (action instanceof Action.SyncAsMaster) {
            guarded("sync master", () -> ports.sync().becomeMaster());
        } else if (action instanceof Action.SyncAsBackup) {
            guarded("sync backup", () -> ports.sync().becomeBackup());
        } else if (action instanceof Action.Notify n) {
            LOG.info("{}: {} -> {} ({})", nodeId, n.from(), n.to(), n.reason());
            guarded("notify", () -> ports.notifier().roleChanged(n.from(), n.to(), n.reason()));
        } else if (action instanceof Action.Publish p) {
            published = Optional.of(p.state());
            if (probe != null) {
                probe.stateChanged();
            }
            send(new ClusterMessage.StateMessage(cluster.name(), p.state()));
        } else if (action instanceof Action.StartTimer t) {
            controller.schedule(() -> post(new Event.TimerFired(t.timer(), t.token())),
                    t.delay().toNanos(), TimeUnit.NANOSECONDS);
        } else if (action instanceof Action.SendHandoverRequest h) {
            send(new ClusterMessage.HandoverRequest(cluster.name(), nodeId, h.to()));
        } else if (action instanceof Action.HandoverFinished f) {
            if (pending != null && pending.local()) {
                if (f.newMaster().isPresent() && pending.takeoverNanos()[0] == 0) {
                    pending.takeoverNanos()[0] = ticker.nanoTime(); // the successor's claim arrived in this step
                }
                Optional<Duration> takeover = pending.takeoverNanos()[0] == 0 ? Optional.empty()
                        : Optional.of(Duration.ofNanos(pending.takeoverNanos()[0] - pending.startNanos()));
                pending.future().complete(new HandoverResult(f.newMaster().isPresent(), Optional.of(nodeId),
                        f.newMaster(), takeover, Duration.ofNanos(ticker.nanoTime() - pending.startNanos()),
                        f.detail()));
                pending = null;
            }
        }
    }

    private void startHandover(Optional<String> to, CompletableFuture<HandoverResult> future) {
        if (pending != null) {
            future.complete(failed("another handover is in progress", Optional.empty()));
            return;
        }
        Optional<String> master = view.master();
        boolean local = state.role() == Role.MASTER;
        if (!local && masterClaimer().isEmpty()) {
            future.complete(failed("no master to hand over from", Optional.empty()));
            return;
        }
        pending = new PendingHandover(future, ticker.nanoTime(), local ? Optional.of(nodeId) : masterClaimer(),
                local, new long[1]);
        long deadline = options.handoverTimeout().toMillis() + 1000;
        controller.schedule(() -> {
            if (pending != null && pending.future() == future) {
                pending = null;
                future.complete(failed("no handover within " + deadline + " ms", master));
            }
        }, deadline, TimeUnit.MILLISECONDS);
        apply(new Event.HandoverRequested(to, false));
    }

    /** Follows a handover: records when the successor claims, and completes a remote one once the old master let go. */
    private void watchHandover() {
        if (pending == null) {
            return;
        }
        Optional<String> claimer = masterClaimer();
        if (pending.takeoverNanos()[0] == 0 && claimer.isPresent() && !claimer.equals(pending.previousMaster())) {
            pending.takeoverNanos()[0] = ticker.nanoTime();
        }
        if (!pending.local() && pending.takeoverNanos()[0] != 0) {
            boolean oldReleased = pending.previousMaster()
                    .map(old -> old.equals(nodeId) ? state.role() != Role.MASTER
                            : Optional.ofNullable(state.known().get(old)).map(m -> !m.claimsMaster()).orElse(true))
                    .orElse(true);
            if (oldReleased && claimer.isPresent()) {
                long now = ticker.nanoTime();
                pending.future().complete(new HandoverResult(true, pending.previousMaster(), claimer,
                        Optional.of(Duration.ofNanos(pending.takeoverNanos()[0] - pending.startNanos())),
                        Duration.ofNanos(now - pending.startNanos()), "handed over"));
                pending = null;
            }
        }
    }

    /** The member claiming mastership with the highest term (this one included), if any. */
    private Optional<String> masterClaimer() {
        MemberState best = state.role() == Role.MASTER ? machine.self(state) : null;
        for (MemberState m : state.peers()) {
            if (m.claimsMaster() && (best == null || m.term() > best.term())) {
                best = m;
            }
        }
        return Optional.ofNullable(best).map(MemberState::nodeId);
    }

    private HandoverResult failed(String detail, Optional<String> master) {
        return new HandoverResult(false, master, Optional.empty(), Optional.empty(), Duration.ZERO, detail);
    }

    private void onMessage(Message msg) {
        if (channel != null && msg.getSrc() != null && msg.getSrc().equals(channel.getAddress())) {
            return;
        }
        String sender = msg.getSrc() == null ? "?" : nameOf(msg.getSrc());
        ClusterMessage m;
        try {
            m = ClusterMessageCodec.decode(msg.getArray() == null ? null : copy(msg));
        } catch (MalformedMessageException | RuntimeException e) {
            LOG.warn("{}: dropped cluster message from {}: {}", nodeId, sender, e.getMessage());
            return;
        }
        if (!m.cluster().equals(cluster.name())) {
            LOG.warn("{}: dropped message of foreign cluster '{}' from {}", nodeId, m.cluster(), sender);
            return;
        }
        if (m instanceof ClusterMessage.StateMessage s) {
            if (!s.state().nodeId().equals(sender)) {
                LOG.warn("{}: dropped state of '{}' sent by {}", nodeId, s.state().nodeId(), sender);
                return;
            }
            LinkProbe p = probe;
            if (p != null && p.hears(sender)) {
                // the probe's packets carry its state, current to the interval; the group's messages may be
                // late (retransmitted from before a cut), and an older state would undo a newer one
                return;
            }
            post(new Event.PeerState(s.state()));
        } else if (m instanceof ClusterMessage.HandoverRequest h) {
            post(new Event.HandoverRequested(h.to(), true));
        }
    }

    private static byte[] copy(Message msg) {
        byte[] a = new byte[msg.getLength()];
        System.arraycopy(msg.getArray(), msg.getOffset(), a, 0, msg.getLength());
        return a;
    }

    private void send(ClusterMessage message) {
        JChannel ch = channel;
        if (ch == null || !ch.isConnected()) {
            return; // the view change after connecting publishes again
        }
        try {
            ch.send(new BytesMessage(null, ClusterMessageCodec.encode(message)));
        } catch (Exception e) {
            LOG.warn("{}: cannot send to the cluster: {}", nodeId, e.toString());
        }
    }

    private void pollSelfCheck() {
        Optional<String> fault;
        try {
            fault = ports.selfCheck().fault();
        } catch (RuntimeException e) {
            fault = Optional.of("self-check failed: " + e);
        }
        if (!fault.equals(lastFault)) {
            lastFault = fault;
            post(new Event.HealthChanged(fault));
        }
    }

    private ClusterView snapshot() {
        Decision decision = machine.decide(state);
        List<ClusterView.Member> members = new ArrayList<>();
        MemberState me = machine.self(state);
        members.add(member(me, false));
        for (MemberState peer : state.peers()) {
            members.add(member(peer, state.suspects().contains(peer.nodeId())));
        }
        Optional<String> master = masterClaimer();
        return new ClusterView(nodeId, state.role(), master, state.lastReason() + " (" + decision.reason() + ")",
                members);
    }

    private static ClusterView.Member member(MemberState m, boolean suspected) {
        return new ClusterView.Member(m.nodeId(), m.memberRole(), m.role(), m.priority(), m.term(), suspected);
    }

    private void post(Event event) {
        post(() -> apply(event));
    }

    private void post(Runnable task) {
        try {
            controller.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.error("{}: controller task failed", nodeId, e);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // closed: late events are dropped
        }
    }

    private void call(Runnable task) {
        try {
            controller.submit(task).get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // already shut down
        }
    }

    private void guarded(String what, Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            LOG.error("{}: {} failed: {}", nodeId, what, e.toString());
        }
    }

    private static String nameOf(Address a) {
        String name = NameCache.get(a);
        return name != null ? name : a.toString();
    }
}
