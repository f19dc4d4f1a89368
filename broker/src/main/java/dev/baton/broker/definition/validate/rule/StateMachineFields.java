package dev.baton.broker.definition.validate.rule;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.broker.definition.validate.Checks;
import dev.baton.broker.definition.validate.DefinitionTree;
import dev.baton.broker.definition.validate.Diagnostics;
import dev.baton.broker.definition.validate.ValidationRule;

import java.util.List;

/**
 * The state machine's own fields have the right values: TimeoutSeconds a positive integer (at
 * most 99999999), Version a string, QueryLanguage JSONPath or JSONata, and every graph's Comment
 * a string.
 */
public final class StateMachineFields implements ValidationRule {
    @Override
    public void check(DefinitionTree tree, Diagnostics out) {
        ObjectNode root = tree.rootObject();
        if (root == null) {
            return;
        }
        JsonNode timeout = root.get("TimeoutSeconds");
        if (timeout != null && !Checks.isIntegerIn(timeout, 1, Checks.MAX_SECONDS)) {
            out.schema(Checks.mustBe("TimeoutSeconds", "a positive integer no greater than " + Checks.MAX_SECONDS),
                    "/TimeoutSeconds");
        }
        JsonNode version = root.get("Version");
        if (version != null && !version.isTextual()) {
            out.schema(Checks.mustBe("Version", "a STRING"), "/Version");
        }
        JsonNode language = root.get("QueryLanguage");
        if (language != null && !(language.isTextual()
                && List.of("JSONPath", "JSONata").contains(language.textValue()))) {
            out.schema(Checks.oneOf("QueryLanguage", List.of("JSONPath", "JSONata")), "/QueryLanguage");
        }
        for (DefinitionTree.Graph graph : tree.graphs()) {
            JsonNode comment = graph.node().get("Comment");
            if (comment != null && !comment.isTextual()) {
                out.schema(Checks.mustBe("Comment", "a STRING"), graph.fieldLocation("Comment"));
            }
        }
    }
}
