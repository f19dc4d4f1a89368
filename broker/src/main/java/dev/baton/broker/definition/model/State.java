package dev.baton.broker.definition.model;

/**
 * A state of a state machine. The closed set of ASL state types; the interpreter switches over it.
 */
public sealed interface State
        permits PassState, TaskState, ChoiceState, WaitState, SucceedState, FailState, ParallelState, MapState {

    String name();

    String comment();

    /** The state's effective query language (its own, else the state machine's). */
    QueryLanguage queryLanguage();

    StateIo io();

    /** The ASL {@code Type} name. */
    default String type() {
        return switch (this) {
            case PassState s -> "Pass";
            case TaskState s -> "Task";
            case ChoiceState s -> "Choice";
            case WaitState s -> "Wait";
            case SucceedState s -> "Succeed";
            case FailState s -> "Fail";
            case ParallelState s -> "Parallel";
            case MapState s -> "Map";
        };
    }
}
