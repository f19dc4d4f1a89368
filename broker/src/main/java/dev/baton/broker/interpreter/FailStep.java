package dev.baton.broker.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.broker.dataflow.Json;
import dev.baton.broker.definition.model.DynamicValue;
import dev.baton.broker.definition.model.FailState;

/**
 * Fail: fails its run with Error/ErrorPath and Cause/CausePath (JSONata: Error and Cause, literal or
 * an expression that gives a string), either of which may be absent.
 */
final class FailStep {
    private FailStep() {
    }

    static Outcome start(Decider d, RunState run, FailState fail) {
        StateContext context = d.context(run, fail);
        String error = text(fail.error(), "Error", run.stateInput, context);
        String cause = text(fail.cause(), "Cause", run.stateInput, context);
        return new Outcome.Failed(new StateFailure(error, cause));
    }

    private static String text(DynamicValue value, String field, JsonNode input, StateContext context) {
        if (value == null) {
            return null;
        }
        JsonNode node = switch (value) {
            case DynamicValue.Literal l -> l.value();
            case DynamicValue.FromPath p -> p.path().readField(input, context, field + "Path");
            case DynamicValue.FromIntrinsic i -> i.call().evaluate(input, context, field + "Path");
            case DynamicValue.FromJsonata j -> j.expression().evaluate(context.jsonata(), field, "string");
        };
        if (node == null || node.isNull()) {
            return null;
        }
        return node.isTextual() ? node.textValue() : Json.write(node);
    }
}
