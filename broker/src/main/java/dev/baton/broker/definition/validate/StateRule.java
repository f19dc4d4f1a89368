package dev.baton.broker.definition.validate;

/** A rule that looks at each state on its own. */
public interface StateRule extends ValidationRule {
    void check(DefinitionTree.StateSite state, Diagnostics out);

    @Override
    default void check(DefinitionTree tree, Diagnostics out) {
        for (DefinitionTree.StateSite state : tree.states()) {
            check(state, out);
        }
    }
}
