package io.director.failover.runtime;

import io.director.config.model.Endpoint;
import io.director.failover.core.LinkMonitor;
import io.director.failover.wire.MalformedMessageException;
import io.director.failover.wire.ProbeCodec;
import io.director.failover.wire.ProbePacket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
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
 * multiplier instead of the group's heartbeat timeout; the election only acts on it with a majority's agreement.
 */
final class LinkProbe implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LinkProbe.class);
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
    private final DatagramSocket socket;
    private final ScheduledExecutorService sender;
    private final Thread receiver;
    private long sequence;
    private long lastTick;
    private Set<String> lastSuspects = Set.of();
    private volatile boolean closed;

    LinkProbe(String cluster, String nodeId, Endpoint bind, List<Endpoint> members, ProbeCodec codec, Ticker ticker,
              Duration interval, int multiplier, Consumer<Set<String>> listener,
              Consumer<Set<String>> hearingListener) throws SocketException {
        this.cluster = cluster;
        this.nodeId = nodeId;
        this.peers = members.stream().filter(m -> !m.equals(bind))
                .map(m -> new InetSocketAddress(m.address(), m.port())).toList();
        this.codec = codec;
        this.ticker = ticker;
        this.interval = interval;
        this.monitor = new LinkMonitor(nodeId, interval.multipliedBy(multiplier).toNanos());
        this.listener = listener;
        this.hearingListener = hearingListener;
        this.socket = new DatagramSocket(new InetSocketAddress(bind.address(), bind.port()));
        this.sender = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "link-probe-send-" + nodeId));
        this.receiver = daemon(this::receiveLoop, "link-probe-recv-" + nodeId);
    }

    void start() {
        receiver.start();
        sender.scheduleAtFixedRate(this::tick, 0, interval.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void tick() {
        try {
            long now = ticker.nanoTime();
            Set<String> hearing;
            Set<String> suspects;
            synchronized (monitor) {
                long late = lastTick == 0 ? 0 : now - lastTick - 2 * interval.toNanos();
                if (late > 0) {
                    monitor.paused(late); // this member was not scheduled: its silence, not the peers'
                }
                lastTick = now;
                hearing = monitor.hearing(now);
                suspects = monitor.suspects(now);
            }
            byte[] data = codec.encode(new ProbePacket(cluster, nodeId, sequence++, hearing));
            for (InetSocketAddress peer : peers) {
                try {
                    socket.send(new DatagramPacket(data, data.length, peer));
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
                LOG.info("{}: link probe suspects {}", nodeId, suspects);
                listener.accept(suspects);
            }
        } catch (RuntimeException e) {
            LOG.error("{}: link probe tick failed", nodeId, e);
        }
    }

    private void receiveLoop() {
        byte[] buffer = new byte[2048];
        while (!closed) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
            } catch (IOException e) {
                if (!closed) {
                    LOG.warn("{}: link probe receive failed: {}", nodeId, e.toString());
                }
                continue;
            }
            try {
                ProbePacket p = codec.decode(packet.getData(), packet.getLength());
                if (!p.cluster().equals(cluster)) {
                    LOG.debug("{}: dropped probe of cluster {} from {}", nodeId, p.cluster(), packet.getSocketAddress());
                    continue;
                }
                synchronized (monitor) {
                    monitor.heard(p.nodeId(), p.hears(), ticker.nanoTime());
                }
            } catch (MalformedMessageException e) {
                LOG.warn("{}: dropped probe packet from {}: {}", nodeId, packet.getSocketAddress(), e.getMessage());
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        sender.shutdownNow();
        socket.close();
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
