package dev.baton.broker.definition.validate.rule;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.broker.definition.Diagnostic;
import dev.baton.broker.definition.validate.DefinitionTree;
import dev.baton.broker.definition.validate.Diagnostics;
import dev.baton.broker.definition.validate.StateRule;

import java.util.List;

/**
 * Warning NO_PATH: a Fail state's Error or Cause whose text looks like a path is used literally;
 * ErrorPath / CausePath reads it from the input instead.
 */
public final class NoPath implements StateRule {
    @Override
    public void check(DefinitionTree.StateSite state, Diagnostics out) {
        if (state.jsonata() || !state.is("Fail")) {
            return;
        }
        for (String field : List.of("Error", "Cause")) {
            JsonNode value = state.field(field);
            if (value != null && value.isTextual() && NoDollar.looksDynamic(value.textValue())) {
                out.warning(Diagnostic.NO_PATH, "The value of the field '" + field + "' looks like a path, but the field "
                        + "name does not end with 'Path': use '" + field + "Path' to read it from the input",
                        state.fieldLocation(field));
            }
        }
    }
}
