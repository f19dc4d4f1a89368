package dev.baton.broker.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.broker.definition.model.SucceedState;

/** Succeed: ends its run with InputPath then OutputPath applied to its input (JSONata: its Output, by default its input). */
final class SucceedStep {
    private SucceedStep() {
    }

    static Outcome start(Decider d, RunState run, SucceedState succeed) {
        StateContext context = d.context(run, succeed);
        if (DataFlow.jsonata(succeed)) {
            return DataFlow.jsonata(succeed, context.jsonata(), run.stateInput, null);
        }
        JsonNode value = DataFlow.inputPath(succeed.io(), run.stateInput, context);
        return new Outcome.Completed(DataFlow.outputPath(succeed.io(), value, context), null);
    }
}
