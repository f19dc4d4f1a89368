package dev.baton.broker.definition.validate;

import dev.baton.broker.definition.validate.rule.AssignVariableNames;
import dev.baton.broker.definition.validate.rule.GraphShape;
import dev.baton.broker.definition.validate.rule.JsonataExpressions;
import dev.baton.broker.definition.validate.rule.NextOrEnd;
import dev.baton.broker.definition.validate.rule.ReachableStates;
import dev.baton.broker.definition.validate.rule.RootIsObject;
import dev.baton.broker.definition.validate.rule.StartAtTarget;
import dev.baton.broker.definition.validate.rule.StateType;
import dev.baton.broker.definition.validate.rule.TerminalState;
import dev.baton.broker.definition.validate.rule.TransitionTargets;

import java.util.List;

/** Runs every validation rule over a definition tree; all problems are reported at once. */
public final class DefinitionValidator {

    /** Every rule, in the order their findings are listed. */
    public static final List<ValidationRule> RULES = List.of(
            new RootIsObject(),
            new GraphShape(),
            new StateType(),
            new NextOrEnd(),
            new StartAtTarget(),
            new TransitionTargets(),
            new ReachableStates(),
            new TerminalState(),
            new JsonataExpressions(),
            new AssignVariableNames());

    private DefinitionValidator() {
    }

    public static void validate(DefinitionTree tree, Diagnostics out) {
        for (ValidationRule rule : RULES) {
            rule.check(tree, out);
        }
    }
}
