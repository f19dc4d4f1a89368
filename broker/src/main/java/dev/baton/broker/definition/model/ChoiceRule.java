package dev.baton.broker.definition.model;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.broker.dataflow.Path;
import dev.baton.broker.dataflow.jsonata.JsonataTemplate;

import java.util.List;

/** A Choice rule: a comparison, a boolean combination, or (JSONata) a Condition. */
public sealed interface ChoiceRule {

    /**
     * {@code Variable} compared with a literal ({@code value}) or, for a {@code *Path} operator, with the
     * value at {@code valuePath}.
     */
    record Comparison(Path variable, ComparisonOperator operator, JsonNode value, Path valuePath) implements ChoiceRule {
    }

    record And(List<ChoiceRule> rules) implements ChoiceRule {
        public And {
            rules = List.copyOf(rules);
        }
    }

    record Or(List<ChoiceRule> rules) implements ChoiceRule {
        public Or {
            rules = List.copyOf(rules);
        }
    }

    record Not(ChoiceRule rule) implements ChoiceRule {
    }

    /** JSONata {@code Condition}: true or false. */
    record Condition(JsonataTemplate condition) implements ChoiceRule {
    }
}
