package dev.baton.broker.definition.model;

/**
 * A parsed and validated state machine definition. Immutable; shared by every execution of the
 * state machine.
 *
 * @param timeoutSeconds the execution's TimeoutSeconds, or null when not set
 * @param version        the definition's Version field ("1.0"), or null
 */
public record StateMachine(StateGraph graph, Integer timeoutSeconds, String version, QueryLanguage queryLanguage) {
    public String comment() {
        return graph.comment();
    }

    public String startAt() {
        return graph.startAt();
    }

    public State state(String name) {
        return graph.state(name);
    }
}
