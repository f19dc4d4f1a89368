package dev.baton.broker.interpreter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.broker.dataflow.DataflowException;
import dev.baton.broker.dataflow.Json;
import dev.baton.broker.dataflow.PayloadLimit;
import dev.baton.broker.definition.ItemProcessors;
import dev.baton.broker.definition.model.MapState;

import java.math.BigDecimal;

/**
 * A distributed Map's map run, as AWS runs it: each item is processed by a child execution of the
 * Map's ItemProcessor (a child workflow execution, with its own ARN
 * {@code arn:aws:states:REGION:ACCOUNT:execution:STATE_MACHINE/LABEL:ID}, history and API surface),
 * at most MaxConcurrency of them at a time, the next one started as another ends. The parent records
 * only MapRunStarted and MapRunSucceeded/MapRunFailed (MapRunAborted when the Map state is aborted);
 * failed, timed-out and aborted children count against ToleratedFailureCount/Percentage, and the
 * output is the children's outputs in item order (a tolerated failure's error output in its place).
 *
 * <p>Children are started, redriven and stopped through commands that the runtime makes durable
 * (a {@code broker_call} row per running child), and they report their end to this execution
 * ({@link Trigger.ChildEnded}), so a broker restart loses and duplicates none. Every change is written
 * to the map run's record ({@link Command.SaveMapRun}) in the same decision.
 *
 * <p>Redriven, the map run keeps its ARN and redrives the children that failed, timed out or were
 * aborted (same child ARNs, each continuing from its unsuccessful step), and starts those it had not
 * started.
 */
final class MapRuns {
    /** AWS runs at most this many child workflow executions of a map run at once; MaxConcurrency 0 means this. */
    static final int MAX_CONCURRENT_CHILDREN = 10_000;
    private static final String NOT_FOUND = "ExecutionDoesNotExist";
    private static final String NOT_REDRIVABLE = "ExecutionNotRedrivable";

    private MapRuns() {
    }

    /** Opens the map run (MapRunStarted recorded) and starts its first children. */
    static Outcome start(Decider d, RunState run, MapState map, RunState.Fork fork) {
        MapRunProgress p = new MapRunProgress();
        p.processorPath = ItemProcessors.processor(ItemProcessors.state(d.graphLocation(run), map.name()));
        p.label = label(fork.mapRunArn);
        p.tokenBase = d.s.sequence + 1;
        // One task token per item: an item's child is found again by its token alone.
        d.s.sequence += fork.size;
        p.startTime = d.now;
        fork.mapRun = p;
        d.saveMapRun(record(d, fork, MapRunRecord.RUNNING), true);
        return launch(d, run, map);
    }

    /**
     * Continues a redriven map run: the items of {@code was} that did not succeed run again (their
     * children redriven, or started when they had none), then the items never started.
     */
    static Outcome resume(Decider d, RunState run, MapState map, MapRunProgress was) {
        MapRunProgress p = was.copy();
        // A child still marked running when the map run stopped was aborted with it.
        p.running.keySet().forEach(index -> p.unsuccessful.put(index, true));
        p.running.clear();
        p.failed = 0;
        p.timedOut = 0;
        p.aborted = 0;
        p.failedWithoutChild = 0;
        p.redriveTime = d.now;
        run.fork.mapRun = p;
        d.saveMapRun(record(d, run.fork, MapRunRecord.RUNNING), false);
        return launch(d, run, map);
    }

    /** Starts children while items are left and MaxConcurrency allows; finishes the state when all have ended. */
    private static Outcome launch(Decider d, RunState run, MapState map) {
        RunState.Fork fork = run.fork;
        MapRunProgress p = fork.mapRun;
        int limit = fork.maxConcurrency == 0 ? MAX_CONCURRENT_CHILDREN : Math.min(fork.maxConcurrency, MAX_CONCURRENT_CHILDREN);
        while (p.running.size() < limit && fork.next < fork.size) {
            int index = fork.next++;
            MapStep.skipSucceeded(fork);
            Boolean hasChild = p.unsuccessful.remove(index);
            if (Boolean.TRUE.equals(hasChild)) {
                p.running.put(index, MapRunProgress.Phase.REDRIVING);
                d.redriveMapRunChild(new Command.RedriveMapRunChild(token(d, p, index), fork.mapRunArn,
                        childArn(d, fork, index), p.redriveTime));
                continue;
            }
            StateFailure failure = startChild(d, run, map, index);
            if (failure != null) {
                Outcome outcome = itemFailed(d, run, map, index, failure, false);
                if (outcome != null) {
                    return outcome;
                }
            }
        }
        if (fork.next >= fork.size && p.running.isEmpty()) {
            return MapStep.finish(d, run, map);
        }
        d.saveMapRun(record(d, fork, MapRunRecord.RUNNING), false);
        return Outcome.WAITING;
    }

    /** Asks for the item's child to be started; returns why the item failed instead, or null. */
    private static StateFailure startChild(Decider d, RunState run, MapState map, int index) {
        RunState.Fork fork = run.fork;
        MapRunProgress p = fork.mapRun;
        JsonNode input;
        try {
            input = MapStep.itemInput(d, run, map, index);
        } catch (DataflowException e) {
            return StateFailure.inState(run, e);
        }
        if (PayloadLimit.exceeds(input)) {
            return new StateFailure(StateFailure.DATA_LIMIT_EXCEEDED, "The input of the child execution for item "
                    + index + " is larger than " + PayloadLimit.MAX_BYTES + " bytes.");
        }
        String base = baseName(d);
        p.running.put(index, MapRunProgress.Phase.STARTING);
        p.executions++;
        d.startMapRunChild(new Command.StartMapRunChild(token(d, p, index), fork.mapRunArn, childArn(d, fork, index),
                MapRunProgress.childName(fork.mapRunArn, index), arnPrefix(d) + "stateMachine:" + base + "/" + p.label,
                base + "/" + p.label, p.processorPath, Json.write(input)));
        return null;
    }

    /** The item's child started, or was redriven. */
    static Outcome childStarted(Decider d, RunState run, int index) {
        run.fork.mapRun.running.put(index, MapRunProgress.Phase.RUNNING);
        d.saveMapRun(record(d, run.fork, MapRunRecord.RUNNING), false);
        return Outcome.WAITING;
    }

    /** The item's child could not be started or redriven ({@code error}: the API's error name). */
    static Outcome childNotStarted(Decider d, RunState run, MapState map, int index, String error, String cause) {
        RunState.Fork fork = run.fork;
        MapRunProgress p = fork.mapRun;
        MapRunProgress.Phase phase = p.running.remove(index);
        String token = token(d, p, index);
        d.closeCall(token, null, false);
        if (phase == MapRunProgress.Phase.REDRIVING && NOT_FOUND.equals(error)) {
            // Its start never reached the broker before the map run stopped: start it now.
            StateFailure failure = startChild(d, run, map, index);
            Outcome outcome = failure == null ? null : itemFailed(d, run, map, index, failure, false);
            return outcome != null ? outcome : launch(d, run, map);
        }
        boolean hasChild = phase == MapRunProgress.Phase.REDRIVING;
        if (hasChild && NOT_REDRIVABLE.equals(error)) {
            p.failuresNotRedrivable++;
        }
        String what = hasChild ? "redriven" : "started";
        StateFailure failure = new StateFailure(StateFailure.RUNTIME, "The child execution " + childArn(d, fork, index)
                + " could not be " + what + ": " + error + ": " + cause);
        Outcome outcome = itemFailed(d, run, map, index, failure, hasChild);
        return outcome != null ? outcome : launch(d, run, map);
    }

    /** The item's child ended. */
    static Outcome childEnded(Decider d, RunState run, MapState map, int index, Trigger.ChildExecution child) {
        RunState.Fork fork = run.fork;
        MapRunProgress p = fork.mapRun;
        p.running.remove(index);
        d.closeCall(token(d, p, index), child.executionArn(), false);
        if (ExecutionStatus.SUCCEEDED.name().equals(child.status())) {
            fork.results.put(index, output(child.output()));
            fork.succeeded++;
            return launch(d, run, map);
        }
        StateFailure failure = switch (child.status()) {
            case "TIMED_OUT" -> {
                p.timedOut++;
                yield new StateFailure(child.error() != null ? child.error() : StateFailure.TIMEOUT, child.cause());
            }
            case "ABORTED" -> {
                p.aborted++;
                yield new StateFailure(child.error(), child.cause());
            }
            default -> {
                p.failed++;
                yield new StateFailure(child.error(), child.cause());
            }
        };
        fork.failed++;
        p.unsuccessful.put(index, true);
        if (exceedsTolerance(fork)) {
            return fail(d, run, failure);
        }
        fork.results.put(index, failure.errorOutput());
        return launch(d, run, map);
    }

    /**
     * An item failed without a child ending (its ItemSelector, its child's start or redrive failed).
     * Returns the state's outcome when the failure exceeds the tolerance, else null.
     */
    private static Outcome itemFailed(Decider d, RunState run, MapState map, int index, StateFailure failure,
                                      boolean hasChild) {
        RunState.Fork fork = run.fork;
        MapRunProgress p = fork.mapRun;
        p.failed++;
        if (!hasChild) {
            p.failedWithoutChild++;
        }
        fork.failed++;
        p.unsuccessful.put(index, hasChild);
        if (exceedsTolerance(fork)) {
            return fail(d, run, failure);
        }
        fork.results.put(index, failure.errorOutput());
        return null;
    }

    /**
     * UpdateMapRun: the new MaxConcurrency starts more children at once (or lets running ones end
     * before others start), and the new tolerance applies to the failures so far.
     */
    static Outcome update(Decider d, RunState run, MapState map, Trigger.MapRunUpdate u) {
        RunState.Fork fork = run.fork;
        if (u.maxConcurrency() != null) {
            fork.maxConcurrency = u.maxConcurrency();
        }
        if (u.toleratedFailureCount() != null) {
            fork.toleratedFailureCount = u.toleratedFailureCount();
        }
        if (u.toleratedFailurePercentage() != null) {
            fork.toleratedFailurePercentage = u.toleratedFailurePercentage();
        }
        if (fork.failed > 0 && exceedsTolerance(fork)) {
            return fail(d, run, new StateFailure(StateFailure.EXCEED_TOLERATED_FAILURE_THRESHOLD, MapStep.THRESHOLD_CAUSE));
        }
        return launch(d, run, map);
    }

    /** The failures exceed the tolerance: the running children are aborted and the map run fails. */
    private static Outcome fail(Decider d, RunState run, StateFailure failure) {
        RunState.Fork fork = run.fork;
        abortRunning(d, fork);
        run.fork = null;
        run.stoppedFork = Redrives.stopped(fork, failure);
        StateFailure exceeded = new StateFailure(StateFailure.EXCEED_TOLERATED_FAILURE_THRESHOLD, MapStep.THRESHOLD_CAUSE);
        d.event(run, EventType.MapRunFailed, new EventDetails.ErrorCause(exceeded.error(), exceeded.cause()));
        d.saveMapRun(record(d, fork, MapRunRecord.FAILED), false);
        return new Outcome.Failed(exceeded, true);
    }

    /** The Map state succeeded: the map run's record says so. */
    static void succeeded(Decider d, RunState.Fork fork) {
        d.saveMapRun(record(d, fork, MapRunRecord.SUCCEEDED), false);
    }

    /**
     * The Map state is aborted (a sibling branch failed, the execution was stopped, timed out or
     * failed): its running children are stopped, and with {@code recordEvent} MapRunAborted is recorded.
     */
    static void abort(Decider d, RunState run, boolean recordEvent) {
        RunState.Fork fork = run.fork;
        abortRunning(d, fork);
        if (recordEvent) {
            d.sideEvent(run, EventType.MapRunAborted, null);
        }
        d.saveMapRun(record(d, fork, MapRunRecord.ABORTED), false);
    }

    /** Stops every running child; each is redriven by a redrive of the map run. */
    private static void abortRunning(Decider d, RunState.Fork fork) {
        MapRunProgress p = fork.mapRun;
        for (int index : p.running.keySet()) {
            d.abortMapRunChild(new Command.AbortMapRunChild(token(d, p, index), fork.mapRunArn, childArn(d, fork, index)));
            p.unsuccessful.put(index, true);
            p.aborted++;
            fork.failed++;
        }
        p.running.clear();
    }

    /** The item a task token stands for, when it is one of a running child of this fork's map run; else -1. */
    static int item(RunState.Fork fork, TaskTokens.Decoded token) {
        MapRunProgress p = fork.mapRun;
        if (p == null) {
            return -1;
        }
        long index = (long) token.sequence() - p.tokenBase;
        return index >= 0 && index < fork.size && p.running.containsKey((int) index) ? (int) index : -1;
    }

    /** AWS: the map run fails when failed items exceed the count or the percentage; both default to 0. */
    static boolean exceedsTolerance(RunState.Fork fork) {
        long count = fork.toleratedFailureCount == null ? 0 : fork.toleratedFailureCount;
        BigDecimal percentage = fork.toleratedFailurePercentage == null ? BigDecimal.ZERO : fork.toleratedFailurePercentage;
        boolean overCount = fork.failed > count;
        boolean overPercentage = BigDecimal.valueOf(fork.failed).multiply(BigDecimal.valueOf(100))
                .compareTo(percentage.multiply(BigDecimal.valueOf(fork.size))) > 0;
        if (fork.toleratedFailureCount != null && fork.toleratedFailurePercentage != null) {
            return overCount || overPercentage;
        }
        if (fork.toleratedFailureCount != null) {
            return overCount;
        }
        if (fork.toleratedFailurePercentage != null) {
            return overPercentage;
        }
        return fork.failed > 0;
    }

    /** The map run's record as DescribeMapRun reports it. */
    private static MapRunRecord record(Decider d, RunState.Fork fork, String status) {
        MapRunProgress p = fork.mapRun;
        long starting = p.running.values().stream().filter(phase -> phase == MapRunProgress.Phase.STARTING).count();
        long running = p.running.size();
        long pendingRedrive = MapRunRecord.RUNNING.equals(status) && p.redriveTime != 0
                ? p.unsuccessful.keySet().stream().filter(index -> index >= fork.next).count() : 0;
        long ended = fork.succeeded + p.failed + p.timedOut + p.aborted;
        long pending = Math.max(0, fork.size - ended - running - pendingRedrive);
        MapRunRecord.Counts items = new MapRunRecord.Counts(pending, running, fork.succeeded, p.failed, p.timedOut,
                p.aborted, fork.size, 0, p.failuresNotRedrivable, pendingRedrive);
        MapRunRecord.Counts executions = new MapRunRecord.Counts(starting, running - starting, fork.succeeded,
                p.failed - p.failedWithoutChild, p.timedOut, p.aborted, p.executions, 0, p.failuresNotRedrivable,
                pendingRedrive);
        return new MapRunRecord(fork.mapRunArn, d.s.executionArn, d.s.stateMachineArn, status, p.startTime,
                MapRunRecord.RUNNING.equals(status) ? 0 : d.now, fork.maxConcurrency,
                fork.toleratedFailureCount == null ? 0 : fork.toleratedFailureCount,
                fork.toleratedFailurePercentage == null ? BigDecimal.ZERO : fork.toleratedFailurePercentage,
                items, executions, fork.mapRunRedriveCount, p.redriveTime);
    }

    private static JsonNode output(String text) {
        try {
            return Json.parse(text);
        } catch (JsonProcessingException e) {
            // A child's output is stored as JSON text the broker wrote itself.
            throw new IllegalStateException("a child execution's output is not JSON", e);
        }
    }

    static String token(Decider d, MapRunProgress p, int index) {
        return d.tokens.issue(d.s.executionId, p.tokenBase + index);
    }

    /** {@code arn:aws:states:REGION:ACCOUNT:execution:STATE_MACHINE/LABEL:ID}, as AWS names a map run's children. */
    static String childArn(Decider d, RunState.Fork fork, int index) {
        return arnPrefix(d) + "execution:" + baseName(d) + "/" + fork.mapRun.label + ":" + MapRunProgress.childName(fork.mapRunArn, index);
    }

    /** {@code arn:aws:states:REGION:ACCOUNT:}, taken from the execution's own ARN. */
    static String arnPrefix(Decider d) {
        String arn = d.s.executionArn;
        int at = arn.indexOf(":execution:");
        return at < 0 ? arn + ":" : arn.substring(0, at + 1);
    }

    /**
     * The state machine's own name: a map run's child runs as {@code NAME/LABEL}, and a Distributed
     * Map inside it names its map run after the same state machine.
     */
    static String baseName(Decider d) {
        String name = d.s.stateMachineName;
        int slash = name.indexOf('/');
        return slash < 0 ? name : name.substring(0, slash);
    }

    /** The label part of {@code arn:...:mapRun:STATE_MACHINE/LABEL:ID}. */
    private static String label(String mapRunArn) {
        int slash = mapRunArn.lastIndexOf('/');
        int colon = mapRunArn.lastIndexOf(':');
        return mapRunArn.substring(slash + 1, colon);
    }
}
