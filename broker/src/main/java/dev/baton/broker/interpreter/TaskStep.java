package dev.baton.broker.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.broker.dataflow.jsonata.QueryEvaluationException;
import dev.baton.broker.dataflow.PayloadLimit;
import dev.baton.broker.definition.model.DynamicValue;
import dev.baton.broker.definition.model.TaskResource;
import dev.baton.broker.definition.model.TaskState;

/**
 * Task with an activity resource: the effective input (InputPath, Parameters, with
 * {@code $$.Task.Token}) is offered to the activity's pollers under a new task token. TimeoutSeconds
 * counts from scheduling and HeartbeatSeconds from the moment a worker takes the task, each as a
 * durable timer; a heartbeat re-arms the heartbeat timer. The task ends with the worker's
 * SendTaskSuccess/SendTaskFailure or a time-out (ActivityTimedOut, States.Timeout).
 *
 * <p>Other resources (Lambda, service integrations) fail the state with States.Runtime: they are not
 * part of this version of Baton.
 */
final class TaskStep {
    private TaskStep() {
    }

    static Outcome start(Decider d, RunState run, TaskState task) {
        if (!(task.resource() instanceof TaskResource.Activity activity)) {
            throw StateFailure.runtime(run, "The resource '" + task.resource().arn()
                    + "' is not supported by this version of Baton: Task states run activities only.");
        }
        String token = d.tokens.issue(d.s.executionId, ++d.s.sequence);
        StateContext context = d.context(run, task, token, null);
        // TimeoutSecondsPath/HeartbeatSecondsPath read the input after InputPath; JSONata reads $states.input.
        JsonNode rawInput = DataFlow.jsonata(task) ? run.stateInput : DataFlow.inputPath(task.io(), run.stateInput, context);
        JsonNode effective = DataFlow.effectiveInput(task, run.stateInput, context);
        PayloadLimit.checkStateResult(task.name(), effective);
        Long timeout = seconds(run, task.timeoutSeconds(), "TimeoutSeconds", rawInput, context);
        Long heartbeat = seconds(run, task.heartbeatSeconds(), "HeartbeatSeconds", rawInput, context);
        String timeoutTimer = timeout == null ? null
                : d.startTimer(run, ExecutionSnapshot.TimerKind.TASK_TIMEOUT, d.now + timeout * 1000L);
        run.task = new RunState.PendingTask(token, activity.arn(), effective, timeout, heartbeat, false, timeoutTimer, null);
        d.scheduleTask(token, activity.arn(), effective, heartbeat);
        d.event(run, EventType.ActivityScheduled, new EventDetails.ActivityScheduled(activity.arn(), effective,
                EventDetails.DataDetails.NOT_TRUNCATED, timeout, heartbeat));
        return Outcome.WAITING;
    }

    /** A poller took the task. */
    static void started(Decider d, RunState run, String workerName) {
        if (run.task.started()) {
            // A redelivery after a broker crash: the first hand-off may never have reached its worker.
            // The task is already recorded as started; whichever worker completes it first wins.
            return;
        }
        run.task = run.task.withStarted(true);
        // A poller that gave no worker name is recorded without one, as AWS does.
        d.event(run, EventType.ActivityStarted, new EventDetails.ActivityStarted(
                workerName == null || workerName.isEmpty() ? null : workerName));
        d.claimTask(run.task.token(), run.task.resource());
        if (run.task.heartbeatSeconds() != null) {
            run.task = run.task.withHeartbeatTimer(d.startTimer(run, ExecutionSnapshot.TimerKind.HEARTBEAT,
                    d.now + run.task.heartbeatSeconds() * 1000L));
        }
    }

    /** The poller that took the task went away before it received it: the task goes back to its queue. */
    static void returned(Decider d, RunState run) {
        if (!run.task.started()) {
            return;
        }
        run.task = run.task.withStarted(false);
        if (run.task.heartbeatTimer() != null) {
            d.cancelTimer(run.task.heartbeatTimer());
            run.task = run.task.withHeartbeatTimer(null);
        }
        d.releaseTask(run.task.token(), run.task.resource(), run.task.input());
    }

    /** SendTaskHeartbeat: the heartbeat time-out starts again. */
    static void heartbeat(Decider d, RunState run) {
        String timer = run.task.heartbeatTimer();
        if (timer == null) {
            return;
        }
        d.cancelTimer(timer);
        run.task = run.task.withHeartbeatTimer(d.startTimer(run, ExecutionSnapshot.TimerKind.HEARTBEAT,
                d.now + run.task.heartbeatSeconds() * 1000L));
    }

    static Outcome succeeded(Decider d, RunState run, TaskState task, JsonNode result) {
        String token = run.task.token();
        recordStartIfLost(d, run);
        d.releaseWaits(run);
        d.event(run, EventType.ActivitySucceeded,
                new EventDetails.ActivitySucceeded(result, EventDetails.DataDetails.NOT_TRUNCATED));
        StateContext context = d.context(run, task, token, null);
        return DataFlow.withResult(task, run.stateInput, result, context, task.transition());
    }

    static Outcome failed(Decider d, RunState run, String error, String cause) {
        recordStartIfLost(d, run);
        d.releaseWaits(run);
        d.event(run, EventType.ActivityFailed, new EventDetails.ErrorCause(error, cause));
        return new Outcome.Failed(new StateFailure(error, cause));
    }

    /**
     * A worker answers for a task the history does not show as started: a broker crash lost the
     * hand-off's record after the worker got the task. The task was started (a worker holds its
     * token), so the history says so, without the worker's name, which is not known any more.
     */
    private static void recordStartIfLost(Decider d, RunState run) {
        if (!run.task.started()) {
            run.task = run.task.withStarted(true);
            d.event(run, EventType.ActivityStarted, new EventDetails.ActivityStarted(null));
        }
    }

    /** TimeoutSeconds or HeartbeatSeconds passed: AWS records ActivityTimedOut with States.Timeout. */
    static Outcome timedOut(Decider d, RunState run, boolean heartbeat) {
        if (run.task == null) {
            return Outcome.WAITING;
        }
        d.releaseWaits(run);
        d.event(run, EventType.ActivityTimedOut, new EventDetails.ErrorCause(StateFailure.TIMEOUT, null));
        return new Outcome.Failed(heartbeat ? StateFailure.heartbeatTimeout() : new StateFailure(StateFailure.TIMEOUT, null));
    }

    /**
     * TimeoutSeconds/HeartbeatSeconds, given literally or read by their {@code Path} form from the
     * state's input (after InputPath); null when absent.
     */
    private static Long seconds(RunState run, DynamicValue value, String field, JsonNode input, StateContext context) {
        if (value == null) {
            return null;
        }
        return switch (value) {
            case DynamicValue.Literal l -> l.value().asLong();
            case DynamicValue.FromPath p -> {
                JsonNode n = p.path().read(input, context);
                if (n == null) {
                    throw StateFailure.runtime(run, "The " + field + "Path parameter does not reference an input value: "
                            + p.path().text());
                }
                if (!n.isIntegralNumber() || !n.canConvertToLong() || n.longValue() <= 0) {
                    throw StateFailure.runtime(run, "The " + field + "Path parameter does not reference a positive "
                            + "integer: " + p.path().text() + " == " + WaitStep.shown(n));
                }
                yield n.longValue();
            }
            case DynamicValue.FromIntrinsic i -> throw new IllegalStateException("only ErrorPath and CausePath take intrinsic functions");
            case DynamicValue.FromJsonata j -> {
                JsonNode n = j.expression().evaluate(context.jsonata(), field);
                if (!n.isIntegralNumber() || !n.canConvertToLong() || n.longValue() <= 0) {
                    throw new QueryEvaluationException(field, "The " + field + " field must be a positive integer, but was: "
                            + WaitStep.shown(n));
                }
                yield n.longValue();
            }
        };
    }
}
