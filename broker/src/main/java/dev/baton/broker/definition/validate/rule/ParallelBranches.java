package dev.baton.broker.definition.validate.rule;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.broker.definition.validate.Checks;
import dev.baton.broker.definition.validate.DefinitionTree;
import dev.baton.broker.definition.validate.Diagnostics;
import dev.baton.broker.definition.validate.StateRule;

import java.util.List;

/** A Parallel state has Branches: a non-empty array of state graphs (objects with StartAt and States). */
public final class ParallelBranches implements StateRule {
    @Override
    public void check(DefinitionTree.StateSite state, Diagnostics out) {
        if (!state.is("Parallel")) {
            return;
        }
        JsonNode branches = state.field("Branches");
        if (branches == null) {
            out.schema(Checks.required(List.of("Branches")), state.location());
        } else if (!branches.isArray() || branches.isEmpty()) {
            out.schema(Checks.mustBe("Branches", "a non-empty ARRAY"), state.fieldLocation("Branches"));
        } else {
            for (int i = 0; i < branches.size(); i++) {
                if (!branches.get(i).isObject()) {
                    out.schema("Each element of 'Branches' must be an OBJECT", state.fieldLocation("Branches") + "/" + i);
                }
            }
        }
    }
}
