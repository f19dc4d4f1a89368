package dev.baton.broker.definition.validate.rule;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.broker.definition.model.TaskResource;
import dev.baton.broker.definition.validate.Checks;
import dev.baton.broker.definition.validate.DefinitionTree;
import dev.baton.broker.definition.validate.Diagnostics;
import dev.baton.broker.definition.validate.StateRule;

import java.util.List;

/**
 * A Task has a Resource that is an activity ARN, a Lambda function ARN, or a service integration
 * {@code arn:aws:states:::SERVICE:ACTION[.sync|.sync:2|.waitForTaskToken]} (including
 * {@code aws-sdk:*}). AWS's wording for anything else: "The resource provided X is not recognized.
 * The value is not a valid resource ARN, or the resource is not available in this region."
 */
public final class TaskResourceArn implements StateRule {
    @Override
    public void check(DefinitionTree.StateSite state, Diagnostics out) {
        if (!state.is("Task")) {
            return;
        }
        JsonNode resource = state.field("Resource");
        if (resource == null) {
            out.schema(Checks.required(List.of("Resource")), state.location());
        } else if (!resource.isTextual()) {
            out.schema(Checks.mustBe("Resource", "a STRING"), state.fieldLocation("Resource"));
        } else if (TaskResource.classify(resource.textValue()) == null) {
            out.schema("The resource provided " + resource.textValue() + " is not recognized. The value is not a valid "
                    + "resource ARN, or the resource is not available in this region.", state.fieldLocation("Resource"));
        }
    }
}
