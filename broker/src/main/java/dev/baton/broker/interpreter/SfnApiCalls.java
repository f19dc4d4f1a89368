package dev.baton.broker.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.broker.definition.model.TaskResource;
import dev.baton.broker.definition.model.TaskState;

import java.util.List;

/**
 * {@code arn:aws:states:::aws-sdk:sfn:ACTION}: a Step Functions API call the broker makes on the
 * task's behalf, with the AWS SDK's member names in and out. Its errors are AWS's SDK integration
 * errors ({@code Sfn.InvalidTokenException}, ...). {@code .waitForTaskToken} records the response as
 * TaskSubmitted and waits for the task token's callback.
 */
final class SfnApiCalls {
    /** The actions Baton makes; others fail the state with States.Runtime. */
    static final List<String> ACTIONS = List.of("startExecution", "describeExecution", "stopExecution",
            "sendTaskSuccess", "sendTaskFailure", "sendTaskHeartbeat");

    private SfnApiCalls() {
    }

    static boolean supports(String action) {
        return ACTIONS.contains(action);
    }

    static Outcome call(Decider d, RunState run, TaskState task, JsonNode parameters) {
        String action = ((TaskResource.ServiceIntegration) task.resource()).action();
        JsonNode call = parameters;
        if (action.equals("startExecution") && parameters instanceof com.fasterxml.jackson.databind.node.ObjectNode p
                && !p.hasNonNull("Name")) {
            // Fixed here, from the execution's seeded random source, so that the call made again after a
            // crash starts the same execution rather than a second one (AWS would pick a random UUID).
            com.fasterxml.jackson.databind.node.ObjectNode named = p.deepCopy();
            named.put("Name", ChildExecutions.uuid(d.context(run, task).random()));
            named.put(Command.CallApi.GENERATED_NAME, true);
            call = named;
        }
        d.callApi(run.task.token(), action, call);
        return Outcome.WAITING;
    }

    static Outcome responded(Decider d, RunState run, TaskState task, JsonNode response) {
        if (!run.task.started()) {
            TaskStep.markStarted(d, run, null);
        }
        String token = run.task.token();
        if (TaskStep.pattern(task) == TaskResource.IntegrationPattern.WAIT_FOR_TASK_TOKEN) {
            run.task = run.task.withSubmitted();
            d.event(run, EventType.TaskSubmitted, new EventDetails.TaskOutput(TaskStep.resourceType(task),
                    TaskStep.resourceName(task), response, EventDetails.DataDetails.NOT_TRUNCATED));
            return Outcome.WAITING;
        }
        d.finishTask(run);
        TaskStep.succeededEvent(d, run, task, response);
        return TaskStep.complete(d, run, task, token, response);
    }
}
