package dev.baton.broker.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.broker.dataflow.variables.Assignment;
import dev.baton.broker.definition.model.Transition;

/** How running a state ended, for now: it waits for something, it completed, or it failed. */
sealed interface Outcome {
    Waiting WAITING = new Waiting();

    /** The state waits for a task, a timer or its child runs. */
    record Waiting() implements Outcome {
    }

    /**
     * The state completed.
     *
     * @param next       the next state, or null at the end of the run's state graph
     * @param assignment the variables the state assigns, evaluated and not yet applied: AWS makes
     *                   them visible all at once when the state exits
     */
    record Completed(JsonNode output, String next, Assignment assignment) implements Outcome {
        Completed(JsonNode output, String next) {
            this(output, next, Assignment.NONE);
        }

        static Completed of(JsonNode output, Transition transition) {
            return of(output, transition, Assignment.NONE);
        }

        static Completed of(JsonNode output, Transition transition, Assignment assignment) {
            return new Completed(output, transition instanceof Transition.Next n ? n.state() : null, assignment);
        }
    }

    /**
     * The state failed.
     *
     * @param inChildren true when a Parallel branch or Map iteration failed (AWS then records
     *                   ParallelStateFailed/MapStateFailed), false when the state's own evaluation did
     */
    record Failed(StateFailure failure, boolean inChildren) implements Outcome {
        Failed(StateFailure failure) {
            this(failure, false);
        }
    }
}
