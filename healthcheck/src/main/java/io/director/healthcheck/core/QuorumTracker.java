package io.director.healthcheck.core;

import io.director.config.model.Quorum;

/**
 * Whether a service has enough healthy real servers. Quorum is lost below {@code minimum} and regained only
 * at {@code minimum + hysteresis}, so one flapping server at the edge cannot toggle the sorry server.
 */
public final class QuorumTracker {

    /** What a new healthy count did to the quorum. */
    public enum Transition { NONE, LOST, REGAINED }

    private Quorum quorum;
    private boolean held;

    /** Starts with quorum held when {@code healthy} reaches the minimum (hysteresis applies to regaining only). */
    public QuorumTracker(Quorum quorum, int healthy) {
        this.quorum = quorum;
        this.held = healthy >= quorum.minimum();
    }

    public Transition update(int healthy) {
        if (held && healthy < quorum.minimum()) {
            held = false;
            return Transition.LOST;
        }
        if (!held && healthy >= quorum.minimum() + quorum.hysteresis()) {
            held = true;
            return Transition.REGAINED;
        }
        return Transition.NONE;
    }

    /** A reload changed the quorum settings: keep the current state and judge it by the new ones. */
    public Transition reconfigure(Quorum newQuorum, int healthy) {
        this.quorum = newQuorum;
        return update(healthy);
    }

    public boolean held() {
        return held;
    }

    public Quorum quorum() {
        return quorum;
    }
}
