package dev.baton.broker.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.broker.dataflow.EvaluationContext;
import dev.baton.broker.dataflow.Json;
import dev.baton.broker.dataflow.PayloadLimit;
import dev.baton.broker.definition.model.StateIo;

/**
 * A JSONPath state's input and output processing, in AWS's order: InputPath, Parameters, (the
 * state's work), ResultSelector, ResultPath, OutputPath. A {@code null} InputPath or OutputPath gives
 * {@code {}}; a {@code null} ResultPath discards the result. Failures are
 * {@link dev.baton.broker.dataflow.DataflowException}s with AWS's wording.
 */
final class DataFlow {
    private DataFlow() {
    }

    /** InputPath applied to the state's input. */
    static JsonNode inputPath(StateIo io, JsonNode stateInput, EvaluationContext context) {
        return io.inputPath() == null ? Json.MAPPER.createObjectNode() : io.inputPath().select(stateInput, context);
    }

    /** InputPath then Parameters: what the state works on. */
    static JsonNode effectiveInput(StateIo io, JsonNode stateInput, EvaluationContext context) {
        JsonNode value = inputPath(io, stateInput, context);
        return io.parameters() == null ? value : io.parameters().evaluate(value, context);
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
}
