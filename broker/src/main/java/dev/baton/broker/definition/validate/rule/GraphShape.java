package dev.baton.broker.definition.validate.rule;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.broker.definition.validate.Checks;
import dev.baton.broker.definition.validate.DefinitionTree;
import dev.baton.broker.definition.validate.Diagnostics;
import dev.baton.broker.definition.validate.ValidationRule;

import java.util.ArrayList;
import java.util.List;

/**
 * Every state graph (the state machine, a Parallel branch, a Map's ItemProcessor) has a string
 * StartAt and a non-empty States object whose values are objects.
 */
public final class GraphShape implements ValidationRule {
    @Override
    public void check(DefinitionTree tree, Diagnostics out) {
        for (DefinitionTree.Graph graph : tree.graphs()) {
            String where = graph.location().isEmpty() ? "/" : graph.location();
            List<String> missing = new ArrayList<>();
            for (String field : List.of("StartAt", "States")) {
                if (!graph.node().has(field)) {
                    missing.add(field);
                }
            }
            if (!missing.isEmpty()) {
                out.schema(Checks.required(missing), where);
            }
            JsonNode startAt = graph.node().get("StartAt");
            if (startAt != null && !startAt.isTextual()) {
                out.schema("The value for the field 'StartAt' must be a STRING", graph.fieldLocation("StartAt"));
            }
            JsonNode states = graph.node().get("States");
            if (states != null) {
                if (!states.isObject()) {
                    out.schema("The value for the field 'States' must be an OBJECT", graph.fieldLocation("States"));
                } else if (states.isEmpty()) {
                    out.schema("The field 'States' should be non-empty", graph.fieldLocation("States"));
                } else {
                    states.fields().forEachRemaining(e -> {
                        if (!e.getValue().isObject()) {
                            out.schema("The value for the state '" + e.getKey() + "' must be an OBJECT",
                                    graph.location() + "/States/" + e.getKey());
                        }
                    });
                }
            }
        }
    }
}
