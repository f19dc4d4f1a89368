package dev.baton.broker.dataflow.jsonata;

import com.dashjoin.jsonata.JException;
import com.dashjoin.jsonata.Jsonata;

/**
 * Enforces {@link JsonataLimits} on one evaluation through the engine's step callbacks: every
 * evaluation step checks the clock and the nesting depth on the way in and the size of the value
 * it produced on the way out. A runaway loop, a deep recursion or a value that grows without end
 * therefore stops at the next step, with States.QueryEvaluationError.
 */
final class EvaluationBounds {
    private final JsonataLimits limits;
    private final long deadline;
    private final JsonataBudget budget;
    private final JsonataValues.Sizer sizer;
    private int depth;

    EvaluationBounds(JsonataLimits limits, JsonataBudget budget) {
        this.limits = limits;
        this.budget = budget;
        long own = System.nanoTime() + limits.timeout().toNanos();
        this.deadline = budget == null || own - budget.deadline() < 0 ? own : budget.deadline();
        this.sizer = new JsonataValues.Sizer(limits.maxValueSize());
    }

    void installOn(Jsonata.Frame frame) {
        frame.setEvaluateEntryCallback((expression, input, environment) -> {
            if (environment.isParallelCall) {
                return;
            }
            if (++depth > limits.maxDepth()) {
                throw new LimitExceeded("The evaluation is nested more than " + limits.maxDepth()
                        + " levels deep; check for a function that calls itself without end");
            }
            checkClock();
        });
        frame.setEvaluateExitCallback((expression, input, environment, result) -> {
            if (environment.isParallelCall) {
                return;
            }
            depth--;
            checkClock();
            if (result != null && sizer.size(result) > limits.maxValueSize()) {
                throw new LimitExceeded("The evaluation produced a value larger than " + limits.maxValueSize()
                        + " (characters of text, " + JsonataLimits.SCALAR_SIZE + " per number, boolean or null)");
            }
        });
    }

    private void checkClock() {
        if (System.nanoTime() - deadline > 0) {
            if (budget != null && deadline == budget.deadline()) {
                throw new LimitExceeded("The state's expressions together ran for more than " + budget.budget().toMillis()
                        + " ms in one step of the execution; check for an endless loop");
            }
            throw new LimitExceeded("The evaluation did not finish within " + limits.timeout().toMillis()
                    + " ms; check for an endless loop");
        }
    }

    /**
     * A bound was passed. A JException, so that the engine's own error handling passes it through
     * unchanged; it carries no JSONata error code.
     */
    static final class LimitExceeded extends JException {
        private final String reason;

        LimitExceeded(String reason) {
            super(reason, -1);
            this.reason = reason;
        }

        String reason() {
            return reason;
        }
    }
}
