package dev.baton.broker.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.broker.definition.model.ChoiceState;

/**
 * Choice: the first rule that matches the effective input (after InputPath) picks the next state,
 * else Default; with no Default the run fails with States.NoChoiceMatched. The output is the
 * effective input after OutputPath.
 */
final class ChoiceStep {
    /** AWS's cause when no rule matches and there is no Default. */
    static final String NO_MATCH_CAUSE = "No Matches!";

    private ChoiceStep() {
    }

    static Outcome start(Decider d, RunState run, ChoiceState choice) {
        StateContext context = d.context(run, choice);
        JsonNode input = DataFlow.inputPath(choice.io(), run.stateInput, context);
        String next = choice.defaultState();
        for (ChoiceState.Branch branch : choice.choices()) {
            if (ChoiceRules.evaluate(branch.rule(), input, context)) {
                next = branch.next();
                break;
            }
        }
        if (next == null) {
            return new Outcome.Failed(new StateFailure(StateFailure.NO_CHOICE_MATCHED, NO_MATCH_CAUSE));
        }
        return new Outcome.Completed(DataFlow.outputPath(choice.io(), input, context), next);
    }
}
