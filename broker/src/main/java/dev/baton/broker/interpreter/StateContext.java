package dev.baton.broker.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.broker.dataflow.ContextObject;
import dev.baton.broker.dataflow.EvaluationContext;
import dev.baton.broker.dataflow.jsonata.JsonataScope;

import java.time.Instant;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * What a state's paths, templates and JSONata expressions see besides its input: the context object
 * ({@code $$}, {@code $states.context}), built only when something asks for it, the workflow
 * variables of the run's scopes, and a random source seeded from the execution and the state entry,
 * so that {@code States.UUID()}, {@code States.MathRandom}, {@code $random()} and {@code $uuid()}
 * give the same values whenever the same decision is made again.
 *
 * <p>One context serves one evaluation of a state (its start, its result, its error): JSONata
 * expressions share its {@link #jsonata() scope}, which converts each value once.
 */
final class StateContext implements EvaluationContext {
    private final ExecutionSnapshot execution;
    private final RunState run;
    private final boolean retries;
    private final String taskToken;
    private final ContextObject.MapItem item;
    private final long now;
    private final dev.baton.broker.dataflow.jsonata.JsonataBudget budget;
    private JsonNode built;
    private JsonataScope scope;

    /**
     * @param retries   true for states that retry (Task, Parallel, Map): AWS adds {@code State.RetryCount}
     * @param taskToken the task token, or null
     * @param item      the Map item an ItemSelector is evaluated for, or null
     * @param now       the decision's clock reading (epoch ms), what {@code $now()} returns
     */
    StateContext(ExecutionSnapshot execution, RunState run, boolean retries, String taskToken, ContextObject.MapItem item,
                 long now, dev.baton.broker.dataflow.jsonata.JsonataBudget budget) {
        this.budget = budget;
        this.execution = execution;
        this.run = run;
        this.retries = retries;
        this.taskToken = taskToken;
        this.item = item;
        this.now = now;
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
        return VariableScopes.lookup(execution, run, name);
    }

    /**
     * The JSONata scope of the state: {@code $states.input} is the state's input, {@code $now()}
     * the decision's clock reading (the interpreter reads no clock itself).
     */
    JsonataScope jsonata() {
        if (scope == null) {
            scope = JsonataScope.builder(run.stateInput, this).now(Instant.ofEpochMilli(now)).budget(budget).build();
        }
        return scope;
    }

    @Override
    public RandomGenerator random() {
        long seed = execution.executionId * 1_000_003L + run.enteredEventId;
        seed = seed * 31 + run.retryCount;
        seed = seed * 31 + (item == null ? -1 : item.index());
        // Iterations of a distributed Map record no events here (enteredEventId stays 0): their run id tells
        // them apart, and their count of unrecorded events tells their states apart.
        seed = seed * 31 + run.id.hashCode();
        seed = seed * 31 + run.silentEvents;
        return new SplittableRandom(seed);
    }
}
