package io.director.failover.runtime;

import io.director.config.model.Endpoint;
import io.director.failover.core.LinkMonitor;
import io.director.failover.core.MemberState;
import io.director.failover.wire.MalformedMessageException;
import io.director.failover.wire.ProbeCodec;
import io.director.failover.wire.ProbePacket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * BFD-style link probe beside the group channel: every interval a small UDP datagram to each configured member
 * (same address and port number as the cluster's TCP bind, but UDP), saying which members this one hears and
 * carrying this member's state as last published (sent at once when it changes). When the set of suspected peers
 * ({@link LinkMonitor}) changes, the listener is told; a peer's state, when it changed or the peer is heard again
 * after a suspicion, goes to the state listener before the suspicion ends. A peer silent for half of
 * interval x multiplier is knocked on: an ICMP echo (a TCP connection to its echo port where this process may not
 * send ICMP; a refusal is an answer too) that its kernel answers however stalled its JVM. No answer within the
 * other half and it is suspected; an answer gives it up to {@code maxDetect}. The election only acts on a
 * suspicion with a majority's agreement.
 */
final class LinkProbe implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LinkProbe.class);
    /** Not a member id (those are configured names); its knock's outcome matches no peer and is dropped. */
    private static final String REHEARSAL = "";
    private final String cluster;
    private final String nodeId;
    private final List<InetSocketAddress> peers;
    private final ProbeCodec codec;
    private final Ticker ticker;
    private final Duration interval;
    private final LinkMonitor monitor;
    private final Consumer<Set<String>> listener;
    private final Consumer<Set<String>> hearingListener;
    private final Supplier<Optional<MemberState>> ownState;
    private final Consumer<MemberState> stateListener;
    private volatile Set<String> lastHearing = Set.of();
    /** The state each peer's packets carried last, as told to the state listener (probe thread only). */
    private final Map<String, MemberState> peerStates = new HashMap<>();
    private volatile boolean sendNow;
    private final DatagramChannel socket;
    /**
     * Wakes the probe thread when a packet arrives, a knock ends or the next send or change of judgement is due
     * ({@link LinkMonitor#nextChange}): every arrival is timed and every knock starts when due, without waking
     * every few milliseconds to look (a 5 ms tick cost a third to half of the lab guest's one CPU).
     */
    private final Selector selector;
    private final Thread thread;
    /** Knocks block (InetAddress.isReachable), so they wait on threads of their own. */
    private final ExecutorService knocker;
    /** Where each peer's probe packets come from: the host to knock on. */
    private final Map<String, InetAddress> hosts = new ConcurrentHashMap<>();
    private final ByteBuffer buffer = ByteBuffer.allocate(65536);
    private final DropThrottle drops = new DropThrottle(10_000_000_000L);
    private long lastLoop;
    private Set<String> lastSuspects = Set.of();
    private volatile boolean closed;

    LinkProbe(String cluster, String nodeId, Endpoint bind, List<Endpoint> members, ProbeCodec codec, Ticker ticker,
              Duration interval, int multiplier, Duration maxDetect, Consumer<Set<String>> listener,
              Consumer<Set<String>> hearingListener, Supplier<Optional<MemberState>> ownState,
              Consumer<MemberState> stateListener) throws IOException {
        this.cluster = cluster;
        this.nodeId = nodeId;
        this.peers = members.stream().filter(m -> !m.equals(bind))
                .map(m -> new InetSocketAddress(m.address(), m.port())).toList();
        this.codec = codec;
        this.ticker = ticker;
        this.interval = interval;
        long detect = interval.multipliedBy(multiplier).toNanos();
        this.monitor = new LinkMonitor(nodeId, detect, Math.max(detect, maxDetect.toNanos()));
        this.listener = listener;
        this.hearingListener = hearingListener;
        this.ownState = ownState;
        this.stateListener = stateListener;
        this.socket = DatagramChannel.open();
        socket.bind(new InetSocketAddress(bind.address(), bind.port()));
        socket.configureBlocking(false);
        this.selector = Selector.open();
        socket.register(selector, SelectionKey.OP_READ);
        this.thread = Threads.urgent(this::run, "link-probe-" + nodeId);
        this.knocker = Executors.newCachedThreadPool(r -> Threads.urgent(r, "link-knock-" + nodeId));
    }

    void start() {
        // a knock on this host first: the first real one should not pay for loading its code (see Rehearsal)
        hosts.put(REHEARSAL, InetAddress.getLoopbackAddress());
        knock(REHEARSAL, 0);
        hosts.remove(REHEARSAL);
        thread.start();
    }

    /** This member's state changed: send it now rather than at the next interval. */
    void stateChanged() {
        sendNow = true;
        selector.wakeup();
    }

    /** Whether the probe hears {@code peer} now (its packets carry its state). */
    boolean hears(String peer) {
        return lastHearing.contains(peer);
    }

    private void run() {
        long nextSend = ticker.nanoTime();
        while (!closed) {
            try {
                long now = ticker.nanoTime();
                nextSend = step(now, nextSend);
                long next;
                synchronized (monitor) {
                    next = Math.min(nextSend, monitor.nextChange(now));
                }
                long wait = next - ticker.nanoTime();
                if (wait > 0) {
                    selector.select(Math.max(1, (wait + 999_999) / 1_000_000));
                } else {
                    selector.selectNow();
                }
                selector.selectedKeys().clear();
            } catch (IOException | RuntimeException e) {
                if (!closed) {
                    LOG.error("{}: link probe step failed", nodeId, e);
                    LockSupport.parkNanos(interval.toNanos()); // not a busy loop if it keeps failing
                }
            }
        }
    }

    /** Receives, judges, sends when due and starts the knocks due; returns when to send next. */
    private long step(long now, long nextSend) {
        // one thread receives and judges, so a starved probe thread is caught by the pause compensation
        synchronized (monitor) {
            long late = lastLoop == 0 ? 0 : now - lastLoop - 2 * interval.toNanos();
            if (late > 0) {
                monitor.paused(late); // this member was not scheduled: its silence, not the peers'
            }
            lastLoop = now;
        }
        receiveAll(now);
        Set<String> hearing = judge(now);
        if (sendNow) {
            sendNow = false;
            send(hearing);
        }
        if (now >= nextSend) {
            send(hearing);
            nextSend += interval.toNanos();
            if (nextSend <= now) {
                nextSend = now + interval.toNanos(); // late: the next one an interval from now, not a burst
            }
        }
        Map<String, Long> knocks;
        synchronized (monitor) {
            knocks = monitor.knocksDue(now);
        }
        knocks.forEach(this::knock);
        return nextSend;
    }

    private void send(Set<String> hearing) {
        byte[] data = codec.encode(new ProbePacket(cluster, nodeId, hearing, ownState.get()));
        for (InetSocketAddress peer : peers) {
            try {
                socket.send(ByteBuffer.wrap(data), peer);
            } catch (IOException e) {
                // unreachable peer (e.g. link down): the silence is what the peer's monitor detects
            }
        }
    }

    /** Tells the listeners what changed; returns the peers heard. Runs on the probe thread only. */
    private Set<String> judge(long now) {
        Set<String> hearing;
        Set<String> suspects;
        synchronized (monitor) {
            hearing = monitor.hearing(now);
            suspects = monitor.suspects(now);
        }
        if (!hearing.equals(lastHearing)) {
            lastHearing = hearing;
            hearingListener.accept(hearing);
        }
        if (!suspects.equals(lastSuspects)) {
            for (String id : suspects) {
                if (!lastSuspects.contains(id)) {
                    peerStates.remove(id); // its first packet after the suspicion tells its state again
                }
            }
            lastSuspects = suspects;
            listener.accept(suspects); // before the log line, which may take a while to write
            LOG.info("{}: link probe suspects {} ({})", nodeId, suspects, silences(now));
        }
        return hearing;
    }

    /**
     * Knocks on the peer's host and reports the outcome. A knock that took much longer than it may wait proves
     * nothing: this member was not running meanwhile (its echo may have left late), so it is repeated.
     */
    private void knock(String peer, long number) {
        InetAddress host = hosts.get(peer);
        long wait = monitor.knockNanos();
        if (host == null || closed) {
            return;
        }
        knocker.execute(() -> {
            long start = ticker.nanoTime();
            boolean answered;
            try {
                answered = host.isReachable((int) Math.max(1, wait / 1_000_000));
            } catch (IOException e) {
                answered = false;
            }
            long took = ticker.nanoTime() - start;
            synchronized (monitor) {
                if (answered) {
                    monitor.knockAnswered(peer, number, ticker.nanoTime());
                } else if (took > 2 * wait) {
                    monitor.knockInconclusive(peer, number);
                } else {
                    monitor.knockFailed(peer, number);
                }
            }
            // judged before anything is logged: a log line written while the guest is busy took 10-48 ms in drills
            selector.wakeup();
            if (answered && !peer.equals(REHEARSAL)) {
                // a peer whose process stalls while its host runs: common under load (several a second), so debug only
                LOG.debug("{}: {} ({}) silent, its host answered a knock in {} ms", nodeId, peer, host.getHostAddress(),
                        String.format(Locale.ROOT, "%.1f", took / 1e6));
            } else if (!answered) {
                LOG.info("{}: {} ({}) silent and its host did not answer a knock within {} ms{}", nodeId, peer,
                        host.getHostAddress(), took / 1_000_000, took > 2 * wait ? " (late: knocking again)" : "");
            }
        });
    }

    private String silences(long now) {
        synchronized (monitor) {
            return monitor.silences(now).toString();
        }
    }

    private void receiveAll(long now) {
        while (!closed) {
            buffer.clear();
            SocketAddress from;
            try {
                from = socket.receive(buffer);
            } catch (IOException e) {
                LOG.debug("{}: link probe receive failed: {}", nodeId, e.toString());
                return;
            }
            if (from == null) {
                return;
            }
            try {
                if (!peers.contains(from)) {
                    throw new MalformedMessageException("not from a configured member's address");
                }
                ProbePacket p = codec.decode(buffer.array(), buffer.position());
                if (p.nodeId().equals(nodeId)) {
                    throw new MalformedMessageException("a packet with this member's own name");
                }
                if (!p.cluster().equals(cluster)) {
                    LOG.debug("{}: dropped probe of cluster {} from {}", nodeId, p.cluster(), from);
                    continue;
                }
                if (from instanceof InetSocketAddress source) {
                    hosts.put(p.nodeId(), source.getAddress());
                }
                synchronized (monitor) {
                    monitor.heard(p.nodeId(), p.hears(), now);
                }
                if (p.state().isPresent() && !p.state().get().equals(peerStates.get(p.nodeId()))) {
                    peerStates.put(p.nodeId(), p.state().get());
                    stateListener.accept(p.state().get());
                }
            } catch (MalformedMessageException e) {
                long unlogged = drops.drop(from, now);
                if (unlogged >= 0) {
                    LOG.warn("{}: dropped probe packet from {}: {}{}", nodeId, from, e.getMessage(),
                            unlogged > 0 ? " (and " + unlogged + " more since the last line; one line per 10 s)" : "");
                }
            }
        }
    }

    @Override
    public void close() {
        if (!closed) {
            send(lastHearing); // the last state (stopped) now: the probe thread may not send again
        }
        closed = true;
        knocker.shutdownNow();
        selector.wakeup();
        try {
            thread.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            selector.close();
            socket.close();
        } catch (IOException e) {
            LOG.debug("{}: closing the probe socket: {}", nodeId, e.toString());
        }
    }
}
