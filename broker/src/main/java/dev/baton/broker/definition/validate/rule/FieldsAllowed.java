package dev.baton.broker.definition.validate.rule;

import dev.baton.broker.definition.validate.Checks;
import dev.baton.broker.definition.validate.DefinitionTree;
import dev.baton.broker.definition.validate.Diagnostics;
import dev.baton.broker.definition.validate.StateFields;
import dev.baton.broker.definition.validate.StateRule;

/**
 * A state has only the fields its type takes in its query language: JSONPath states have
 * InputPath/Parameters/ResultSelector/ResultPath/OutputPath and the {@code *Path} variants, JSONata
 * states Arguments/Output and {@code "{% %}"} values instead (AWS: "Field 'X' is not supported").
 */
public final class FieldsAllowed implements StateRule {
    @Override
    public void check(DefinitionTree.StateSite state, Diagnostics out) {
        String type = state.type();
        if (type == null) {
            return;
        }
        state.node().fieldNames().forEachRemaining(name -> {
            StateFields.Field field = StateFields.field(name);
            if (field == null || !field.types().contains(type)) {
                out.schema(Checks.unsupported(name), state.location());
            } else if (!field.languages().allows(state.jsonata())) {
                out.schema(Checks.unsupported(name) + " in " + (state.jsonata() ? "JSONata" : "JSONPath")
                        + " states" + (state.jsonata() ? "; use Arguments, Output and {% %} expressions"
                        : "; set \"QueryLanguage\": \"JSONata\" to use it"), state.location());
            }
        });
    }
}
