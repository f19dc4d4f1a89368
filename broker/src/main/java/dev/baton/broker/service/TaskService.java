package dev.baton.broker.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.broker.dispatch.ActivityDispatcher;
import dev.baton.broker.interpreter.Decision;
import dev.baton.broker.interpreter.TaskTokens;
import dev.baton.broker.interpreter.Trigger;
import dev.baton.broker.runtime.ExecutionRuntime;
import dev.baton.broker.definition.model.LambdaFunctionName;
import dev.baton.proto.v1.GetActivityTaskRequest;
import dev.baton.proto.v1.GetFunctionTaskRequest;
import dev.baton.proto.v1.SendTaskFailureRequest;
import dev.baton.proto.v1.SendTaskFailureResponse;
import dev.baton.proto.v1.SendTaskHeartbeatRequest;
import dev.baton.proto.v1.SendTaskHeartbeatResponse;
import dev.baton.proto.v1.SendTaskSuccessRequest;
import dev.baton.proto.v1.SendTaskSuccessResponse;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * GetActivityTask and GetFunctionTask (long polls) and the task-token callbacks
 * SendTaskSuccess/Failure/Heartbeat.
 */
public final class TaskService {
    /** AWS's limit on a worker name. */
    public static final int MAX_WORKER_NAME_LENGTH = 80;

    private final ActivityService activities;
    private final ActivityDispatcher dispatcher;
    private final ExecutionRuntime runtime;
    private final TaskTokens tokens;
    private final Arns arns;

    public TaskService(ActivityService activities, ActivityDispatcher dispatcher, ExecutionRuntime runtime,
                       TaskTokens tokens, Arns arns) {
        this.arns = arns;
        this.activities = activities;
        this.dispatcher = dispatcher;
        this.runtime = runtime;
        this.tokens = tokens;
    }

    /**
     * Validates a GetActivityTask call and parks it until a task or its timeout.
     *
     * @return a handle that withdraws the poll when the caller goes away
     */
    public Runnable getActivityTask(GetActivityTaskRequest req, ActivityDispatcher.Poll poll) {
        activities.get(req.getActivityArn());
        checkWorkerName(req.getWorkerName());
        try {
            return dispatcher.poll(req.getActivityArn(), poll);
        } catch (ActivityDispatcher.TooManyPollsException e) {
            throw new AwsException("ActivityWorkerLimitExceeded", e.getMessage());
        }
    }

    /**
     * Validates a GetFunctionTask call and parks it on the function's queue (its ARN) until an
     * invocation or its timeout.
     *
     * @return a handle that withdraws the poll when the caller goes away
     */
    public Runnable getFunctionTask(GetFunctionTaskRequest req, ActivityDispatcher.Poll poll) {
        LambdaFunctionName name = LambdaFunctionName.parse(req.getFunctionName());
        if (name == null || name.qualifier() != null) {
            throw AwsException.validation("1 validation error detected: Value '" + req.getFunctionName()
                    + "' at 'functionName' failed to satisfy constraint: Member must be a function name "
                    + "(charge-card), a partial ARN (123456789012:function:charge-card) or a full ARN "
                    + "(arn:aws:lambda:REGION:ACCOUNT:function:charge-card), without a version or alias");
        }
        checkWorkerName(req.getWorkerName());
        try {
            return dispatcher.poll(arns.function(name.name()), poll);
        } catch (ActivityDispatcher.TooManyPollsException e) {
            throw new AwsException("ActivityWorkerLimitExceeded", e.getMessage());
        }
    }

    /** The function ARN a GetFunctionTask call polls (valid calls only). */
    public String functionArn(GetFunctionTaskRequest req) {
        return arns.function(LambdaFunctionName.parse(req.getFunctionName()).name());
    }

    private static void checkWorkerName(String workerName) {
        if (workerName.length() > MAX_WORKER_NAME_LENGTH) {
            throw AwsException.validation("1 validation error detected: Value at 'workerName' failed to satisfy "
                    + "constraint: Member must have length less than or equal to " + MAX_WORKER_NAME_LENGTH);
        }
    }

    public CompletableFuture<SendTaskSuccessResponse> sendTaskSuccess(SendTaskSuccessRequest req) {
        TaskTokens.Decoded token = decode(req.getTaskToken());
        JsonNode output = ExecutionService.parsePayload(req.getOutput(), "InvalidOutput", "Invalid Output");
        return deliver(token, new Trigger.TaskSucceeded(req.getTaskToken(), output))
                .thenApply(d -> SendTaskSuccessResponse.getDefaultInstance());
    }

    public CompletableFuture<SendTaskFailureResponse> sendTaskFailure(SendTaskFailureRequest req) {
        TaskTokens.Decoded token = decode(req.getTaskToken());
        String error = req.hasError() ? req.getError() : null;
        String cause = req.hasCause() ? req.getCause() : null;
        ExecutionService.checkErrorAndCause(error, cause);
        return deliver(token, new Trigger.TaskFailed(req.getTaskToken(), error, cause))
                .thenApply(d -> SendTaskFailureResponse.getDefaultInstance());
    }

    public CompletableFuture<SendTaskHeartbeatResponse> sendTaskHeartbeat(SendTaskHeartbeatRequest req) {
        TaskTokens.Decoded token = decode(req.getTaskToken());
        return deliver(token, new Trigger.TaskHeartbeat(req.getTaskToken()))
                .thenApply(d -> SendTaskHeartbeatResponse.getDefaultInstance());
    }

    private TaskTokens.Decoded decode(String token) {
        if (token.isEmpty()) {
            throw AwsException.invalidToken("A task token is required");
        }
        TaskTokens.Decoded decoded = tokens.decode(token);
        if (decoded == null) {
            // AWS's wording for a token it did not issue (the aws-sdk:sfn integration reports it as the cause).
            throw AwsException.invalidToken("Invalid token");
        }
        return decoded;
    }

    private CompletableFuture<Decision> deliver(TaskTokens.Decoded token, Trigger trigger) {
        return runtime.submit(token.executionId(), trigger).handle((decision, error) -> {
            if (error != null) {
                Throwable cause = error instanceof CompletionException ? error.getCause() : error;
                if (cause instanceof ExecutionRuntime.ExecutionNotFoundException) {
                    throw AwsException.invalidToken("Invalid token: its execution no longer exists");
                }
                throw error instanceof CompletionException c ? c : new CompletionException(error);
            }
            if (!decision.accepted()) {
                throw new AwsException(decision.rejection().errorName(), decision.rejection().message());
            }
            return decision;
        });
    }
}
