package dev.baton.broker.definition.validate.rule;

import dev.baton.broker.definition.Diagnostic;
import dev.baton.broker.definition.validate.DefinitionTree;
import dev.baton.broker.definition.validate.Diagnostics;
import dev.baton.broker.definition.validate.ValidationRule;

/** State names are 1 to 80 characters (AWS's quota "state name length: 80 Unicode characters"). */
public final class StateNameLength implements ValidationRule {
    public static final int MAX_STATE_NAME_LENGTH = 80;

    @Override
    public void check(DefinitionTree tree, Diagnostics out) {
        for (DefinitionTree.Graph graph : tree.graphs()) {
            if (graph.statesNode() == null) {
                continue;
            }
            graph.statesNode().fieldNames().forEachRemaining(name -> {
                int length = name.codePointCount(0, name.length());
                if (length == 0 || length > MAX_STATE_NAME_LENGTH) {
                    out.error(Diagnostic.INVALID_STATE_NAME, "State name '" + name + "' must be between 1 and "
                            + MAX_STATE_NAME_LENGTH + " characters long, not " + length,
                            graph.location() + "/States/" + name);
                }
            });
        }
    }
}
