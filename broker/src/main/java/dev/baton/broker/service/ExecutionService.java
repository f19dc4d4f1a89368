package dev.baton.broker.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import dev.baton.broker.dataflow.Json;
import dev.baton.broker.interpreter.Command;
import dev.baton.broker.interpreter.EventType;
import dev.baton.broker.interpreter.ExecutionSnapshot;
import dev.baton.broker.interpreter.ExecutionStatus;
import dev.baton.broker.interpreter.Interpreter;
import dev.baton.broker.interpreter.MapRunRecord;
import dev.baton.broker.interpreter.Redrives;
import dev.baton.broker.interpreter.Trigger;
import dev.baton.broker.persistence.ExecutionRepository;
import dev.baton.broker.persistence.ExecutionRepository.ExecutionRecord;
import dev.baton.broker.persistence.HistoryRepository;
import dev.baton.broker.persistence.MapRunRepository;
import dev.baton.broker.persistence.StateMachineRepository.StateMachineRecord;
import dev.baton.broker.runtime.DefinitionCache;
import dev.baton.broker.runtime.ExecutionRuntime;
import dev.baton.broker.runtime.SnapshotCodec;
import dev.baton.proto.v1.CloudWatchEventsExecutionDataDetails;
import dev.baton.proto.v1.DescribeExecutionRequest;
import dev.baton.proto.v1.DescribeExecutionResponse;
import dev.baton.proto.v1.ExecutionListItem;
import dev.baton.proto.v1.GetExecutionHistoryRequest;
import dev.baton.proto.v1.GetExecutionHistoryResponse;
import dev.baton.proto.v1.HistoryEvent;
import dev.baton.proto.v1.ListExecutionsRequest;
import dev.baton.proto.v1.ListExecutionsResponse;
import dev.baton.proto.v1.RedriveExecutionRequest;
import dev.baton.proto.v1.RedriveExecutionResponse;
import dev.baton.proto.v1.StartExecutionRequest;
import dev.baton.proto.v1.StartExecutionResponse;
import dev.baton.proto.v1.StopExecutionRequest;
import dev.baton.proto.v1.StopExecutionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * StartExecution, DescribeExecution, ListExecutions, StopExecution, RedriveExecution,
 * GetExecutionHistory; and the child executions of map runs, which the broker starts and redrives.
 */
public final class ExecutionService {
    /** AWS's limit on an execution's input and on any payload. */
    public static final int MAX_PAYLOAD_BYTES = 256 * 1024;
    /** AWS's limits on StopExecution / SendTaskFailure error and cause. */
    public static final int MAX_ERROR_LENGTH = 256;
    public static final int MAX_CAUSE_LENGTH = 32768;

    private static final Logger log = LoggerFactory.getLogger(ExecutionService.class);
    private static final JsonFormat.Parser EVENT_PARSER = JsonFormat.parser().ignoringUnknownFields();

    private final Arns arns;
    private final StateMachineService stateMachines;
    private final ExecutionRepository executions;
    private final HistoryRepository history;
    private final DefinitionCache definitions;
    private final ExecutionRuntime runtime;
    private final InstantSource clock;
    private final MapRunRepository mapRuns;

    public ExecutionService(Arns arns, StateMachineService stateMachines, ExecutionRepository executions,
                            HistoryRepository history, MapRunRepository mapRuns, DefinitionCache definitions,
                            ExecutionRuntime runtime, InstantSource clock) {
        this.mapRuns = mapRuns;
        this.arns = arns;
        this.stateMachines = stateMachines;
        this.executions = executions;
        this.history = history;
        this.definitions = definitions;
        this.runtime = runtime;
        this.clock = clock;
    }

    /**
     * The execution that starts a child with {@code states:startExecution}: its id, the task's token,
     * and whether it waits for the child to end ({@code .sync}).
     */
    public record ParentLink(long executionId, String taskToken, boolean waitsForEnd) {
    }

    public CompletableFuture<StartExecutionResponse> start(StartExecutionRequest req) {
        return start(req, null);
    }

    /**
     * Starts an execution; with a parent, a child execution that knows its parent. Starting the same
     * child again (after a crash) returns the child already started, whatever became of it.
     */
    public CompletableFuture<StartExecutionResponse> start(StartExecutionRequest req, ParentLink parent) {
        StateMachineRecord sm = stateMachines.get(req.getStateMachineArn());
        String name = req.getName().isEmpty() ? UUID.randomUUID().toString() : req.getName();
        Names.check(name);
        String inputText = req.hasInput() ? req.getInput() : "{}";
        JsonNode input = parsePayload(inputText, "InvalidExecutionInput", "Invalid State Machine Execution Input");
        String arn = arns.execution(sm.name(), name);
        // No look-up first: the execution table's unique ARN turns a second start of a name into a failed
        // insert, answered below (as AWS does: idempotent while running with the same input).
        ExecutionSnapshot snapshot = Interpreter.newExecution(executions.allocateId(), arn, name, sm.arn(), sm.name(),
                sm.roleArn(), input, inputText, clock.millis());
        if (parent != null) {
            snapshot.parentExecutionId = parent.executionId();
            snapshot.parentTaskToken = parent.taskToken();
            snapshot.parentWaits = parent.waitsForEnd();
        }
        return runtime.start(snapshot, sm.definitionHash(), definitions.get(sm.definitionHash()))
                .handle((decision, error) -> {
                    if (error == null) {
                        return StartExecutionResponse.newBuilder().setExecutionArn(arn)
                                .setStartDate(Timestamps.of(snapshot.startTime)).build();
                    }
                    // Most likely an execution of that name exists already.
                    var raced = executions.findByArn(arn);
                    if (raced.isPresent()) {
                        return idempotentStart(raced.get(), input, parent);
                    }
                    throw new CompletionException(error);
                });
    }

    /**
     * Starts a child execution of a map run (AWS's child workflow execution): it runs the parent's
     * ItemProcessor, as the map run's labelled state machine, and tells the parent when it ends.
     * Starting it again (after a crash) returns the child already started.
     *
     * @param parent               the execution whose map run it is
     * @param parentDefinitionHash the definition the parent runs (the child runs a part of it)
     */
    public CompletableFuture<StartExecutionResponse> startMapRunChild(ExecutionSnapshot parent, String parentDefinitionHash,
                                                                      Command.StartMapRunChild c) {
        JsonNode input = parsePayload(c.input(), "InvalidExecutionInput", "Invalid State Machine Execution Input");
        ExecutionSnapshot snapshot = Interpreter.newExecution(executions.allocateId(), c.executionArn(), c.name(),
                c.stateMachineArn(), c.stateMachineName(), parent.roleArn, input, c.input(), clock.millis());
        snapshot.parentExecutionId = parent.executionId;
        snapshot.parentTaskToken = c.taskToken();
        snapshot.parentWaits = true;
        snapshot.mapRunArn = c.mapRunArn();
        snapshot.processorPath = c.processorPath();
        ParentLink link = new ParentLink(parent.executionId, c.taskToken(), true);
        return runtime.start(snapshot, parentDefinitionHash, definitions.get(parentDefinitionHash, c.processorPath()))
                .handle((decision, error) -> {
                    if (error == null) {
                        return StartExecutionResponse.newBuilder().setExecutionArn(c.executionArn())
                                .setStartDate(Timestamps.of(snapshot.startTime)).build();
                    }
                    var raced = executions.findByArn(c.executionArn());
                    if (raced.isPresent()) {
                        return idempotentStart(raced.get(), input, link);
                    }
                    throw new CompletionException(error);
                });
    }

    /**
     * Redrives a map run's child execution for the map run's redrive at {@code redrivenAt} (epoch
     * ms). A child already redriven since then counts as redriven, so the call can be made again.
     */
    public CompletableFuture<RedriveExecutionResponse> redriveMapRunChild(Command.RedriveMapRunChild c) {
        ExecutionRecord row = executions.findByArn(c.executionArn())
                .orElseThrow(() -> AwsException.executionDoesNotExist(c.executionArn()));
        ExecutionSnapshot s = SnapshotCodec.decode(row.snapshot());
        if (s.redriveTime >= c.redrivenAt()) {
            return CompletableFuture.completedFuture(
                    RedriveExecutionResponse.newBuilder().setRedriveDate(Timestamps.of(s.redriveTime)).build());
        }
        return redrive(row);
    }

    /** AWS: the same name and input while the execution runs returns it again; otherwise ExecutionAlreadyExists. */
    private StartExecutionResponse idempotentStart(ExecutionRecord existing, JsonNode input, ParentLink parent) {
        ExecutionSnapshot s = SnapshotCodec.decode(existing.snapshot());
        // A child is the same only when the same parent's task started it: another execution of that name
        // would never report to the parent.
        boolean same = parent != null ? parent.taskToken().equals(s.parentTaskToken)
                : s.status == ExecutionStatus.RUNNING && s.input.equals(input);
        if (same) {
            return StartExecutionResponse.newBuilder().setExecutionArn(existing.arn())
                    .setStartDate(Timestamps.of(existing.startTime())).build();
        }
        throw new AwsException("ExecutionAlreadyExists", "Execution Already Exists: '" + existing.arn() + "'");
    }

    /** Parses a JSON payload, enforcing AWS's 256 KiB limit; errors name the payload's AWS error. */
    static JsonNode parsePayload(String text, String errorName, String what) {
        if (text.getBytes(StandardCharsets.UTF_8).length > MAX_PAYLOAD_BYTES) {
            throw new AwsException(errorName, what + ": 'the payload is larger than 256 KiB (262144 bytes)'");
        }
        try {
            return Json.parse(text);
        } catch (JsonProcessingException e) {
            throw new AwsException(errorName, what + ": '" + e.getOriginalMessage() + " at line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + "'");
        }
    }

    private ExecutionRecord find(String executionArn) {
        arns.parseExecution(executionArn);
        return executions.findByArn(executionArn).orElseThrow(() -> AwsException.executionDoesNotExist(executionArn));
    }

    public DescribeExecutionResponse describe(DescribeExecutionRequest req) {
        ExecutionRecord row = find(req.getExecutionArn());
        ExecutionSnapshot s = SnapshotCodec.decode(row.snapshot());
        CloudWatchEventsExecutionDataDetails included = CloudWatchEventsExecutionDataDetails.newBuilder()
                .setIncluded(true).build();
        DescribeExecutionResponse.Builder out = DescribeExecutionResponse.newBuilder()
                .setExecutionArn(row.arn())
                .setStateMachineArn(row.stateMachineArn())
                .setName(row.name())
                .setStatus(s.status.name())
                .setStartDate(Timestamps.of(s.startTime))
                .setInput(s.inputText)
                .setInputDetails(included);
        if (s.status.isClosed()) {
            out.setStopDate(Timestamps.of(s.stopTime));
        }
        if (s.status == ExecutionStatus.SUCCEEDED) {
            out.setOutput(Json.write(s.output)).setOutputDetails(included);
        }
        if (s.error != null) {
            out.setError(s.error);
        }
        if (s.cause != null) {
            out.setCause(s.cause);
        }
        out.setRedriveCount(s.redriveCount);
        if (s.redriveTime != 0) {
            out.setRedriveDate(Timestamps.of(s.redriveTime));
        }
        String notRedrivable = Redrives.notRedrivableReason(s, clock.millis());
        if (notRedrivable == null && s.mapRunArn != null) {
            notRedrivable = notRedrivableByMapRun(s.mapRunArn);
        }
        // AWS: a map run's child is redriven by its map run (its parent's redrive), not on its own.
        out.setRedriveStatus(notRedrivable != null ? "NOT_REDRIVABLE"
                : s.mapRunArn != null ? "REDRIVABLE_BY_MAP_RUN" : "REDRIVABLE");
        if (notRedrivable != null) {
            out.setRedriveStatusReason(notRedrivable);
        }
        if (s.mapRunArn != null) {
            out.setMapRunArn(s.mapRunArn);
        }
        return out.build();
    }

    /** Why a map run cannot redrive its unsuccessful child: it succeeded (within its tolerance). Null when it can. */
    private String notRedrivableByMapRun(String mapRunArn) {
        return mapRuns.find(mapRunArn).filter(r -> r.status().equals(MapRunRecord.SUCCEEDED))
                .map(r -> "Map Run " + mapRunArn + " succeeded and cannot be redriven").orElse(null);
    }

    public CompletableFuture<RedriveExecutionResponse> redrive(RedriveExecutionRequest req) {
        ExecutionRecord row = find(req.getExecutionArn());
        String mapRunArn = SnapshotCodec.decode(row.snapshot()).mapRunArn;
        if (mapRunArn != null) {
            throw new AwsException("ExecutionNotRedrivable", "Execution " + row.arn() + " is a child execution of the "
                    + "Map Run " + mapRunArn + ": redrive its parent execution, which redrives the Map Run's unsuccessful "
                    + "child executions");
        }
        return redrive(row);
    }

    private CompletableFuture<RedriveExecutionResponse> redrive(ExecutionRecord row) {
        return runtime.submit(row.id(), new Trigger.Redrive()).thenApply(d -> {
            if (!d.accepted()) {
                throw new AwsException(d.rejection().errorName(), d.rejection().message());
            }
            return RedriveExecutionResponse.newBuilder().setRedriveDate(Timestamps.of(d.snapshot().redriveTime)).build();
        });
    }

    public ListExecutionsResponse list(ListExecutionsRequest req) {
        boolean byMapRun = !req.getMapRunArn().isEmpty();
        if (byMapRun && !req.getStateMachineArn().isEmpty()) {
            throw AwsException.validation("Specify either a stateMachineArn or a mapRunArn, but not both: the executions "
                    + "of a state machine, or the child executions of a Map Run");
        }
        if (byMapRun) {
            arns.parseMapRun(req.getMapRunArn());
            if (mapRuns.find(req.getMapRunArn()).isEmpty()) {
                throw AwsException.mapRunDoesNotExist(req.getMapRunArn());
            }
        } else {
            stateMachines.get(req.getStateMachineArn());
        }
        String status = req.getStatusFilter().isEmpty() ? null : req.getStatusFilter();
        if (status != null && EnumSet.allOf(ExecutionStatus.class).stream().noneMatch(s -> s.name().equals(status))) {
            throw AwsException.validation("1 validation error detected: Value '" + status
                    + "' at 'statusFilter' failed to satisfy constraint: Member must satisfy enum value set: "
                    + "[RUNNING, SUCCEEDED, FAILED, TIMED_OUT, ABORTED, PENDING_REDRIVE]");
        }
        Boolean redriven = switch (req.getRedriveFilter()) {
            case "" -> null;
            case "REDRIVEN" -> true;
            case "NOT_REDRIVEN" -> false;
            default -> throw AwsException.validation("1 validation error detected: Value '" + req.getRedriveFilter()
                    + "' at 'redriveFilter' failed to satisfy constraint: Member must satisfy enum value set: "
                    + "[REDRIVEN, NOT_REDRIVEN]");
        };
        int size = Pages.size(req.getMaxResults());
        String scope = "executions|" + req.getStateMachineArn() + "|" + req.getMapRunArn() + "|" + req.getStatusFilter()
                + "|" + req.getRedriveFilter();
        String position = Pages.decode(scope, req.getNextToken());
        Long beforeTime = null;
        Long beforeId = null;
        if (position != null) {
            String[] parts = position.split(":");
            try {
                beforeTime = Long.parseLong(parts[0]);
                beforeId = Long.parseLong(parts[1]);
            } catch (RuntimeException e) {
                throw AwsException.invalidToken("Invalid pagination token");
            }
        }
        List<ExecutionRepository.ExecutionSummary> rows = byMapRun
                ? executions.listByMapRun(req.getMapRunArn(), status, redriven, beforeTime, beforeId, size + 1)
                : executions.list(req.getStateMachineArn(), status, redriven, beforeTime, beforeId, size + 1);
        ListExecutionsResponse.Builder out = ListExecutionsResponse.newBuilder();
        for (int i = 0; i < Math.min(size, rows.size()); i++) {
            var r = rows.get(i);
            ExecutionListItem.Builder item = ExecutionListItem.newBuilder().setExecutionArn(r.arn())
                    .setStateMachineArn(r.stateMachineArn()).setName(r.name()).setStatus(r.status())
                    .setStartDate(Timestamps.of(r.startTime()));
            if (r.stopTime() != null) {
                item.setStopDate(Timestamps.of(r.stopTime()));
            }
            item.setRedriveCount(r.redriveCount());
            if (r.redriveTime() != null) {
                item.setRedriveDate(Timestamps.of(r.redriveTime()));
            }
            if (byMapRun) {
                // Each child processes one item (Baton has no ItemBatcher).
                item.setMapRunArn(req.getMapRunArn()).setItemCount(1);
            }
            out.addExecutions(item);
        }
        if (rows.size() > size) {
            var last = rows.get(size - 1);
            out.setNextToken(Pages.encode(scope, last.startTime() + ":" + last.id()));
        }
        return out.build();
    }

    public CompletableFuture<StopExecutionResponse> stop(StopExecutionRequest req) {
        String error = req.hasError() ? req.getError() : null;
        String cause = req.hasCause() ? req.getCause() : null;
        checkErrorAndCause(error, cause);
        ExecutionRecord row = find(req.getExecutionArn());
        return runtime.submit(row.id(), new Trigger.Stop(error, cause))
                .thenApply(d -> StopExecutionResponse.newBuilder().setStopDate(Timestamps.of(d.snapshot().stopTime)).build());
    }

    static void checkErrorAndCause(String error, String cause) {
        if (error != null && error.length() > MAX_ERROR_LENGTH) {
            throw AwsException.validation("1 validation error detected: Value at 'error' failed to satisfy constraint: "
                    + "Member must have length less than or equal to " + MAX_ERROR_LENGTH);
        }
        if (cause != null && cause.length() > MAX_CAUSE_LENGTH) {
            throw AwsException.validation("1 validation error detected: Value at 'cause' failed to satisfy constraint: "
                    + "Member must have length less than or equal to " + MAX_CAUSE_LENGTH);
        }
    }

    public GetExecutionHistoryResponse history(GetExecutionHistoryRequest req) {
        ExecutionRecord row = find(req.getExecutionArn());
        int size = Pages.size(req.getMaxResults());
        String scope = "history|" + row.id() + "|" + req.getReverseOrder();
        String position = Pages.decode(scope, req.getNextToken());
        int after;
        try {
            after = position == null ? 0 : Integer.parseInt(position);
        } catch (NumberFormatException e) {
            throw AwsException.invalidToken("Invalid pagination token");
        }
        boolean includeData = !req.hasIncludeExecutionData() || req.getIncludeExecutionData();
        List<HistoryRepository.Event> events = history.page(row.id(), after, req.getReverseOrder(), size + 1);
        GetExecutionHistoryResponse.Builder out = GetExecutionHistoryResponse.newBuilder();
        for (int i = 0; i < Math.min(size, events.size()); i++) {
            out.addEvents(toProto(events.get(i), includeData));
        }
        if (events.size() > size) {
            out.setNextToken(Pages.encode(scope, Integer.toString(events.get(size - 1).id())));
        }
        return out.build();
    }

    private static HistoryEvent toProto(HistoryRepository.Event e, boolean includeData) {
        HistoryEvent.Builder b = HistoryEvent.newBuilder()
                .setTimestamp(Timestamps.of(e.timestamp()))
                .setType(e.type())
                .setId(e.id())
                .setPreviousEventId(e.previousId());
        String key = EventType.valueOf(e.type()).detailsKey();
        if (key != null && e.details() != null) {
            JsonNode details = e.details();
            if (!includeData && details instanceof ObjectNode o) {
                o.remove(List.of("input", "output", "parameters"));
            }
            ObjectNode wrapper = Json.MAPPER.createObjectNode();
            wrapper.set(key, details);
            try {
                EVENT_PARSER.merge(Json.write(wrapper), b);
            } catch (InvalidProtocolBufferException ex) {
                log.error("Stored details of event {} ({}) could not be read", e.id(), e.type(), ex);
            }
        }
        return b.build();
    }
}
