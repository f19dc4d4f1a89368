package dev.baton.broker.definition.validate.rule;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.broker.definition.validate.Checks;
import dev.baton.broker.definition.validate.DefinitionTree;
import dev.baton.broker.definition.validate.Diagnostics;
import dev.baton.broker.definition.validate.StateRule;

import java.util.List;
import java.util.Set;

/**
 * Each catcher has a non-empty ErrorEquals and a string Next, plus ResultPath (JSONPath) or
 * Output (JSONata), Assign and Comment; nothing else.
 */
public final class CatcherShape implements StateRule {
    private static final Set<String> JSONPATH_FIELDS = Set.of("ErrorEquals", "Next", "ResultPath", "Assign", "Comment");
    private static final Set<String> JSONATA_FIELDS = Set.of("ErrorEquals", "Next", "Output", "Assign", "Comment");

    @Override
    public void check(DefinitionTree.StateSite state, Diagnostics out) {
        for (ErrorMatchers.Element catcher : ErrorMatchers.elements(state, "Catch", out)) {
            JsonNode c = catcher.node();
            String at = catcher.location();
            ErrorMatchers.errorEquals(catcher, out);
            ErrorMatchers.comment(catcher, out);
            JsonNode next = c.get("Next");
            if (next == null) {
                out.schema(Checks.required(List.of("Next")), at);
            } else if (!next.isTextual()) {
                out.schema(Checks.mustBe("Next", "a STRING"), at + "/Next");
            }
            JsonNode resultPath = c.get("ResultPath");
            if (resultPath != null && !resultPath.isTextual() && !resultPath.isNull()) {
                out.schema(Checks.mustBe("ResultPath", "a STRING or null"), at + "/ResultPath");
            }
            Set<String> allowed = state.jsonata() ? JSONATA_FIELDS : JSONPATH_FIELDS;
            c.fieldNames().forEachRemaining(name -> {
                if (!allowed.contains(name)) {
                    out.schema(Checks.unsupported(name), at);
                }
            });
        }
    }
}
