package dev.baton.broker.definition.model;

/**
 * @param error Error / ErrorPath / JSONata Error, or null when absent
 * @param cause Cause / CausePath / JSONata Cause, or null when absent
 */
public record FailState(String name, String comment, QueryLanguage queryLanguage, StateIo io, DynamicValue error,
                        DynamicValue cause) implements State {
}
