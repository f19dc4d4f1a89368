package dev.baton.broker.definition.validate.rule;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.broker.definition.Diagnostic;
import dev.baton.broker.definition.validate.DefinitionTree;
import dev.baton.broker.definition.validate.Diagnostics;
import dev.baton.broker.definition.validate.StateRule;

/**
 * Every Next, Default, Choices[].Next and Catch[].Next names a state of the same graph: a state
 * inside a Parallel branch or a Map cannot go to a state outside it, nor the other way round.
 */
public final class TransitionTargets implements StateRule {
    @Override
    public void check(DefinitionTree.StateSite state, Diagnostics out) {
        target(state, state.field("Next"), "Next", state.fieldLocation("Next"), out);
        if (state.is("Choice")) {
            target(state, state.field("Default"), "Default", state.fieldLocation("Default"), out);
            eachElement(state, "Choices", out);
        }
        eachElement(state, "Catch", out);
    }

    private static void eachElement(DefinitionTree.StateSite state, String field, Diagnostics out) {
        for (DefinitionTree.Element element : state.elements(field)) {
            target(state, element.node().get("Next"), "Next", element.fieldLocation("Next"), out);
        }
    }

    private static void target(DefinitionTree.StateSite state, JsonNode target, String kind, String location,
                               Diagnostics out) {
        if (target != null && target.isTextual() && !state.graph().hasState(target.textValue())) {
            // AWS's wording: "Missing 'Next' target: pass3 at /States/pass1/Next".
            out.error(Diagnostic.MISSING_TRANSITION_TARGET, "Missing '" + kind + "' target: " + target.textValue(),
                    location);
        }
    }
}
