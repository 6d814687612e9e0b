package io.director.failover.core;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The decision half of the BFD-style link probe: which peers are up, given when each was last heard and
 * whether it hears this member. Time is passed in (nanoseconds from any fixed origin), never read here.
 * <p>
 * A peer is up when it was heard within its detection time and has not been saying, for longer than that
 * time, that it does not hear this member (a one-way failure counts as down on both ends, but a peer's own
 * brief doubt, on its shorter or fresher detection time, is not taken over). It is suspected once it has been
 * up and is not any more; a peer never yet up is not suspected, so a member that does not run the probe is
 * left to the group's own failure detection.
 * <p>
 * The detection time adapts to each peer: it is the configured time, or twice the longest silence the peer
 * showed within the memory window when that is longer, but never more than the maximum. A peer whose JVM
 * stalls under load (GC, CPU starvation) and comes back was alive all along; the next such stall then does
 * not make it a suspect again, so a loaded pair does not fail over back and forth every few seconds. On a
 * quiet network the window forgets and detection is fast again.
 * <p>
 * A peer's start (its first packets after a restart: class loading, compiling) stalls most, and those stalls
 * say little about how it runs later: they are remembered for a shorter time, so a director that was
 * restarted is detected fast again soon after its start, while its start itself does not make it a suspect.
 */
public final class LinkMonitor {
    /** Detection time as a multiple of the longest recent silence. */
    static final int SLACK = 2;
    private static final int MAX_REMEMBERED = 32;
    private final String self;
    private final long detectNanos;
    private final long maxDetectNanos;
    private final long memoryNanos;
    private final long startupProbes;
    private final long startupMemoryNanos;
    private final Map<String, Peer> peers = new HashMap<>();

    private static final class Peer {
        long lastHeard;
        long sequence;
        /** When it sent its last packet, by its own clock; {@link #UNSTAMPED} when not known. */
        long sent = UNSTAMPED;
        boolean hearsMe;
        /** Since when its packets say it does not hear this member (meaningful while !hearsMe). */
        long deafSince;
        boolean armed;
        /** Notable silences {forgotten at, length}, the longest first (a sliding-window maximum). */
        final Deque<long[]> silences = new ArrayDeque<>();
    }

    /** A fixed detection time. */
    public LinkMonitor(String self, long detectNanos) {
        this(self, detectNanos, detectNanos, 0);
    }

    /**
     * @param detectNanos    detection time on a quiet network
     * @param maxDetectNanos the most it grows to while a peer shows long silences
     * @param memoryNanos    how long a silence is remembered
     */
    public LinkMonitor(String self, long detectNanos, long maxDetectNanos, long memoryNanos) {
        this(self, detectNanos, maxDetectNanos, memoryNanos, 0, memoryNanos);
    }

    /**
     * @param startupProbes      how many packets of a peer's sequence are its start
     * @param startupMemoryNanos how long a silence during a peer's start is remembered (at most {@code memoryNanos})
     */
    public LinkMonitor(String self, long detectNanos, long maxDetectNanos, long memoryNanos, long startupProbes,
            long startupMemoryNanos) {
        if (maxDetectNanos < detectNanos) {
            throw new IllegalArgumentException("maximum detection time below the detection time");
        }
        if (startupMemoryNanos > memoryNanos) {
            throw new IllegalArgumentException("a start's silences remembered longer than the others");
        }
        this.self = self;
        this.detectNanos = detectNanos;
        this.maxDetectNanos = maxDetectNanos;
        this.memoryNanos = memoryNanos;
        this.startupProbes = startupProbes;
        this.startupMemoryNanos = startupMemoryNanos;
    }

    /** A send time that is not known: the silence before the packet is measured by its arrival. */
    public static final long UNSTAMPED = Long.MIN_VALUE;

    /** The next probe packet of {@code peer}'s sequence, listing the members it hears, arrived at {@code now}. */
    public void heard(String peer, Set<String> peerHears, long now) {
        Peer p = peers.get(peer);
        heard(peer, p == null ? 0 : p.sequence + 1, UNSTAMPED, peerHears, now);
    }

    /**
     * A probe packet from {@code peer} with its number {@code sequence} (the peer counts its packets), sent at
     * {@code sentNanos} by the peer's own clock, arrived at {@code now}. Only a silence of the peer itself is a
     * stall and stretches its detection time: the next number came, and by the peer's clock it was sent that
     * much after the one before. A jump in the numbers means packets were lost on the way (a cut link); packets
     * sent on time that arrive late were held on the way (a neighbour entry being resolved again after a link
     * came back queues them); a number that goes back is a restarted peer. None of these says the peer stalls,
     * so a killed or cut-off director is detected as fast the next time.
     */
    public void heard(String peer, long sequence, long sentNanos, Set<String> peerHears, long now) {
        if (peer.equals(self)) {
            return;
        }
        Peer p = peers.get(peer);
        if (p == null) {
            p = new Peer();
            peers.put(peer, p);
        } else if (sequence == p.sequence + 1) {
            long silence = sentNanos != UNSTAMPED && p.sent != UNSTAMPED ? sentNanos - p.sent : now - p.lastHeard;
            remember(p, silence, now + (sequence < startupProbes ? startupMemoryNanos : memoryNanos));
        } else if (sequence <= p.sequence) {
            p.silences.clear(); // a new incarnation: the old one's stalls say nothing about it
        }
        p.sequence = sequence;
        p.sent = sentNanos;
        p.lastHeard = now;
        boolean hears = peerHears.contains(self);
        if (!hears && (p.hearsMe || !p.armed)) {
            p.deafSince = now;
        }
        p.hearsMe = hears;
        if (hears) {
            p.armed = true;
        }
    }

    /**
     * This member itself was not running for {@code nanos} (a GC pause, CPU starvation): the silence it saw
     * in that time says nothing about its peers, so it is not counted.
     */
    public void paused(long nanos) {
        if (nanos > 0) {
            peers.values().forEach(p -> {
                p.lastHeard += nanos;
                p.deafSince += nanos;
            });
        }
    }

    /** The peers heard within their detection time: what this member's own packets report. */
    public Set<String> hearing(long now) {
        Set<String> result = new HashSet<>();
        peers.forEach((id, p) -> {
            if (now - p.lastHeard <= detectTime(p, now)) {
                result.add(id);
            }
        });
        return result;
    }

    /** Peers that were up and are not any more. */
    public Set<String> suspects(long now) {
        Set<String> result = new HashSet<>();
        peers.forEach((id, p) -> {
            long detect = detectTime(p, now);
            boolean up = now - p.lastHeard <= detect && (p.hearsMe || now - p.deafSince <= detect);
            if (p.armed && !up) {
                result.add(id);
            }
        });
        return result;
    }

    /** Each peer heard so far and its detection time now, in nanoseconds. */
    public Map<String, Long> detectTimes(long now) {
        Map<String, Long> result = new TreeMap<>();
        peers.forEach((id, p) -> result.put(id, detectTime(p, now)));
        return result;
    }

    private long detectTime(Peer p, long now) {
        if (maxDetectNanos == detectNanos) {
            return detectNanos;
        }
        while (!p.silences.isEmpty() && now > p.silences.peekFirst()[0]) {
            p.silences.pollFirst();
        }
        long longest = p.silences.isEmpty() ? 0 : p.silences.peekFirst()[1];
        return Math.min(maxDetectNanos, Math.max(detectNanos, SLACK * longest));
    }

    /**
     * Keeps silences long enough to matter (over half the detection time), the longest first. A peer's start
     * comes before the rest of its sequence and is remembered no longer, so the times it is forgotten at rise
     * along the deque as its lengths fall.
     */
    private void remember(Peer p, long silence, long forgetAt) {
        if (maxDetectNanos == detectNanos || silence * 2 <= detectNanos) {
            return;
        }
        while (!p.silences.isEmpty() && p.silences.peekLast()[1] <= silence) {
            p.silences.pollLast();
        }
        if (p.silences.size() == MAX_REMEMBERED) {
            p.silences.pollLast();
        }
        p.silences.addLast(new long[] {forgetAt, silence});
    }
}
