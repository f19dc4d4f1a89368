package dev.baton.broker.definition.validate.rule;

import dev.baton.broker.definition.Diagnostic;
import dev.baton.broker.definition.validate.DefinitionTree;
import dev.baton.broker.definition.validate.Diagnostics;
import dev.baton.broker.definition.validate.ValidationRule;

/** Each graph's StartAt names one of that graph's own states. */
public final class StartAtTarget implements ValidationRule {
    @Override
    public void check(DefinitionTree tree, Diagnostics out) {
        for (DefinitionTree.Graph graph : tree.graphs()) {
            String startAt = graph.startAt();
            if (startAt != null && graph.statesNode() != null && !graph.statesNode().isEmpty()
                    && !graph.hasState(startAt)) {
                out.error(Diagnostic.MISSING_TRANSITION_TARGET, "Missing 'StartAt' target: " + startAt,
                        graph.fieldLocation("StartAt"));
            }
        }
    }
}
