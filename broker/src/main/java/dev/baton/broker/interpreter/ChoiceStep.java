package dev.baton.broker.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.broker.dataflow.PayloadTemplate;
import dev.baton.broker.dataflow.jsonata.JsonataScope;
import dev.baton.broker.dataflow.jsonata.JsonataTemplate;
import dev.baton.broker.dataflow.variables.Assignment;
import dev.baton.broker.definition.model.ChoiceRule;
import dev.baton.broker.definition.model.ChoiceState;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Choice: the first rule that matches picks the next state, else Default; with no Default the run
 * fails with States.NoChoiceMatched.
 *
 * <p>JSONPath: the rules test the effective input (after InputPath), which is also the output
 * (after OutputPath) and {@code $} for Assign. JSONata: each rule's Condition is an expression that
 * must give a boolean; the output is the matching rule's Output, else the state's, else the input.
 *
 * <p>Assign: the state's Assign applies whichever rule matches (AWS: "an Assign block at the state
 * level ... applies regardless of which choice rule matches"), and the matching rule's own Assign
 * adds to it, its values winning for the names both assign.
 */
final class ChoiceStep {
    /** AWS's cause when no rule matches and there is no Default. */
    static final String NO_MATCH_CAUSE = "No Matches!";

    private ChoiceStep() {
    }

    static Outcome start(Decider d, RunState run, ChoiceState choice) {
        StateContext context = d.context(run, choice);
        return DataFlow.jsonata(choice) ? jsonata(run, choice, context) : jsonPath(run, choice, context);
    }

    private static Outcome jsonPath(RunState run, ChoiceState choice, StateContext context) {
        JsonNode input = DataFlow.inputPath(choice.io(), run.stateInput, context);
        ChoiceState.Branch matched = null;
        for (ChoiceState.Branch branch : choice.choices()) {
            if (ChoiceRules.evaluate(branch.rule(), input, context)) {
                matched = branch;
                break;
            }
        }
        if (matched == null && choice.defaultState() == null) {
            return noMatch();
        }
        Assignment assignment = DataFlow.assignment(choice.io(), input, context);
        if (matched != null && matched.assign() instanceof PayloadTemplate assign) {
            assignment = merge(assignment, Assignment.evaluate(assign, input, context));
        }
        String next = matched != null ? matched.next() : choice.defaultState();
        return new Outcome.Completed(DataFlow.outputPath(choice.io(), input, context), next, assignment);
    }

    private static Outcome jsonata(RunState run, ChoiceState choice, StateContext context) {
        JsonataScope scope = context.jsonata();
        ChoiceState.Branch matched = null;
        int index = -1;
        for (int i = 0; i < choice.choices().size(); i++) {
            ChoiceState.Branch branch = choice.choices().get(i);
            if (!(branch.rule() instanceof ChoiceRule.Condition condition)) {
                throw new IllegalStateException("a JSONata Choice rule without a Condition passed validation");
            }
            if (condition.condition().evaluate(scope, "Choices[" + i + "]/Condition", "boolean").booleanValue()) {
                matched = branch;
                index = i;
                break;
            }
        }
        if (matched == null && choice.defaultState() == null) {
            return noMatch();
        }
        Assignment assignment = choice.io().assign() instanceof JsonataTemplate assign
                ? Assignment.evaluate(assign, scope, "Assign") : Assignment.NONE;
        if (matched != null && matched.assign() instanceof JsonataTemplate assign) {
            assignment = merge(assignment, Assignment.evaluate(assign, scope, "Choices[" + index + "]/Assign"));
        }
        JsonNode output;
        if (matched != null && matched.output() != null) {
            output = matched.output().evaluate(scope, "Choices[" + index + "]/Output");
        } else if (choice.io().output() != null) {
            output = choice.io().output().evaluate(scope, "Output");
        } else {
            output = run.stateInput;
        }
        String next = matched != null ? matched.next() : choice.defaultState();
        return new Outcome.Completed(output, next, assignment);
    }

    private static Outcome noMatch() {
        return new Outcome.Failed(new StateFailure(StateFailure.NO_CHOICE_MATCHED, NO_MATCH_CAUSE));
    }

    /** The state's assignment with the matching rule's on top. */
    private static Assignment merge(Assignment state, Assignment rule) {
        if (state.isEmpty()) {
            return rule;
        }
        Map<String, JsonNode> values = new LinkedHashMap<>(state.values());
        values.putAll(rule.values());
        return new Assignment(values);
    }
}
