package dev.baton.broker.definition.validate.rule;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.broker.definition.StateMachineType;
import dev.baton.broker.definition.model.TaskResource;
import dev.baton.broker.definition.validate.DefinitionTree;
import dev.baton.broker.definition.validate.Diagnostics;
import dev.baton.broker.definition.validate.ValidationRule;

/**
 * An Express state machine runs at most five minutes without durable waits, so AWS rejects the
 * tasks that wait: activities, {@code .sync} / {@code .sync:2} jobs and {@code .waitForTaskToken}
 * callbacks. The messages are AWS's, word for word (including the double space AWS puts before
 * "at" for task tokens).
 */
public final class ExpressIntegrations implements ValidationRule {
    @Override
    public void check(DefinitionTree tree, Diagnostics out) {
        if (tree.type() != StateMachineType.EXPRESS) {
            return;
        }
        for (DefinitionTree.StateSite state : tree.states()) {
            JsonNode resource = state.field("Resource");
            if (!state.is("Task") || resource == null || !resource.isTextual()) {
                continue;
            }
            String at = state.fieldLocation("Resource");
            switch (TaskResource.classify(resource.textValue())) {
                case TaskResource.Activity a -> out.schema("Express state machine does not support Activity ARN", at);
                case TaskResource.ServiceIntegration s when s.pattern() != TaskResource.IntegrationPattern.REQUEST_RESPONSE ->
                        out.schema(message(s.pattern()), at);
                case null, default -> {
                }
            }
        }
    }

    private static String message(TaskResource.IntegrationPattern pattern) {
        return switch (pattern) {
            case WAIT_FOR_TASK_TOKEN -> "Express state machine does not support '.waitForTaskToken' service integration ";
            default -> "Express state machine does not support '" + pattern.suffix() + "' service integration";
        };
    }
}
