package dev.baton.broker.definition.model;

/** A Wait state: exactly one of Seconds, SecondsPath, Timestamp, TimestampPath (or their JSONata forms). */
public record WaitState(String name, String comment, QueryLanguage queryLanguage, StateIo io, Transition transition,
                        Duration duration) implements State {

    public sealed interface Duration {
    }

    /** Seconds / SecondsPath / JSONata Seconds. */
    public record Seconds(DynamicValue value) implements Duration {
    }

    /** Timestamp / TimestampPath / JSONata Timestamp. */
    public record Timestamp(DynamicValue value) implements Duration {
    }
}
