package dev.baton.broker.interpreter;

import java.util.List;

/**
 * What the interpreter decided for one trigger: the execution's new snapshot, the history events to
 * append and the commands to carry out, all to be committed together. A trigger the execution cannot
 * accept (a completion for a task that has already ended, ...) yields a rejection and no change.
 *
 * @param rejection null when the trigger was accepted
 */
public record Decision(ExecutionSnapshot snapshot, List<HistoryEvent> events, List<Command> commands,
                       Rejection rejection) {

    /** Why a trigger was not accepted, as an AWS API error. */
    public record Rejection(String errorName, String message) {
    }

    public boolean accepted() {
        return rejection == null;
    }

    /** True when the decision changes nothing (no events, no commands). */
    public boolean isEmpty() {
        return events.isEmpty() && commands.isEmpty();
    }
}
