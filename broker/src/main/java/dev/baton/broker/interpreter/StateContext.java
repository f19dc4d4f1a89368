package dev.baton.broker.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.broker.dataflow.ContextObject;
import dev.baton.broker.dataflow.EvaluationContext;

import java.time.Instant;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * What a state's paths and templates see besides its input: the context object ({@code $$}), built
 * only when a path asks for it, and a random source seeded from the execution and the state entry,
 * so that {@code States.UUID()} and {@code States.MathRandom} give the same values whenever the same
 * decision is made again.
 */
final class StateContext implements EvaluationContext {
    private final ExecutionSnapshot execution;
    private final RunState run;
    private final boolean retries;
    private final String taskToken;
    private final ContextObject.MapItem item;
    private JsonNode built;

    /**
     * @param retries   true for states that retry (Task, Parallel, Map): AWS adds {@code State.RetryCount}
     * @param taskToken the task token, or null
     * @param item      the Map item an ItemSelector is evaluated for, or null
     */
    StateContext(ExecutionSnapshot execution, RunState run, boolean retries, String taskToken, ContextObject.MapItem item) {
        this.execution = execution;
        this.run = run;
        this.retries = retries;
        this.taskToken = taskToken;
        this.item = item;
    }

    @Override
    public JsonNode contextObject() {
        if (built == null) {
            ContextObject context = ContextObject.of(
                    new ContextObject.Execution(execution.executionArn, execution.input, execution.name,
                            execution.roleArn, Instant.ofEpochMilli(execution.startTime), execution.redriveCount,
                            execution.redriveTime == 0 ? null : Instant.ofEpochMilli(execution.redriveTime)),
                    new ContextObject.StateMachine(execution.stateMachineArn, execution.stateMachineName));
            if (run.state != null) {
                context = context.withState(new ContextObject.State(run.state, Instant.ofEpochMilli(run.enteredTime),
                        retries ? run.retryCount : null));
            }
            built = context.withTaskToken(taskToken).withMapItem(item).toJson();
        }
        return built;
    }

    @Override
    public JsonNode variable(String name) {
        return null;
    }

    @Override
    public RandomGenerator random() {
        long seed = execution.executionId * 1_000_003L + run.enteredEventId;
        seed = seed * 31 + run.retryCount;
        seed = seed * 31 + (item == null ? -1 : item.index());
        // Iterations of a distributed Map record no events here: their run id tells them apart.
        seed = seed * 31 + run.id.hashCode();
        return new SplittableRandom(seed);
    }
}
