package dev.baton.broker.definition.validate.rule;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.broker.definition.validate.DefinitionTree;
import dev.baton.broker.definition.validate.Diagnostics;
import dev.baton.broker.definition.validate.StateRule;

/** Every state has a Type, one of ASL's eight. */
public final class StateType implements StateRule {
    @Override
    public void check(DefinitionTree.StateSite state, Diagnostics out) {
        JsonNode type = state.field("Type");
        if (type == null) {
            out.schema("These fields are required: [Type]", state.location());
        } else if (state.type() == null) {
            // AWS's wording, recorded by LocalStack's snapshot tests.
            out.schema("The field 'Type' should have one of these values: "
                    + "[Task, Wait, Pass, Succeed, Fail, Choice, Parallel, Map]", state.fieldLocation("Type"));
        }
    }
}
