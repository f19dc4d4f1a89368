package dev.baton.broker.interpreter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.broker.dataflow.Json;
import dev.baton.broker.definition.model.TaskResource;
import dev.baton.broker.definition.model.TaskState;

import java.util.Map;
import java.util.UUID;
import java.util.random.RandomGenerator;

/**
 * {@code arn:aws:states:::states:startExecution} with its four patterns, as AWS runs them:
 * <ul>
 *   <li>request-response: TaskSucceeded with StartExecution's response ({@code ExecutionArn},
 *       {@code StartDate} and the HTTP metadata);</li>
 *   <li>{@code .sync}: TaskSubmitted with that response, then, when the child ends, TaskSucceeded with
 *       DescribeExecution's shape ({@code Input} and {@code Output} as JSON text), or TaskFailed with
 *       {@code States.TaskFailed} and that shape as the cause;</li>
 *   <li>{@code .sync:2}: the same with {@code Input} and {@code Output} as JSON;</li>
 *   <li>{@code .waitForTaskToken}: TaskSubmitted, then the task token's callback.</li>
 * </ul>
 * The child's name is {@code Name}, or a UUID made from the execution's seeded random source, so a
 * start made again after a crash names the same child. Its input is {@code Input} as JSON text (a
 * string is taken as the text itself, as the API takes it; none is {@code {}}).
 */
final class ChildExecutions {
    private ChildExecutions() {
    }

    static Outcome start(Decider d, RunState run, TaskState task, JsonNode parameters) {
        JsonNode arn = parameters.path("StateMachineArn");
        JsonNode name = parameters.path("Name");
        JsonNode input = parameters.path("Input");
        JsonNode trace = parameters.path("TraceHeader");
        String childName = name.isMissingNode() || name.isNull() ? uuid(d.context(run, task).random())
                : name.isTextual() ? name.textValue() : Json.write(name);
        String inputText = input.isMissingNode() || input.isNull() ? "{}"
                : input.isTextual() ? input.textValue() : Json.write(input);
        d.startChild(run.task.token(), arn.isTextual() ? arn.textValue() : Json.write(arn), childName, inputText,
                trace.isTextual() ? trace.textValue() : null, TaskStep.waitsForChild(task));
        return Outcome.WAITING;
    }

    static String uuid(RandomGenerator random) {
        long msb = (random.nextLong() & ~0xF000L) | 0x4000L;
        long lsb = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb).toString();
    }

    /** The child started ({@code ExecutionArn}, {@code StartDate}). */
    static Outcome started(Decider d, RunState run, TaskState task, JsonNode response) {
        String childArn = response.path("ExecutionArn").asText();
        run.task = run.task.withChild(childArn);
        if (!run.task.started()) {
            TaskStep.markStarted(d, run, null);
        }
        JsonNode shaped = startResponse(d, run.task.token(), childArn, response.path("StartDate").asLong());
        if (TaskStep.pattern(task) == TaskResource.IntegrationPattern.REQUEST_RESPONSE) {
            String token = run.task.token();
            d.finishTask(run);
            TaskStep.succeededEvent(d, run, task, shaped);
            return TaskStep.complete(d, run, task, token, shaped);
        }
        submitted(d, run, task, shaped);
        return Outcome.WAITING;
    }

    private static void submitted(Decider d, RunState run, TaskState task, JsonNode shaped) {
        run.task = run.task.withSubmitted();
        d.event(run, EventType.TaskSubmitted, new EventDetails.TaskOutput(TaskStep.resourceType(task),
                TaskStep.resourceName(task), shaped, EventDetails.DataDetails.NOT_TRUNCATED));
    }

    /** The child a {@code .sync} or {@code .sync:2} task waits for has ended. */
    static Outcome ended(Decider d, RunState run, TaskState task, Trigger.ChildExecution child) {
        if (!TaskStep.waitsForChild(task)) {
            return Outcome.WAITING;
        }
        if (!run.task.started()) {
            // The child ended before its start was recorded here (a child that needs no waiting ends within its start).
            TaskStep.markStarted(d, run, null);
        }
        if (!run.task.submitted()) {
            run.task = run.task.withChild(child.executionArn());
            submitted(d, run, task, startResponse(d, run.task.token(), child.executionArn(), child.startDate()));
        }
        String token = run.task.token();
        JsonNode description = describe(child, TaskStep.pattern(task) == TaskResource.IntegrationPattern.RUN_JOB_V2);
        d.finishTask(run);
        if (child.status().equals(ExecutionStatus.SUCCEEDED.name())) {
            TaskStep.succeededEvent(d, run, task, description);
            return TaskStep.complete(d, run, task, token, description);
        }
        // AWS: a child that failed, timed out or was aborted fails the task with States.TaskFailed.
        String cause = Json.write(description);
        d.event(run, EventType.TaskFailed, new EventDetails.TaskError(TaskStep.resourceType(task),
                TaskStep.resourceName(task), StateFailure.TASK_FAILED, cause));
        return new Outcome.Failed(new StateFailure(StateFailure.TASK_FAILED, cause));
    }

    /** StartExecution's response with the integration's HTTP metadata. */
    static JsonNode startResponse(Decider d, String token, String executionArn, long startDate) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("ExecutionArn", executionArn);
        // The body AWS's JSON protocol answered with: epoch seconds.
        String body = "{\"executionArn\":" + Json.MAPPER.getNodeFactory().textNode(executionArn) + ",\"startDate\":"
                + (startDate / 1000.0) + "}";
        ServiceResponses.addMetadata(out, body, "application/x-amz-json-1.0", TaskTokens.requestId(token), d.now, Map.of());
        out.put("StartDate", startDate);
        return out;
    }

    /**
     * DescribeExecution's shape of an ended child, as {@code .sync} ({@code Input}/{@code Output} as
     * text) or {@code .sync:2} (as JSON) report it. AWS reports the redrive fields of a succeeded
     * execution (it cannot be redriven); the only recorded failed child carries none, so failed ones
     * have none here either.
     */
    static JsonNode describe(Trigger.ChildExecution child, boolean v2) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        if (child.cause() != null) {
            out.put("Cause", child.cause());
        }
        if (child.error() != null) {
            out.put("Error", child.error());
        }
        out.put("ExecutionArn", child.executionArn());
        out.set("Input", v2 ? parsed(child.input()) : Json.MAPPER.getNodeFactory().textNode(child.input()));
        out.putObject("InputDetails").put("Included", true);
        out.put("Name", child.name());
        boolean succeeded = child.status().equals(ExecutionStatus.SUCCEEDED.name());
        if (succeeded) {
            out.set("Output", v2 ? parsed(child.output()) : Json.MAPPER.getNodeFactory().textNode(child.output()));
            out.putObject("OutputDetails").put("Included", true);
            out.put("RedriveCount", 0);
            out.put("RedriveStatus", "NOT_REDRIVABLE");
            out.put("RedriveStatusReason", Redrives.notRedrivableInStatus(ExecutionStatus.SUCCEEDED));
        }
        out.put("StartDate", child.startDate());
        out.put("StateMachineArn", child.stateMachineArn());
        out.put("Status", child.status());
        out.put("StopDate", child.stopDate());
        return out;
    }

    private static JsonNode parsed(String text) {
        try {
            return Json.parse(text);
        } catch (JsonProcessingException e) {
            return Json.MAPPER.getNodeFactory().textNode(text);
        }
    }
}
