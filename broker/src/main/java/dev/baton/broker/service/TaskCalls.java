package dev.baton.broker.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.broker.dataflow.Json;
import dev.baton.broker.interpreter.Command;
import dev.baton.broker.interpreter.ExecutionSnapshot;
import dev.baton.broker.interpreter.ExecutionStatus;
import dev.baton.broker.interpreter.MapRunProgress;
import dev.baton.broker.interpreter.Trigger;
import dev.baton.broker.persistence.BrokerCallRepository;
import dev.baton.broker.persistence.ExecutionRepository;
import dev.baton.broker.persistence.MapRunRepository;
import dev.baton.broker.runtime.BrokerCalls;
import dev.baton.broker.runtime.ExecutionRuntime;
import dev.baton.broker.runtime.SnapshotCodec;
import dev.baton.proto.v1.DescribeExecutionRequest;
import dev.baton.proto.v1.DescribeExecutionResponse;
import dev.baton.proto.v1.SendTaskFailureRequest;
import dev.baton.proto.v1.SendTaskHeartbeatRequest;
import dev.baton.proto.v1.SendTaskSuccessRequest;
import dev.baton.proto.v1.StartExecutionRequest;
import dev.baton.proto.v1.StartExecutionResponse;
import dev.baton.proto.v1.StopExecutionRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * The calls the broker makes for tasks, once the decisions that ask for them are committed:
 * <ul>
 *   <li>child executions of {@code states:startExecution} (started through the same path as
 *       StartExecution, knowing their parent), stopped when a {@code .sync} task is aborted, and
 *       reported to a waiting parent when they end;</li>
 *   <li>Step Functions API calls of {@code aws-sdk:sfn:ACTION} tasks;</li>
 *   <li>the child executions of distributed Maps' map runs: started, redriven, stopped when their
 *       map run no longer waits for them, and reported to their parent when they end.</li>
 * </ul>
 * Each answer goes back to the task's execution as a trigger. Every call has a {@code broker_call}
 * row from the decision that asks for it, so {@link #recover()} makes again the calls whose tasks
 * had not heard back before a crash, and reports children that ended meanwhile.
 */
public final class TaskCalls {
    private static final Logger log = LoggerFactory.getLogger(TaskCalls.class);
    /** AWS's HTTP status of the client errors the API reports. */
    private static final int CLIENT_ERROR = 400;

    private final ExecutionService executions;
    private final TaskService tasks;
    private final ExecutionRuntime runtime;
    private final ExecutionRepository executionRows;
    private final BrokerCallRepository calls;
    private final MapRunRepository mapRuns;

    public TaskCalls(ExecutionService executions, TaskService tasks, ExecutionRuntime runtime,
                     ExecutionRepository executionRows, BrokerCallRepository calls, MapRunRepository mapRuns) {
        this.mapRuns = mapRuns;
        this.executions = executions;
        this.tasks = tasks;
        this.runtime = runtime;
        this.executionRows = executionRows;
        this.calls = calls;
    }

    /**
     * Carries out a committed call command of {@code snapshot}'s execution.
     *
     * @param definitionHash the definition the execution runs (a map run's children run a part of it)
     */
    public void apply(ExecutionSnapshot snapshot, String definitionHash, Command command) {
        switch (command) {
            case Command.StartMapRunChild c -> startMapRunChild(snapshot, definitionHash, c);
            case Command.RedriveMapRunChild c -> redriveMapRunChild(snapshot.executionId, c);
            case Command.AbortMapRunChild c -> stopMapRunChild(c.mapRunArn(), c.executionArn());
            case Command.StartChildExecution c -> startChild(snapshot.executionId, c);
            case Command.CallApi c -> callApi(snapshot.executionId, c);
            case Command.CloseCall c -> {
                if (c.stopChild()) {
                    stopChild(snapshot.executionArn, c.childArn());
                }
            }
            case Command.NotifyParent c -> runtime.submit(c.parentExecutionId(),
                    new Trigger.ChildEnded(c.parentTaskToken(), childExecution(snapshot)));
            default -> throw new IllegalArgumentException("not a call the broker makes for a task: " + command);
        }
    }

    // ---- child executions ----

    private void startChild(long parentId, Command.StartChildExecution c) {
        StartExecutionRequest.Builder req = StartExecutionRequest.newBuilder().setStateMachineArn(c.stateMachineArn())
                .setName(c.name()).setInput(c.input());
        if (c.traceHeader() != null) {
            req.setTraceHeader(c.traceHeader());
        }
        call(() -> executions.start(req.build(), new ExecutionService.ParentLink(parentId, c.taskToken(), c.waitsForEnd())))
                .whenComplete((started, error) -> {
                    if (error != null) {
                        runtime.submit(parentId, failed(c.taskToken(), "StepFunctions", error, TaskCalls::sdkV1Cause));
                        return;
                    }
                    ObjectNode response = Json.MAPPER.createObjectNode();
                    response.put("ExecutionArn", started.getExecutionArn());
                    response.put("StartDate", started.getStartDate().getSeconds() * 1000
                            + started.getStartDate().getNanos() / 1_000_000);
                    runtime.submit(parentId, new Trigger.ServiceResponded(c.taskToken(), response))
                            .whenComplete((decision, e) -> {
                                if (c.waitsForEnd() && e == null && !decision.accepted()) {
                                    // The parent's task ended while the child started: nobody waits for it any more.
                                    stopChild(null, started.getExecutionArn());
                                }
                            });
                });
    }

    private void stopChild(String parentArn, String childArn) {
        StopExecutionRequest.Builder stop = StopExecutionRequest.newBuilder().setExecutionArn(childArn);
        if (parentArn != null) {
            stop.setCause("The parent execution " + parentArn + " no longer waits for this execution: its "
                    + "states:startExecution.sync task was aborted or timed out, or the parent ended.");
        }
        call(() -> executions.stop(stop.build())).whenComplete((stopped, error) -> {
            if (error != null) {
                log.warn("Stopping the child execution {} failed: {}", childArn, unwrap(error).toString());
            }
        });
    }

    // ---- map runs' child executions ----

    private void startMapRunChild(ExecutionSnapshot parent, String definitionHash, Command.StartMapRunChild c) {
        call(() -> executions.startMapRunChild(parent, definitionHash, c)).whenComplete((started, error) -> {
            if (error != null) {
                Trigger.ServiceFailed failed = mapRunChildFailed(c.taskToken(), error);
                if (failed != null) {
                    runtime.submit(parent.executionId, failed);
                }
                return;
            }
            mapRunChildStarted(parent.executionId, c.taskToken(), c.mapRunArn(), c.executionArn(), started.getStartDate());
        });
    }

    private void redriveMapRunChild(long parentId, Command.RedriveMapRunChild c) {
        call(() -> executions.redriveMapRunChild(c)).whenComplete((redriven, error) -> {
            if (error != null) {
                Trigger.ServiceFailed failed = mapRunChildFailed(c.taskToken(), error);
                if (failed != null) {
                    runtime.submit(parentId, failed);
                }
                return;
            }
            mapRunChildStarted(parentId, c.taskToken(), c.mapRunArn(), c.executionArn(), redriven.getRedriveDate());
        });
    }

    private void mapRunChildStarted(long parentId, String token, String mapRunArn, String childArn,
                                    com.google.protobuf.Timestamp at) {
        ObjectNode response = Json.MAPPER.createObjectNode();
        response.put("ExecutionArn", childArn);
        response.put("StartDate", at.getSeconds() * 1000 + at.getNanos() / 1_000_000);
        runtime.submit(parentId, new Trigger.ServiceResponded(token, response)).whenComplete((decision, e) -> {
            if (e == null && !decision.accepted()) {
                // The map run stopped waiting for the child while it started: nobody waits for it any more.
                stopMapRunChild(mapRunArn, childArn);
            }
        });
    }

    /**
     * A child's start or redrive failed: the map run hears AWS's error name and message. Null when
     * the broker is shutting down: the call stays open and is made again after the restart.
     */
    private static Trigger.ServiceFailed mapRunChildFailed(String token, Throwable error) {
        Throwable e = unwrap(error);
        if (e instanceof IllegalStateException && String.valueOf(e.getMessage()).contains("shutting down")) {
            return null;
        }
        AwsException aws = awsError(e);
        return new Trigger.ServiceFailed(token, aws.errorName(), aws.getMessage());
    }

    private void stopMapRunChild(String mapRunArn, String childArn) {
        StopExecutionRequest stop = StopExecutionRequest.newBuilder().setExecutionArn(childArn)
                .setCause("The Map Run " + mapRunArn + " stopped this child execution: the Map Run failed or was aborted.")
                .build();
        call(() -> executions.stop(stop)).whenComplete((stopped, error) -> {
            Throwable e = error == null ? null : unwrap(error);
            if (e != null && !(e instanceof AwsException a && a.errorName().equals("ExecutionDoesNotExist"))) {
                log.warn("Stopping the child execution {} of map run {} failed: {}", childArn, mapRunArn, e.toString());
            }
        });
    }

    private static Trigger.ChildExecution childExecution(ExecutionSnapshot s) {
        return new Trigger.ChildExecution(s.executionArn, s.stateMachineArn, s.name, s.status.name(), s.startTime,
                s.stopTime, s.inputText, s.status == ExecutionStatus.SUCCEEDED ? Json.write(s.output) : null, s.error,
                s.cause);
    }

    // ---- aws-sdk:sfn ----

    private void callApi(long executionId, Command.CallApi c) {
        call(() -> api(c.action(), c.parameters())).whenComplete((response, error) -> runtime.submit(executionId,
                error == null ? new Trigger.ServiceResponded(c.taskToken(), response)
                        : failed(c.taskToken(), "Sfn", error, TaskCalls::sdkV2Cause)));
    }

    /** One Step Functions API action, with the AWS SDK's member names in and out. */
    private CompletableFuture<JsonNode> api(String action, JsonNode p) {
        return switch (action) {
            case "sendTaskSuccess" -> tasks.sendTaskSuccess(SendTaskSuccessRequest.newBuilder()
                    .setTaskToken(text(p, "TaskToken")).setOutput(jsonText(p, "Output")).build()).thenApply(r -> empty());
            case "sendTaskFailure" -> {
                SendTaskFailureRequest.Builder req = SendTaskFailureRequest.newBuilder().setTaskToken(text(p, "TaskToken"));
                if (p.hasNonNull("Error")) {
                    req.setError(text(p, "Error"));
                }
                if (p.hasNonNull("Cause")) {
                    req.setCause(text(p, "Cause"));
                }
                yield tasks.sendTaskFailure(req.build()).thenApply(r -> empty());
            }
            case "sendTaskHeartbeat" -> tasks.sendTaskHeartbeat(SendTaskHeartbeatRequest.newBuilder()
                    .setTaskToken(text(p, "TaskToken")).build()).thenApply(r -> empty());
            case "startExecution" -> {
                StartExecutionRequest.Builder req = StartExecutionRequest.newBuilder()
                        .setStateMachineArn(text(p, "StateMachineArn"));
                if (p.hasNonNull("Name")) {
                    req.setName(text(p, "Name"));
                }
                if (p.hasNonNull("Input")) {
                    req.setInput(jsonText(p, "Input"));
                }
                if (p.hasNonNull("TraceHeader")) {
                    req.setTraceHeader(text(p, "TraceHeader"));
                }
                boolean generatedName = p.path(Command.CallApi.GENERATED_NAME).asBoolean(false);
                StartExecutionRequest request = req.build();
                yield executions.start(request).handle((r, error) -> {
                    if (error != null) {
                        Throwable cause = error instanceof CompletionException && error.getCause() != null
                                ? error.getCause() : error;
                        // A name the decision generated is this call's own: taken, it means the call was
                        // already made before a crash, and that execution is the answer.
                        if (!(generatedName && cause instanceof AwsException aws
                                && aws.errorName().equals("ExecutionAlreadyExists"))) {
                            throw error instanceof CompletionException c ? c : new CompletionException(error);
                        }
                        String arn = request.getStateMachineArn().replace(":stateMachine:", ":execution:") + ":"
                                + request.getName();
                        var existing = executions.describe(DescribeExecutionRequest.newBuilder().setExecutionArn(arn).build());
                        r = StartExecutionResponse.newBuilder().setExecutionArn(existing.getExecutionArn())
                                .setStartDate(existing.getStartDate()).build();
                    }
                    ObjectNode out = Json.MAPPER.createObjectNode();
                    out.put("ExecutionArn", r.getExecutionArn());
                    out.put("StartDate", instant(r.getStartDate()));
                    return out;
                });
            }
            case "describeExecution" -> CompletableFuture.completedFuture(describe(executions.describe(
                    DescribeExecutionRequest.newBuilder().setExecutionArn(text(p, "ExecutionArn")).build())));
            case "stopExecution" -> {
                StopExecutionRequest.Builder req = StopExecutionRequest.newBuilder().setExecutionArn(text(p, "ExecutionArn"));
                if (p.hasNonNull("Error")) {
                    req.setError(text(p, "Error"));
                }
                if (p.hasNonNull("Cause")) {
                    req.setCause(text(p, "Cause"));
                }
                yield executions.stop(req.build()).thenApply(r -> {
                    ObjectNode out = Json.MAPPER.createObjectNode();
                    out.put("StopDate", instant(r.getStopDate()));
                    return out;
                });
            }
            default -> throw new IllegalArgumentException("unsupported aws-sdk:sfn action " + action);
        };
    }

    private static JsonNode describe(DescribeExecutionResponse d) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        if (d.hasCause()) {
            out.put("Cause", d.getCause());
        }
        if (d.hasError()) {
            out.put("Error", d.getError());
        }
        out.put("ExecutionArn", d.getExecutionArn());
        out.put("Input", d.getInput());
        out.putObject("InputDetails").put("Included", true);
        out.put("Name", d.getName());
        if (d.hasOutput()) {
            out.put("Output", d.getOutput());
            out.putObject("OutputDetails").put("Included", true);
        }
        out.put("StartDate", instant(d.getStartDate()));
        out.put("StateMachineArn", d.getStateMachineArn());
        out.put("Status", d.getStatus());
        if (d.hasStopDate()) {
            out.put("StopDate", instant(d.getStopDate()));
        }
        return out;
    }

    private static ObjectNode empty() {
        return Json.MAPPER.createObjectNode();
    }

    /** A required string member; ValidationException as the API reports a missing one. */
    private static String text(JsonNode p, String member) {
        JsonNode v = p.path(member);
        if (!v.isTextual()) {
            throw AwsException.validation("1 validation error detected: Value " + (v.isMissingNode() ? "null" : Json.write(v))
                    + " at '" + Character.toLowerCase(member.charAt(0)) + member.substring(1)
                    + "' failed to satisfy constraint: Member must be a string and must not be null");
        }
        return v.textValue();
    }

    /** A JSON payload member: JSON text as it is, any other JSON value written as text. */
    private static String jsonText(JsonNode p, String member) {
        JsonNode v = p.path(member);
        return v.isTextual() ? v.textValue() : v.isMissingNode() ? "{}" : Json.write(v);
    }

    private static String instant(com.google.protobuf.Timestamp t) {
        return Instant.ofEpochSecond(t.getSeconds(), t.getNanos()).toString();
    }

    // ---- errors ----

    @FunctionalInterface
    private interface CauseFormat {
        String cause(String message, String errorName, String requestId);
    }

    /** Runs a call, turning a thrown failure into a failed future. */
    private static <T> CompletableFuture<T> call(Supplier<CompletableFuture<T>> call) {
        try {
            return call.get();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * A failed call as the task reports it: the API's error as {@code PREFIX.NAMEException} with the
     * AWS SDK's message as the cause; anything unexpected as {@code PREFIX.InternalFailureException}.
     */
    private static Trigger.ServiceFailed failed(String token, String prefix, Throwable error, CauseFormat format) {
        AwsException aws = awsError(error);
        String name = aws.errorName().endsWith("Exception") ? aws.errorName() : aws.errorName() + "Exception";
        return new Trigger.ServiceFailed(token, prefix + "." + name,
                format.cause(aws.getMessage(), aws.errorName(), UUID.randomUUID().toString()));
    }

    /** The API error a call failed with; anything unexpected is logged and becomes InternalFailure. */
    private static AwsException awsError(Throwable error) {
        Throwable e = unwrap(error);
        if (e instanceof AwsException a) {
            return a;
        }
        log.error("A call for a task failed unexpectedly", e);
        return AwsException.internal();
    }

    /** The optimised integrations' cause: the AWS SDK v1 exception message. */
    private static String sdkV1Cause(String message, String errorName, String requestId) {
        return message + " (Service: AWSStepFunctions; Status Code: " + status(errorName) + "; Error Code: " + errorName
                + "; Request ID: " + requestId + "; Proxy: null)";
    }

    /** The SDK integrations' cause: the AWS SDK v2 exception message. */
    private static String sdkV2Cause(String message, String errorName, String requestId) {
        return message + " (Service: Sfn, Status Code: " + status(errorName) + ", Request ID: " + requestId
                + ") (SDK Attempt Count: 1)";
    }

    private static int status(String errorName) {
        return errorName.equals("InternalFailure") ? 500 : errorName.equals("ServiceUnavailable") ? 503 : CLIENT_ERROR;
    }

    private static Throwable unwrap(Throwable e) {
        while (e instanceof CompletionException && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }

    // ---- after a restart ----

    /**
     * Makes again the calls whose tasks had not heard back before the broker stopped, and reports
     * to their parents the children that ended meanwhile. Returns the number of calls taken up.
     */
    public int recover() {
        int resumed = 0;
        for (BrokerCallRepository.StoredCall call : calls.all()) {
            ExecutionSnapshot parent;
            String definitionHash;
            try {
                var row = executionRows.find(call.executionId()).orElse(null);
                parent = row == null ? null : SnapshotCodec.decode(row.snapshot());
                definitionHash = row == null ? null : row.definitionHash();
            } catch (RuntimeException e) {
                // One unreadable execution must not keep the broker from starting: leave its call be.
                log.error("The execution {} of an open call could not be read; its call is not taken up", call.executionId(), e);
                continue;
            }
            if (parent == null || parent.status.isClosed()) {
                continue;
            }
            if (call.ended()) {
                try {
                    executionRows.findByArn(call.childArn()).ifPresent(child -> runtime.submit(call.executionId(),
                            new Trigger.ChildEnded(call.token(), childExecution(SnapshotCodec.decode(child.snapshot())))));
                    resumed++;
                } catch (RuntimeException e) {
                    log.error("The ended child {} could not be read; its parent is not told", call.childArn(), e);
                }
                continue;
            }
            Command request = BrokerCalls.decode(call.request());
            if (!heard(parent, call.token(), request)) {
                apply(parent, definitionHash, request);
                resumed++;
            }
        }
        // A map run that ended while the broker stopped may have children it could not stop.
        for (String child : mapRuns.runningChildrenOfEndedMapRuns()) {
            stopMapRunChild(SnapshotCodec.decode(executionRows.findByArn(child).orElseThrow().snapshot()).mapRunArn, child);
            resumed++;
        }
        return resumed;
    }

    /** True when the execution has heard that the call was made: its task started, or its map run's child runs. */
    private static boolean heard(ExecutionSnapshot parent, String token, Command request) {
        String childArn = switch (request) {
            case Command.StartMapRunChild c -> c.executionArn();
            case Command.RedriveMapRunChild c -> c.executionArn();
            default -> null;
        };
        if (childArn == null) {
            return parent.runs.values().stream()
                    .anyMatch(run -> run.task != null && run.task.token().equals(token) && run.task.started());
        }
        return parent.runs.values().stream().anyMatch(run -> run.fork != null && run.fork.mapRun != null
                && run.fork.mapRun.running.entrySet().stream().anyMatch(e -> e.getValue() == MapRunProgress.Phase.RUNNING
                && childArn.endsWith(":" + MapRunProgress.childName(run.fork.mapRunArn, e.getKey()))));
    }
}
