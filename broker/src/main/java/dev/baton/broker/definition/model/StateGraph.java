package dev.baton.broker.definition.model;

import java.util.Map;

/**
 * A set of states with a start: the state machine itself, a Parallel branch, or a Map's item
 * processor. States keep their definition order.
 */
public record StateGraph(String comment, String startAt, Map<String, State> states, QueryLanguage queryLanguage) {
    public StateGraph {
        states = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(states));
    }

    public State state(String name) {
        return states.get(name);
    }
}
