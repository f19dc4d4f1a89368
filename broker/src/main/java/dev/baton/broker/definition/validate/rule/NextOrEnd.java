package dev.baton.broker.definition.validate.rule;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.broker.definition.validate.DefinitionTree;
import dev.baton.broker.definition.validate.Diagnostics;
import dev.baton.broker.definition.validate.StateRule;

import java.util.Set;

/**
 * Pass, Task, Wait, Parallel and Map states say where to go: exactly one of a string Next or
 * {@code "End": true}. Choice, Succeed and Fail take neither (Choice moves through its rules).
 */
public final class NextOrEnd implements StateRule {
    private static final Set<String> TRANSITIONING = Set.of("Pass", "Task", "Wait", "Parallel", "Map");

    @Override
    public void check(DefinitionTree.StateSite state, Diagnostics out) {
        String type = state.type();
        if (type == null) {
            return;
        }
        JsonNode next = state.field("Next");
        JsonNode end = state.field("End");
        if (next != null && !next.isTextual()) {
            out.schema("The value for the field 'Next' must be a STRING", state.fieldLocation("Next"));
        }
        if (end != null && !end.isBoolean()) {
            out.schema("The value for the field 'End' must be a BOOLEAN", state.fieldLocation("End"));
        }
        if (!TRANSITIONING.contains(type)) {
            return; // Next/End in Choice/Succeed/Fail are unsupported fields, reported by FieldsAllowed
        }
        boolean ends = end != null && end.isBoolean() && end.booleanValue();
        if (next != null && ends) {
            out.schema("Only one of the fields [Next, End] may be set", state.location());
        } else if (next == null && !ends) {
            if (end != null && end.isBoolean()) {
                out.schema("The field 'End' must be true when there is no 'Next'", state.fieldLocation("End"));
            } else {
                out.schema("Exactly one of the fields [Next, End] is required", state.location());
            }
        }
    }
}
