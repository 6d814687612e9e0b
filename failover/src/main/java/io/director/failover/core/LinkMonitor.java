package io.director.failover.core;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The decision half of the BFD-style link probe: which peers are up, given when each was last heard, whether it
 * hears this member and what knocks on its host found. Time is passed in (nanoseconds from any fixed origin),
 * never read here.
 * <p>
 * A peer is up when it was heard recently and has not been saying, for longer than the detection time, that it
 * does not hear this member (a one-way failure counts as down on both ends, but a peer's own brief doubt is not
 * taken over). A peer back from silence is up again only once it hears this member too: a link heals both ways
 * before it counts. It is suspected once it has been up and is not any more; a peer never yet up is not suspected, so
 * a member that does not run the probe is left to the group's own failure detection.
 * <p>
 * Knocking (when a maximum detection time above the detection time is given): silence alone does not tell a
 * dead or cut-off director from one whose JVM stalls (GC, CPU starvation), and a stalled director's kernel
 * keeps forwarding the VIP's traffic, so taking the VIP from it would only cause a gap. Once a peer has been
 * silent for half the detection time, the runtime knocks on its host (an echo its kernel answers however busy its
 * JVM is) and waits the other half. No answer: the host is down or cut off, and the peer is suspected at once,
 * at about the detection time. An answer: the peer stalls, and it has up to the maximum detection time (the
 * group's own heartbeat timeout), knocked on again every half detection time in case its link goes too.
 */
public final class LinkMonitor {
    private static final long NONE = Long.MIN_VALUE;
    private final String self;
    private final long detectNanos;
    private final long maxDetectNanos;
    private final Map<String, Peer> peers = new HashMap<>();
    private long knocks;

    private static final class Peer {
        long lastHeard;
        boolean hearsMe;
        /** Since when its packets say it does not hear this member (meaningful while !hearsMe). */
        long deafSince;
        boolean armed;
        /** The knock under way in the current silence (0: none), and when the last one was answered. */
        long knock;
        long answeredAt = NONE;
        boolean knockFailed;
    }

    /** A fixed detection time, no knocking: silence alone decides. */
    public LinkMonitor(String self, long detectNanos) {
        this(self, detectNanos, detectNanos);
    }

    /**
     * @param detectNanos    detection time of a peer whose host does not answer a knock
     * @param maxDetectNanos detection time of a peer whose host answers (its process stalls); equal to
     *                       {@code detectNanos} turns knocking off
     */
    public LinkMonitor(String self, long detectNanos, long maxDetectNanos) {
        if (maxDetectNanos < detectNanos) {
            throw new IllegalArgumentException("maximum detection time below the detection time");
        }
        this.self = self;
        this.detectNanos = detectNanos;
        this.maxDetectNanos = maxDetectNanos;
    }

    /** How long a peer is silent before its host is knocked on, and how long a knock waits for an answer. */
    public long knockNanos() {
        return detectNanos / 2;
    }

    /** A probe packet from {@code peer}, listing the members it hears, arrived at {@code now}. */
    public void heard(String peer, Set<String> peerHears, long now) {
        if (peer.equals(self)) {
            return;
        }
        Peer p = peers.computeIfAbsent(peer, id -> new Peer());
        boolean returning = p.armed && !heardRecently(p, now);
        p.lastHeard = now;
        p.knock = 0; // the silence is over: a knock still under way says nothing any more
        p.answeredAt = NONE;
        p.knockFailed = false;
        boolean hears = peerHears.contains(self);
        if (!hears && returning) {
            // back from silence but not hearing this member yet: a link that heals one way first is still down
            // (up now, this member would count it towards its majority and drop it again at the detection time)
            p.deafSince = now - detectNanos - 1;
        } else if (!hears && (p.hearsMe || !p.armed)) {
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
                if (p.answeredAt != NONE) {
                    p.answeredAt += nanos;
                }
            });
        }
    }

    /**
     * The peers whose hosts to knock on now, each with the knock's number to report its outcome with: those
     * silent for half the detection time with no knock under way, again every half detection time while an
     * answered peer stays silent. Empty without knocking.
     */
    public Map<String, Long> knocksDue(long now) {
        Map<String, Long> due = new HashMap<>();
        if (maxDetectNanos == detectNanos) {
            return due;
        }
        peers.forEach((id, p) -> {
            boolean silent = now - p.lastHeard >= knockNanos();
            boolean answeredLately = p.answeredAt != NONE && now - p.answeredAt < knockNanos();
            if (p.armed && silent && p.knock == 0 && !p.knockFailed && !answeredLately) {
                p.knock = ++knocks;
                due.put(id, p.knock);
            }
        });
        return due;
    }

    /** The peer's host answered knock {@code knock}: it is alive and its process stalls. */
    public void knockAnswered(String peer, long knock, long now) {
        Peer p = pending(peer, knock);
        if (p != null) {
            p.knock = 0;
            p.answeredAt = now;
        }
    }

    /** Knock {@code knock} found no answer within its time: the peer's host is down or cut off. */
    public void knockFailed(String peer, long knock) {
        Peer p = pending(peer, knock);
        if (p != null) {
            p.knock = 0;
            p.knockFailed = true;
        }
    }

    /** Knock {@code knock} proved nothing (this member was not running while it waited): knock again. */
    public void knockInconclusive(String peer, long knock) {
        Peer p = pending(peer, knock);
        if (p != null) {
            p.knock = 0;
        }
    }

    private Peer pending(String peer, long knock) {
        Peer p = peers.get(peer);
        return p != null && p.knock == knock ? p : null;
    }

    /**
     * The earliest time after {@code now} at which, without a packet or a knock's outcome, {@link #hearing},
     * {@link #suspects} or {@link #knocksDue} may change (it may also be earlier than needed); the probe's
     * thread sleeps until then. {@code Long.MAX_VALUE} when nothing is pending.
     */
    public long nextChange(long now) {
        long next = Long.MAX_VALUE;
        boolean knocking = maxDetectNanos != detectNanos;
        for (Peer p : peers.values()) {
            if (p.knockFailed) {
                continue; // down until heard again
            }
            next = earliestAfter(now, next, p.lastHeard + detectNanos + 1);
            next = earliestAfter(now, next, p.lastHeard + maxDetectNanos + 1);
            if (!p.hearsMe) {
                next = earliestAfter(now, next, p.deafSince + detectNanos + 1);
            }
            if (knocking && p.armed && p.knock == 0) {
                next = earliestAfter(now, next, p.lastHeard + knockNanos());
            }
            if (knocking && p.answeredAt != NONE) {
                next = earliestAfter(now, next, p.answeredAt + knockNanos());
            }
        }
        return next;
    }

    /** {@code candidate} if it lies after {@code now} and before {@code next}, else {@code next}. */
    private static long earliestAfter(long now, long next, long candidate) {
        return candidate > now && candidate < next ? candidate : next;
    }

    /** The peers heard recently enough: what this member's own packets report. */
    public Set<String> hearing(long now) {
        Set<String> result = new HashSet<>();
        peers.forEach((id, p) -> {
            if (heardRecently(p, now)) {
                result.add(id);
            }
        });
        return result;
    }

    /** Peers that were up and are not any more. */
    public Set<String> suspects(long now) {
        Set<String> result = new HashSet<>();
        peers.forEach((id, p) -> {
            boolean up = heardRecently(p, now) && (p.hearsMe || now - p.deafSince <= detectNanos);
            if (p.armed && !up) {
                result.add(id);
            }
        });
        return result;
    }

    /** Each peer heard so far and what its silence is taken for now: "heard", "knocked", "stalled" or "down". */
    public Map<String, String> silences(long now) {
        Map<String, String> result = new TreeMap<>();
        peers.forEach((id, p) -> result.put(id, !heardRecently(p, now) ? "down"
                : p.knock != 0 ? "knocked" : p.answeredAt != NONE ? "stalled" : "heard"));
        return result;
    }

    /**
     * Without knocking, silence up to the detection time. With it: a knock under way decides (it takes half the
     * detection time), a failed one ends it, an answered one allows up to the maximum.
     */
    private boolean heardRecently(Peer p, long now) {
        long silence = now - p.lastHeard;
        if (p.knockFailed || silence > maxDetectNanos) {
            return false;
        }
        return silence <= detectNanos || p.knock != 0 || p.answeredAt != NONE;
    }
}
