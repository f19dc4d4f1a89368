package dev.baton.broker.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.broker.dataflow.EvaluationContext;
import dev.baton.broker.dataflow.Json;
import dev.baton.broker.dataflow.PayloadLimit;
import dev.baton.broker.dataflow.PayloadTemplate;
import dev.baton.broker.dataflow.jsonata.JsonataScope;
import dev.baton.broker.dataflow.jsonata.JsonataTemplate;
import dev.baton.broker.dataflow.variables.Assignment;
import dev.baton.broker.definition.model.QueryLanguage;
import dev.baton.broker.definition.model.State;
import dev.baton.broker.definition.model.StateIo;
import dev.baton.broker.definition.model.Transition;

/**
 * A state's input and output processing in either query language.
 *
 * <p>JSONPath, in AWS's order: InputPath, Parameters, (the state's work), Assign (which reads the
 * raw result as {@code $}), ResultSelector, ResultPath, OutputPath. A {@code null} InputPath or
 * OutputPath gives {@code {}}; a {@code null} ResultPath discards the result.
 *
 * <p>JSONata: Arguments (by default the state's input), (the state's work), then Assign and Output
 * over {@code $states.input} and {@code $states.result}; Output defaults to the result for Task,
 * Parallel and Map, and to the input for the other states.
 *
 * <p>Either way the values a state assigns are evaluated against the variables as they were
 * before the state, and become visible all at once when it exits ({@link Outcome.Completed#assignment()}).
 * Failures are {@link dev.baton.broker.dataflow.DataflowException}s with AWS's wording.
 */
final class DataFlow {
    private DataFlow() {
    }

    static boolean jsonata(State state) {
        return state.queryLanguage() == QueryLanguage.JSONATA;
    }

    /** InputPath applied to the state's input. */
    static JsonNode inputPath(StateIo io, JsonNode stateInput, EvaluationContext context) {
        return io.inputPath() == null ? Json.MAPPER.createObjectNode() : io.inputPath().select(stateInput, context);
    }

    /** JSONPath: InputPath then Parameters. JSONata: Arguments, else the state's input. What the state works on. */
    static JsonNode effectiveInput(State state, JsonNode stateInput, StateContext context) {
        StateIo io = state.io();
        if (jsonata(state)) {
            return io.arguments() == null ? stateInput : io.arguments().evaluate(context.jsonata(), "Arguments");
        }
        JsonNode value = inputPath(io, stateInput, context);
        return io.parameters() == null ? value : io.parameters().evaluate(value, context);
    }

    /**
     * A state with a result (Pass, Task, Parallel, Map) completes: JSONata Assign and Output over
     * {@code $states.result} (Output defaults to the result), or JSONPath Assign, ResultSelector,
     * ResultPath (into the state's input), the payload limit, then OutputPath.
     */
    static Outcome.Completed withResult(State state, JsonNode stateInput, JsonNode result, StateContext context,
                                        Transition transition) {
        if (jsonata(state)) {
            return jsonata(state, context.jsonata().withResult(result), result, next(transition));
        }
        Assignment assignment = assignment(state.io(), result, context);
        return Outcome.Completed.of(output(state.name(), state.io(), stateInput, result, context), transition, assignment);
    }

    /**
     * A JSONata state completes: Assign, then Output (by default {@code defaultOutput}), both over
     * the same {@code $states} and the variables before the state.
     */
    static Outcome.Completed jsonata(State state, JsonataScope scope, JsonNode defaultOutput, String next) {
        StateIo io = state.io();
        Assignment assignment = io.assign() instanceof JsonataTemplate assign
                ? Assignment.evaluate(assign, scope, "Assign") : Assignment.NONE;
        JsonNode output = io.output() == null ? defaultOutput : io.output().evaluate(scope, "Output");
        PayloadLimit.checkStateResult(state.name(), output);
        return new Outcome.Completed(output, next, assignment);
    }

    /** A JSONPath Assign, reading {@code value} as {@code $}; nothing when the state has none. */
    static Assignment assignment(StateIo io, JsonNode value, EvaluationContext context) {
        return io.assign() instanceof PayloadTemplate assign ? Assignment.evaluate(assign, value, context) : Assignment.NONE;
    }

    /**
     * ResultSelector, ResultPath (into the state's input), the payload limit, then OutputPath.
     *
     * @param stateName as AWS quotes it when the result is too large
     */
    static JsonNode output(String stateName, StateIo io, JsonNode stateInput, JsonNode result, EvaluationContext context) {
        JsonNode selected = io.resultSelector() == null ? result : io.resultSelector().evaluate(result, context);
        JsonNode combined = io.resultPath() == null ? stateInput : io.resultPath().apply(stateInput, selected);
        PayloadLimit.checkStateResult(stateName, combined);
        return outputPath(io, combined, context);
    }

    /** OutputPath alone (Choice, Wait, Succeed). */
    static JsonNode outputPath(StateIo io, JsonNode value, EvaluationContext context) {
        return io.outputPath() == null ? Json.MAPPER.createObjectNode() : io.outputPath().select(value, context);
    }

    /** The state a transition leads to, or null at the end of the run's graph. */
    static String next(Transition transition) {
        return transition instanceof Transition.Next n ? n.state() : null;
    }
}
