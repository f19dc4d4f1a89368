package dev.baton.broker.definition.validate.rule;

import dev.baton.broker.definition.validate.Checks;
import dev.baton.broker.definition.validate.DefinitionTree;
import dev.baton.broker.definition.validate.Diagnostics;
import dev.baton.broker.definition.validate.StateRule;

import java.util.List;

/** A Fail state gives its error and its cause one way each: Error or ErrorPath, Cause or CausePath. */
public final class FailFields implements StateRule {
    @Override
    public void check(DefinitionTree.StateSite state, Diagnostics out) {
        if (!state.is("Fail")) {
            return;
        }
        for (String field : List.of("Error", "Cause")) {
            if (state.has(field) && state.has(field + "Path")) {
                out.schema(Checks.exclusive(field, field + "Path"), state.location());
            }
        }
    }
}
