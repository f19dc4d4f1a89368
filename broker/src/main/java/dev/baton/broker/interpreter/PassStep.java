package dev.baton.broker.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.broker.definition.model.PassState;

/**
 * Pass. JSONPath: its Result (or its effective input) goes through Assign, ResultPath and
 * OutputPath. JSONata: its Output (by default its input) and Assign.
 */
final class PassStep {
    private PassStep() {
    }

    static Outcome start(Decider d, RunState run, PassState pass) {
        StateContext context = d.context(run, pass);
        if (DataFlow.jsonata(pass)) {
            return DataFlow.jsonata(pass, context.jsonata(), run.stateInput, DataFlow.next(pass.transition()));
        }
        JsonNode effective = DataFlow.effectiveInput(pass, run.stateInput, context);
        JsonNode result = pass.result() != null ? pass.result() : effective;
        return DataFlow.withResult(pass, run.stateInput, result, context, pass.transition());
    }
}
