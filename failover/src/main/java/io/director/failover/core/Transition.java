package io.director.failover.core;

import java.util.List;

/** The result of one step: the next state and the actions to execute, in order. */
public record Transition(NodeState state, List<Action> actions) {
    public Transition {
        actions = List.copyOf(actions);
    }
}
