package dev.baton.broker.definition.validate.rule;

import dev.baton.broker.definition.validate.Checks;
import dev.baton.broker.definition.validate.DefinitionTree;
import dev.baton.broker.definition.validate.Diagnostics;
import dev.baton.broker.definition.validate.ValidationRule;

import java.util.Set;

/**
 * A state graph has only the fields ASL defines for it: the state machine Comment, StartAt,
 * States, TimeoutSeconds, Version and QueryLanguage; a Parallel branch Comment, StartAt and States;
 * a Map's ItemProcessor (or legacy Iterator, which AWS accepts with it too) also ProcessorConfig.
 */
public final class GraphFields implements ValidationRule {
    private static final Set<String> STATE_MACHINE = Set.of("Comment", "StartAt", "States", "TimeoutSeconds", "Version",
            "QueryLanguage");
    private static final Set<String> BRANCH = Set.of("Comment", "StartAt", "States");
    private static final Set<String> ITEM_PROCESSOR = Set.of("Comment", "StartAt", "States", "ProcessorConfig");

    @Override
    public void check(DefinitionTree tree, Diagnostics out) {
        for (DefinitionTree.Graph graph : tree.graphs()) {
            Set<String> allowed = switch (graph.kind()) {
                case STATE_MACHINE -> STATE_MACHINE;
                case BRANCH -> BRANCH;
                case ITEM_PROCESSOR -> ITEM_PROCESSOR;
            };
            graph.node().fieldNames().forEachRemaining(field -> {
                if (!allowed.contains(field)) {
                    out.schema(Checks.unsupported(field), graph.location().isEmpty() ? "/" : graph.location());
                }
            });
        }
    }
}
