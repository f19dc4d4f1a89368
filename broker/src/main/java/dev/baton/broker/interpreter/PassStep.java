package dev.baton.broker.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.broker.definition.model.PassState;

/** Pass: its Result (or its effective input) goes through ResultPath and OutputPath. */
final class PassStep {
    private PassStep() {
    }

    static Outcome start(Decider d, RunState run, PassState pass) {
        StateContext context = d.context(run, pass);
        JsonNode effective = DataFlow.effectiveInput(pass.io(), run.stateInput, context);
        JsonNode result = pass.result() != null ? pass.result() : effective;
        return Outcome.Completed.of(DataFlow.output(pass.name(), pass.io(), run.stateInput, result, context),
                pass.transition());
    }
}
