package io.director.failover.core;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The decision half of the BFD-style link probe: which peers are up, given when each was last heard and
 * whether it hears this member. Time is passed in (nanoseconds from any fixed origin), never read here.
 * <p>
 * A peer is up when it was heard within the detection time and its last packet says it hears this member
 * (a one-way failure counts as down on both ends). It is suspected once it has been up and is not any more;
 * a peer never yet up is not suspected, so a member that does not run the probe is left to the group's own
 * failure detection.
 */
public final class LinkMonitor {
    private final String self;
    private final long detectNanos;
    private final Map<String, Peer> peers = new HashMap<>();

    private static final class Peer {
        long lastHeard;
        boolean hearsMe;
        boolean armed;
    }

    public LinkMonitor(String self, long detectNanos) {
        this.self = self;
        this.detectNanos = detectNanos;
    }

    /** A probe packet from {@code peer}, listing the members it hears, arrived at {@code now}. */
    public void heard(String peer, Set<String> peerHears, long now) {
        if (peer.equals(self)) {
            return;
        }
        Peer p = peers.computeIfAbsent(peer, k -> new Peer());
        p.lastHeard = now;
        p.hearsMe = peerHears.contains(self);
        if (p.hearsMe) {
            p.armed = true;
        }
    }

    /**
     * This member itself was not running for {@code nanos} (a GC pause, CPU starvation): the silence it saw
     * in that time says nothing about its peers, so it is not counted.
     */
    public void paused(long nanos) {
        if (nanos > 0) {
            peers.values().forEach(p -> p.lastHeard += nanos);
        }
    }

    /** The peers heard within the detection time: what this member's own packets report. */
    public Set<String> hearing(long now) {
        Set<String> result = new HashSet<>();
        peers.forEach((id, p) -> {
            if (now - p.lastHeard <= detectNanos) {
                result.add(id);
            }
        });
        return result;
    }

    /** Peers that were up and are not any more. */
    public Set<String> suspects(long now) {
        Set<String> result = new HashSet<>();
        peers.forEach((id, p) -> {
            boolean up = now - p.lastHeard <= detectNanos && p.hearsMe;
            if (p.armed && !up) {
                result.add(id);
            }
        });
        return result;
    }
}
