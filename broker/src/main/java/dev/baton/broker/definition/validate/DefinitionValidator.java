package dev.baton.broker.definition.validate;

import dev.baton.broker.definition.validate.rule.CatcherShape;
import dev.baton.broker.definition.validate.rule.ChoiceRuleShape;
import dev.baton.broker.definition.validate.rule.ComparisonOperands;
import dev.baton.broker.definition.validate.rule.CredentialsShape;
import dev.baton.broker.definition.validate.rule.ExpressIntegrations;
import dev.baton.broker.definition.validate.rule.FailFields;
import dev.baton.broker.definition.validate.rule.FieldsAllowed;
import dev.baton.broker.definition.validate.rule.GraphFields;
import dev.baton.broker.definition.validate.rule.GraphShape;
import dev.baton.broker.definition.validate.rule.HeartbeatBelowTimeout;
import dev.baton.broker.definition.validate.rule.ItemBatcherShape;
import dev.baton.broker.definition.validate.rule.ItemReaderShape;
import dev.baton.broker.definition.validate.rule.JsonataExpressions;
import dev.baton.broker.definition.validate.rule.JsonataFieldShapes;
import dev.baton.broker.definition.validate.rule.MapLabel;
import dev.baton.broker.definition.validate.rule.MapLimits;
import dev.baton.broker.definition.validate.rule.MapProcessor;
import dev.baton.broker.definition.validate.rule.NextOrEnd;
import dev.baton.broker.definition.validate.rule.NoDollar;
import dev.baton.broker.definition.validate.rule.NoPath;
import dev.baton.broker.definition.validate.rule.ParallelBranches;
import dev.baton.broker.definition.validate.rule.PassResultIsStatic;
import dev.baton.broker.definition.validate.rule.PayloadTemplates;
import dev.baton.broker.definition.validate.rule.ReachableStates;
import dev.baton.broker.definition.validate.rule.ReferencePaths;
import dev.baton.broker.definition.validate.rule.ResultWriterShape;
import dev.baton.broker.definition.validate.rule.RetrierShape;
import dev.baton.broker.definition.validate.rule.RootIsObject;
import dev.baton.broker.definition.validate.rule.StartAtTarget;
import dev.baton.broker.definition.validate.rule.StateMachineFields;
import dev.baton.broker.definition.validate.rule.StateNameLength;
import dev.baton.broker.definition.validate.rule.StateQueryLanguage;
import dev.baton.broker.definition.validate.rule.StateType;
import dev.baton.broker.definition.validate.rule.StatesAllLast;
import dev.baton.broker.definition.validate.rule.StringFields;
import dev.baton.broker.definition.validate.rule.TaskResourceArn;
import dev.baton.broker.definition.validate.rule.TaskTimeouts;
import dev.baton.broker.definition.validate.rule.TerminalState;
import dev.baton.broker.definition.validate.rule.TransitionTargets;
import dev.baton.broker.definition.validate.rule.VariableNames;
import dev.baton.broker.definition.validate.rule.WaitDuration;
import dev.baton.broker.definition.validate.rule.WaitTimestampFormat;

import java.util.List;

/** Runs every validation rule over a definition tree; all problems are reported at once. */
public final class DefinitionValidator {

    /** Every rule, in the order their findings are listed. */
    public static final List<ValidationRule> RULES = List.of(
            // the document and its state graphs
            new RootIsObject(),
            new GraphShape(),
            new GraphFields(),
            new StateMachineFields(),
            new StateNameLength(),
            // every state
            new StateType(),
            new FieldsAllowed(),
            new StateQueryLanguage(),
            new StringFields(),
            new NextOrEnd(),
            new ReferencePaths(),
            new PayloadTemplates(),
            new JsonataFieldShapes(),
            new JsonataExpressions(),
            new VariableNames(),
            new RetrierShape(),
            new CatcherShape(),
            new StatesAllLast(),
            // state types
            new TaskResourceArn(),
            new TaskTimeouts(),
            new HeartbeatBelowTimeout(),
            new CredentialsShape(),
            new ExpressIntegrations(),
            new ChoiceRuleShape(),
            new ComparisonOperands(),
            new WaitDuration(),
            new WaitTimestampFormat(),
            new FailFields(),
            new ParallelBranches(),
            new MapProcessor(),
            new MapLimits(),
            new MapLabel(),
            new ItemReaderShape(),
            new ItemBatcherShape(),
            new ResultWriterShape(),
            // transitions
            new StartAtTarget(),
            new TransitionTargets(),
            new ReachableStates(),
            new TerminalState(),
            // warnings
            new NoDollar(),
            new NoPath(),
            new PassResultIsStatic());

    private DefinitionValidator() {
    }

    public static void validate(DefinitionTree tree, Diagnostics out) {
        for (ValidationRule rule : RULES) {
            rule.check(tree, out);
        }
    }
}
