package io.director.failover.runtime;

import io.director.config.model.Endpoint;
import io.director.failover.core.LinkMonitor;
import io.director.failover.wire.MalformedMessageException;
import io.director.failover.wire.ProbeCodec;
import io.director.failover.wire.ProbePacket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * BFD-style link probe beside the group channel: every interval a small UDP datagram to each configured member
 * (same address and port number as the cluster's TCP bind, but UDP), saying which members this one hears. When
 * the set of suspected peers ({@link LinkMonitor}) changes, the listener is told. Detection takes interval x
 * multiplier instead of the group's heartbeat timeout, up to {@code maxDetect} for a peer that recently showed
 * long silences; the election only acts on it with a majority's agreement.
 */
final class LinkProbe implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LinkProbe.class);
    /** How long a peer's long silence keeps its detection time up (see {@link LinkMonitor}). */
    static final Duration SILENCE_MEMORY = Duration.ofSeconds(60);
    /** A peer's start: its first 20 s of probes (a JVM loads and compiles the most then). */
    static final Duration STARTUP = Duration.ofSeconds(20);
    /** How long a silence during a peer's start keeps its detection time up. */
    static final Duration STARTUP_SILENCE_MEMORY = Duration.ofSeconds(10);
    private final String cluster;
    private final String nodeId;
    private final List<InetSocketAddress> peers;
    private final ProbeCodec codec;
    private final Ticker ticker;
    private final Duration interval;
    private final LinkMonitor monitor;
    private final Consumer<Set<String>> listener;
    private final Consumer<Set<String>> hearingListener;
    private Set<String> lastHearing = Set.of();
    private final DatagramChannel socket;
    private final ScheduledExecutorService sender;
    private final ByteBuffer buffer = ByteBuffer.allocate(2048);
    private long sequence;
    private long lastTick;
    private Set<String> lastSuspects = Set.of();
    private volatile boolean closed;

    LinkProbe(String cluster, String nodeId, Endpoint bind, List<Endpoint> members, ProbeCodec codec, Ticker ticker,
              Duration interval, int multiplier, Duration maxDetect, Consumer<Set<String>> listener,
              Consumer<Set<String>> hearingListener) throws IOException {
        this.cluster = cluster;
        this.nodeId = nodeId;
        this.peers = members.stream().filter(m -> !m.equals(bind))
                .map(m -> new InetSocketAddress(m.address(), m.port())).toList();
        this.codec = codec;
        this.ticker = ticker;
        this.interval = interval;
        long detect = interval.multipliedBy(multiplier).toNanos();
        this.monitor = new LinkMonitor(nodeId, detect, Math.max(detect, maxDetect.toNanos()), SILENCE_MEMORY.toNanos(),
                STARTUP.toNanos() / interval.toNanos(), STARTUP_SILENCE_MEMORY.toNanos());
        this.listener = listener;
        this.hearingListener = hearingListener;
        this.socket = DatagramChannel.open();
        socket.bind(new InetSocketAddress(bind.address(), bind.port()));
        socket.configureBlocking(false);
        this.sender = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "link-probe-" + nodeId));
    }

    void start() {
        sender.scheduleAtFixedRate(this::tick, 0, interval.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void tick() {
        try {
            long now = ticker.nanoTime();
            Set<String> hearing;
            Set<String> suspects;
            // one thread receives and judges, so a starved probe thread is caught by the pause compensation
            synchronized (monitor) {
                long late = lastTick == 0 ? 0 : now - lastTick - 2 * interval.toNanos();
                if (late > 0) {
                    monitor.paused(late); // this member was not scheduled: its silence, not the peers'
                }
                lastTick = now;
            }
            receiveAll(now);
            synchronized (monitor) {
                hearing = monitor.hearing(now);
                suspects = monitor.suspects(now);
            }
            byte[] data = codec.encode(new ProbePacket(cluster, nodeId, sequence++, ticker.nanoTime(), hearing));
            for (InetSocketAddress peer : peers) {
                try {
                    socket.send(ByteBuffer.wrap(data), peer);
                } catch (IOException e) {
                    // unreachable peer (e.g. link down): the silence is what the peer's monitor detects
                }
            }
            if (!hearing.equals(lastHearing)) {
                lastHearing = hearing;
                hearingListener.accept(hearing);
            }
            if (!suspects.equals(lastSuspects)) {
                lastSuspects = suspects;
                LOG.info("{}: link probe suspects {} (detection times {})", nodeId, suspects, detectTimes(now));
                listener.accept(suspects);
            }
        } catch (RuntimeException e) {
            LOG.error("{}: link probe tick failed", nodeId, e);
        }
    }

    private String detectTimes(long now) {
        StringBuilder sb = new StringBuilder();
        synchronized (monitor) {
            monitor.detectTimes(now).forEach((id, nanos) ->
                    sb.append(sb.length() == 0 ? "" : " ").append(id).append('=').append(nanos / 1_000_000).append("ms"));
        }
        return sb.toString();
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
                ProbePacket p = codec.decode(buffer.array(), buffer.position());
                if (!p.cluster().equals(cluster)) {
                    LOG.debug("{}: dropped probe of cluster {} from {}", nodeId, p.cluster(), from);
                    continue;
                }
                synchronized (monitor) {
                    monitor.heard(p.nodeId(), p.sequence(), p.sentNanos(), p.hears(), now);
                }
            } catch (MalformedMessageException e) {
                LOG.warn("{}: dropped probe packet from {}: {}", nodeId, from, e.getMessage());
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        sender.shutdownNow();
        try {
            socket.close();
        } catch (IOException e) {
            LOG.debug("{}: closing the probe socket: {}", nodeId, e.toString());
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
