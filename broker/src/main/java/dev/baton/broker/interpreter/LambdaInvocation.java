package dev.baton.broker.interpreter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.broker.dataflow.Json;
import dev.baton.broker.definition.model.LambdaFunctionName;
import dev.baton.broker.definition.model.TaskResource;
import dev.baton.broker.definition.model.TaskState;

import java.util.Map;

/**
 * {@code arn:aws:states:::lambda:invoke} and {@code lambda:invoke.waitForTaskToken}: the function
 * named by {@code FunctionName} (a name, partial or full ARN, optionally qualified) is invoked with
 * {@code Payload} by a function worker polling its queue (GetFunctionTask). Its result comes back
 * in Lambda Invoke's response, as AWS's integration returns it: {@code ExecutedVersion},
 * {@code Payload}, {@code SdkHttpMetadata}, {@code SdkResponseMetadata}, {@code StatusCode}.
 *
 * <p>With {@code .waitForTaskToken}, the invocation is queued under a token of its own: the worker's
 * answer to it is recorded as TaskSubmitted (or, if the function failed, fails the state), and the
 * state then waits for SendTaskSuccess/SendTaskFailure with the task token the payload carries.
 */
final class LambdaInvocation {
    /** What AWS reports as the executed version: Baton runs whatever its workers serve. */
    static final String EXECUTED_VERSION = "$LATEST";

    private LambdaInvocation() {
    }

    /** The queue of a function's invocations: its unqualified ARN in this broker's region and account. */
    static String queue(Decider d, String functionName) {
        return "arn:aws:lambda:" + TaskStep.Arns.region(d.s.executionArn) + ":" + TaskStep.Arns.account(d.s.executionArn)
                + ":function:" + functionName;
    }

    static Outcome schedule(Decider d, RunState run, TaskState task, JsonNode parameters) {
        JsonNode fn = parameters.path("FunctionName");
        LambdaFunctionName name = fn.isTextual() ? LambdaFunctionName.parse(fn.textValue()) : null;
        String requestId = TaskTokens.requestId(run.task.token());
        if (name == null) {
            // Lambda's answer to a malformed name, which the SDK reports as AWSLambdaException.
            return failAtOnce(d, run, "Lambda.AWSLambdaException", ServiceResponses.sdkV1Cause(
                    "1 validation error detected: Value '" + (fn.isMissingNode() ? "null" : fn.isTextual() ? fn.textValue()
                            : Json.write(fn)) + "' at 'functionName' failed to satisfy constraint: Member must satisfy "
                            + "regular expression pattern: (arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}(-gov)?-[a-z]+-\\d{1}:)?"
                            + "(\\d{12}:)?(function:)?([a-zA-Z0-9-_\\.]+)(:(\\$LATEST|[a-zA-Z0-9-_]+))?",
                    "AWSLambda", 400, "ValidationException", requestId));
        }
        JsonNode invocationType = parameters.path("InvocationType");
        if (invocationType.isTextual() && !invocationType.textValue().equals("RequestResponse")) {
            throw StateFailure.runtime(run, "InvocationType '" + invocationType.textValue() + "' is not supported by "
                    + "this version of Baton: function tasks wait for the function's result (RequestResponse).");
        }
        JsonNode payload = parameters.path("Payload");
        if (payload.isMissingNode() || payload.isNull()) {
            payload = Json.MAPPER.createObjectNode();
        } else if (payload.isTextual()) {
            // A string Payload is the invocation's body as it is, as Lambda's Invoke takes it.
            try {
                payload = Json.parse(payload.textValue());
            } catch (JsonProcessingException e) {
                return failAtOnce(d, run, "Lambda.InvalidRequestContentException", ServiceResponses.sdkV1Cause(
                        "Could not parse request body into json: " + e.getOriginalMessage(), "AWSLambda", 400,
                        "InvalidRequestContentException", requestId));
            }
        }
        String queue = name.arn(TaskStep.Arns.region(d.s.executionArn), TaskStep.Arns.account(d.s.executionArn));
        RunState.PendingTask t = run.task;
        String invocation = TaskStep.pattern(task) == TaskResource.IntegrationPattern.WAIT_FOR_TASK_TOKEN
                ? d.tokens.issue(d.s.executionId, ++d.s.sequence) : null;
        run.task = new RunState.PendingTask(t.token(), queue, payload, t.timeoutSeconds(), t.heartbeatSeconds(), false,
                t.timeoutTimer(), null, invocation, false, null);
        d.scheduleTask(run.task.queuedToken(), queue, payload, t.heartbeatSeconds());
        return Outcome.WAITING;
    }

    private static Outcome failAtOnce(Decider d, RunState run, String error, String cause) {
        TaskStep.markStarted(d, run, null);
        return TaskStep.failed(d, run, error, cause);
    }

    /**
     * The function of a {@code .waitForTaskToken} invocation returned: TaskSubmitted with Invoke's
     * response; the state waits on for its task token.
     */
    static Outcome returned(Decider d, RunState run, TaskState task, JsonNode result) {
        RunState.PendingTask t = run.task;
        d.withdrawTask(t.invocation(), t.resource());
        run.task = t.withSubmitted();
        d.event(run, EventType.TaskSubmitted, new EventDetails.TaskOutput(TaskStep.resourceType(task),
                TaskStep.resourceName(task), response(d, t.invocation(), result), EventDetails.DataDetails.NOT_TRUNCATED));
        return Outcome.WAITING;
    }

    /** Lambda Invoke's response around the function's result, as the optimised integration returns it. */
    static JsonNode response(Decider d, String token, JsonNode payload) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("ExecutedVersion", EXECUTED_VERSION);
        out.set("Payload", payload);
        ServiceResponses.addMetadata(out, Json.write(payload), "application/json", TaskTokens.requestId(token), d.now,
                Map.of("X-Amz-Executed-Version", EXECUTED_VERSION));
        out.put("StatusCode", 200);
        return out;
    }
}
