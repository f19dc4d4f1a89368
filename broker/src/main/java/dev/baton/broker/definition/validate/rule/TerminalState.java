package dev.baton.broker.definition.validate.rule;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.broker.definition.Diagnostic;
import dev.baton.broker.definition.validate.DefinitionTree;
import dev.baton.broker.definition.validate.Diagnostics;
import dev.baton.broker.definition.validate.ValidationRule;

/**
 * Every graph has a way to end: a Succeed or Fail state, or a state with {@code "End": true}
 * (AWS's MISSING_END_STATE).
 */
public final class TerminalState implements ValidationRule {
    @Override
    public void check(DefinitionTree tree, Diagnostics out) {
        for (DefinitionTree.Graph graph : tree.graphs()) {
            if (graph.states().isEmpty()) {
                continue;
            }
            boolean terminal = graph.states().stream().anyMatch(s -> {
                JsonNode end = s.field("End");
                return s.is("Succeed") || s.is("Fail") || (end != null && end.isBoolean() && end.booleanValue());
            });
            if (!terminal) {
                out.error(Diagnostic.MISSING_END_STATE, "Workflow has no terminal state",
                        graph.location().isEmpty() ? "/" : graph.location());
            }
        }
    }
}
