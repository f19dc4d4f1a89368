package dev.baton.broker.service;

import dev.baton.broker.interpreter.MapRunRecord;
import dev.baton.broker.interpreter.Trigger;
import dev.baton.broker.persistence.ExecutionRepository;
import dev.baton.broker.persistence.ExecutionWrite.MapRunRow;
import dev.baton.broker.persistence.MapRunRepository;
import dev.baton.broker.runtime.ExecutionRuntime;
import dev.baton.broker.runtime.MapRunRows;
import dev.baton.proto.v1.DescribeMapRunRequest;
import dev.baton.proto.v1.DescribeMapRunResponse;
import dev.baton.proto.v1.ListMapRunsRequest;
import dev.baton.proto.v1.ListMapRunsResponse;
import dev.baton.proto.v1.MapRunCounts;
import dev.baton.proto.v1.MapRunListItem;
import dev.baton.proto.v1.UpdateMapRunRequest;
import dev.baton.proto.v1.UpdateMapRunResponse;

import java.math.BigDecimal;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * DescribeMapRun, ListMapRuns, UpdateMapRun: the map runs of distributed Map states, read from
 * their records, which the decisions of the executions running them write; an update is one more
 * trigger of the execution that runs the map run.
 */
public final class MapRunService {
    private final Arns arns;
    private final MapRunRepository mapRuns;
    private final ExecutionRepository executions;
    private final ExecutionRuntime runtime;

    public MapRunService(Arns arns, MapRunRepository mapRuns, ExecutionRepository executions, ExecutionRuntime runtime) {
        this.arns = arns;
        this.mapRuns = mapRuns;
        this.executions = executions;
        this.runtime = runtime;
    }

    private MapRunRow find(String mapRunArn) {
        arns.parseMapRun(mapRunArn);
        return mapRuns.find(mapRunArn).orElseThrow(() -> AwsException.mapRunDoesNotExist(mapRunArn));
    }

    public DescribeMapRunResponse describe(DescribeMapRunRequest req) {
        MapRunRow r = find(req.getMapRunArn());
        DescribeMapRunResponse.Builder out = DescribeMapRunResponse.newBuilder()
                .setMapRunArn(r.arn())
                .setExecutionArn(r.executionArn())
                .setStatus(r.status())
                .setStartDate(Timestamps.of(r.startTime()))
                .setMaxConcurrency(r.maxConcurrency())
                .setToleratedFailurePercentage((float) r.toleratedFailurePercentage())
                .setToleratedFailureCount(r.toleratedFailureCount())
                .setItemCounts(counts(MapRunRows.counts(r.itemCounts())))
                .setExecutionCounts(counts(MapRunRows.counts(r.executionCounts())))
                .setRedriveCount(r.redriveCount());
        if (r.stopTime() != null) {
            out.setStopDate(Timestamps.of(r.stopTime()));
        }
        if (r.redriveTime() != null) {
            out.setRedriveDate(Timestamps.of(r.redriveTime()));
        }
        return out.build();
    }

    private static MapRunCounts counts(MapRunRecord.Counts c) {
        return MapRunCounts.newBuilder().setPending(c.pending()).setRunning(c.running()).setSucceeded(c.succeeded())
                .setFailed(c.failed()).setTimedOut(c.timedOut()).setAborted(c.aborted()).setTotal(c.total())
                .setResultsWritten(c.resultsWritten()).setFailuresNotRedrivable(c.failuresNotRedrivable())
                .setPendingRedrive(c.pendingRedrive()).build();
    }

    public ListMapRunsResponse list(ListMapRunsRequest req) {
        arns.parseExecution(req.getExecutionArn());
        var execution = executions.findByArn(req.getExecutionArn())
                .orElseThrow(() -> AwsException.executionDoesNotExist(req.getExecutionArn()));
        int size = Pages.size(req.getMaxResults());
        String scope = "mapRuns|" + execution.id();
        String position = Pages.decode(scope, req.getNextToken());
        Long beforeTime = null;
        String beforeArn = null;
        if (position != null) {
            int colon = position.indexOf(':');
            try {
                beforeTime = Long.parseLong(position.substring(0, colon));
                beforeArn = position.substring(colon + 1);
            } catch (RuntimeException e) {
                throw AwsException.invalidToken("Invalid pagination token");
            }
        }
        List<MapRunRow> rows = mapRuns.list(execution.id(), beforeTime, beforeArn, size + 1);
        ListMapRunsResponse.Builder out = ListMapRunsResponse.newBuilder();
        for (int i = 0; i < Math.min(size, rows.size()); i++) {
            MapRunRow r = rows.get(i);
            MapRunListItem.Builder item = MapRunListItem.newBuilder().setExecutionArn(r.executionArn())
                    .setMapRunArn(r.arn()).setStateMachineArn(r.stateMachineArn()).setStartDate(Timestamps.of(r.startTime()));
            if (r.stopTime() != null) {
                item.setStopDate(Timestamps.of(r.stopTime()));
            }
            out.addMapRuns(item);
        }
        if (rows.size() > size) {
            MapRunRow last = rows.get(size - 1);
            out.setNextToken(Pages.encode(scope, last.startTime() + ":" + last.arn()));
        }
        return out.build();
    }

    public CompletableFuture<UpdateMapRunResponse> update(UpdateMapRunRequest req) {
        // AWS's range checks on the members, worded as its other validation errors are.
        if (req.hasMaxConcurrency() && req.getMaxConcurrency() < 0) {
            throw outOfRange(req.getMaxConcurrency(), "maxConcurrency", "greater than or equal to 0");
        }
        if (req.hasToleratedFailureCount() && req.getToleratedFailureCount() < 0) {
            throw outOfRange(req.getToleratedFailureCount(), "toleratedFailureCount", "greater than or equal to 0");
        }
        if (req.hasToleratedFailurePercentage() && !(req.getToleratedFailurePercentage() >= 0
                && req.getToleratedFailurePercentage() <= 100)) {
            throw outOfRange(req.getToleratedFailurePercentage(), "toleratedFailurePercentage",
                    "less than or equal to 100 and greater than or equal to 0");
        }
        MapRunRow r = find(req.getMapRunArn());
        Trigger.MapRunUpdate update = new Trigger.MapRunUpdate(r.arn(),
                req.hasMaxConcurrency() ? req.getMaxConcurrency() : null,
                req.hasToleratedFailureCount() ? req.getToleratedFailureCount() : null,
                req.hasToleratedFailurePercentage() ? new BigDecimal(Float.toString(req.getToleratedFailurePercentage())) : null);
        return runtime.submit(r.executionId(), update).thenApply(d -> {
            if (!d.accepted()) {
                throw new AwsException(d.rejection().errorName(), d.rejection().message());
            }
            return UpdateMapRunResponse.getDefaultInstance();
        });
    }

    private static AwsException outOfRange(Object value, String member, String constraint) {
        return AwsException.validation("1 validation error detected: Value '" + value + "' at '" + member
                + "' failed to satisfy constraint: Member must have value " + constraint);
    }
}
