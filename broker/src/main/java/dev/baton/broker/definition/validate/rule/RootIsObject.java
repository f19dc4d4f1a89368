package dev.baton.broker.definition.validate.rule;

import dev.baton.broker.definition.Diagnostic;
import dev.baton.broker.definition.validate.DefinitionTree;
import dev.baton.broker.definition.validate.Diagnostics;
import dev.baton.broker.definition.validate.ValidationRule;

/** A definition is a JSON object. */
public final class RootIsObject implements ValidationRule {
    @Override
    public void check(DefinitionTree tree, Diagnostics out) {
        if (tree.rootObject() == null) {
            out.error(Diagnostic.INVALID_JSON_DESCRIPTION,
                    "The definition must be a JSON object, not " + tree.root().getNodeType(), null);
        }
    }
}
