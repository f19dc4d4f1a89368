package dev.baton.broker.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.broker.dataflow.DataflowException;
import dev.baton.broker.dataflow.EvaluationContext;
import dev.baton.broker.dataflow.Json;
import dev.baton.broker.definition.model.DynamicValue;
import dev.baton.broker.definition.model.FailState;
import dev.baton.broker.definition.model.PassState;
import dev.baton.broker.definition.model.State;
import dev.baton.broker.definition.model.StateIo;
import dev.baton.broker.definition.model.StateMachine;
import dev.baton.broker.definition.model.SucceedState;
import dev.baton.broker.definition.model.TaskResource;
import dev.baton.broker.definition.model.TaskState;
import dev.baton.broker.definition.model.Transition;

import java.util.ArrayList;
import java.util.List;

/**
 * The ASL interpreter: a pure function from (definition, execution snapshot, trigger, clock reading)
 * to a {@link Decision}. No threads, sleeps, I/O or clocks: the same inputs always give the same
 * decision, so it is tested without a database or server, and the runtime can persist the decision
 * in one transaction before anything is carried out.
 */
public final class Interpreter {
    private final TaskTokens tokens;

    public Interpreter(TaskTokens tokens) {
        this.tokens = tokens;
    }

    /** A new execution's snapshot, before its {@link Trigger.Start}. */
    public static ExecutionSnapshot newExecution(long executionId, String executionArn, String name,
                                                 String stateMachineArn, String stateMachineName, String roleArn,
                                                 JsonNode input, String inputText, long startTime) {
        ExecutionSnapshot s = new ExecutionSnapshot();
        s.executionId = executionId;
        s.executionArn = executionArn;
        s.name = name;
        s.stateMachineArn = stateMachineArn;
        s.stateMachineName = stateMachineName;
        s.roleArn = roleArn;
        s.input = input;
        s.inputText = inputText;
        s.startTime = startTime;
        return s;
    }

    public Decision decide(StateMachine machine, ExecutionSnapshot snapshot, Trigger trigger, long now) {
        Step step = new Step(machine, snapshot.copy(), now);
        step.apply(trigger);
        return step.decision();
    }

    /** The work of one decision: a private copy of the snapshot, and the events and commands it adds up. */
    private final class Step {
        private final StateMachine machine;
        private final ExecutionSnapshot s;
        private final long now;
        private final List<HistoryEvent> events = new ArrayList<>();
        private final List<Command> commands = new ArrayList<>();
        private Decision.Rejection rejection;

        Step(StateMachine machine, ExecutionSnapshot s, long now) {
            this.machine = machine;
            this.s = s;
            this.now = now;
        }

        Decision decision() {
            if (rejection != null) {
                return new Decision(s, List.of(), List.of(), rejection);
            }
            return new Decision(s, List.copyOf(events), List.copyOf(commands), null);
        }

        void apply(Trigger trigger) {
            if (s.status.isClosed() && !(trigger instanceof Trigger.Start)) {
                rejectClosedTask(trigger);
                return;
            }
            switch (trigger) {
                case Trigger.Start start -> start();
                case Trigger.ActivityTaskStarted t -> activityStarted(t);
                case Trigger.ActivityTaskReturned t -> activityReturned(t);
                case Trigger.TaskSucceeded t -> taskSucceeded(t);
                case Trigger.TaskFailed t -> taskFailed(t);
                case Trigger.TaskHeartbeat t -> taskHeartbeat(t);
                case Trigger.TimerFired t -> {
                    // No state of this build arms timers; a stale timer is ignored.
                }
                case Trigger.Stop stop -> stop(stop);
            }
        }

        private void rejectClosedTask(Trigger trigger) {
            switch (trigger) {
                case Trigger.TaskSucceeded t -> rejection = taskTimedOut();
                case Trigger.TaskFailed t -> rejection = taskTimedOut();
                case Trigger.TaskHeartbeat t -> rejection = taskTimedOut();
                case Trigger.ActivityTaskStarted t -> rejection = taskTimedOut();
                default -> {
                    // Stop of a closed execution, stale timers and returns: nothing to do.
                }
            }
        }

        private Decision.Rejection taskTimedOut() {
            return new Decision.Rejection("TaskTimedOut", "Task Timed Out: the task has already ended");
        }

        // ---- execution lifecycle ----

        private void start() {
            event(null, EventType.ExecutionStarted,
                    new EventDetails.ExecutionStarted(s.inputText, EventDetails.DataDetails.NOT_TRUNCATED, s.roleArn));
            RunState root = new RunState(RunState.ROOT);
            s.runs.put(root.id, root);
            advance(root, machine.startAt(), s.input);
        }

        private void stop(Trigger.Stop stop) {
            for (RunState run : s.runs.values()) {
                withdrawTask(run);
            }
            s.runs.clear();
            closeExecution(ExecutionStatus.ABORTED, null, stop.error(), stop.cause());
            event(null, EventType.ExecutionAborted, new EventDetails.ErrorCause(stop.error(), stop.cause()));
        }

        private void closeExecution(ExecutionStatus status, JsonNode output, String error, String cause) {
            s.status = status;
            s.output = output;
            s.error = error;
            s.cause = cause;
            s.stopTime = now;
        }

        // ---- runs and states ----

        /** Runs states from {@code stateName} until the run waits, ends or fails. */
        private void advance(RunState run, String stateName, JsonNode input) {
            String next = stateName;
            JsonNode value = input;
            while (next != null) {
                State state = machine.state(next);
                run.state = next;
                run.stateInput = value;
                run.enteredTime = now;
                run.retryCounts = null;
                event(run, EventType.entered(state.type()),
                        new EventDetails.StateEntered(state.name(), value, EventDetails.DataDetails.NOT_TRUNCATED));
                Outcome outcome;
                try {
                    outcome = execute(run, state, value);
                } catch (StateFailure f) {
                    outcome = new Outcome.Failed(f.error(), f.cause());
                } catch (DataflowException e) {
                    outcome = new Outcome.Failed(e.error(), e.cause());
                }
                switch (outcome) {
                    case Outcome.Waiting w -> {
                        return;
                    }
                    case Outcome.Completed c -> {
                        next = exitState(run, state, c.output(), c.transition());
                        value = c.output();
                    }
                    case Outcome.Failed f -> {
                        failRun(run, f.error(), f.cause());
                        return;
                    }
                }
            }
        }

        /** Records the state's exit and returns the next state, or null when the run ended. */
        private String exitState(RunState run, State state, JsonNode output, Transition transition) {
            event(run, EventType.exited(state.type()),
                    new EventDetails.StateExited(state.name(), output, EventDetails.DataDetails.NOT_TRUNCATED, null, null));
            return switch (transition) {
                case Transition.Next n -> n.state();
                case Transition.End e -> {
                    completeRun(run, output);
                    yield null;
                }
            };
        }

        private void completeRun(RunState run, JsonNode output) {
            s.runs.remove(run.id);
            closeExecution(ExecutionStatus.SUCCEEDED, output, null, null);
            event(run, EventType.ExecutionSucceeded,
                    new EventDetails.ExecutionSucceeded(output, EventDetails.DataDetails.NOT_TRUNCATED));
        }

        private void failRun(RunState run, String error, String cause) {
            s.runs.remove(run.id);
            closeExecution(ExecutionStatus.FAILED, null, error, cause);
            event(run, EventType.ExecutionFailed, new EventDetails.ErrorCause(error, cause));
        }

        private Outcome execute(RunState run, State state, JsonNode rawInput) {
            EvaluationContext ctx = new ContextObject(s, run, null);
            return switch (state) {
                case PassState pass -> {
                    JsonNode effective = effectiveInput(pass.io(), rawInput, ctx);
                    JsonNode result = pass.result() != null ? pass.result() : effective;
                    yield new Outcome.Completed(output(pass.io(), rawInput, result, ctx), pass.transition());
                }
                case SucceedState succeed -> {
                    JsonNode effective = inputPath(succeed.io(), rawInput, ctx);
                    yield new Outcome.Completed(outputPath(succeed.io(), effective, ctx), Transition.END);
                }
                case FailState fail -> new Outcome.Failed(text(fail.error(), rawInput, ctx), text(fail.cause(), rawInput, ctx));
                case TaskState task -> scheduleTask(run, task, rawInput);
                default -> throw new StateFailure("States.Runtime",
                        "The " + state.type() + " state is not supported by this version of Baton");
            };
        }

        private String text(DynamicValue value, JsonNode input, EvaluationContext ctx) {
            if (value == null) {
                return null;
            }
            JsonNode node = switch (value) {
                case DynamicValue.Literal l -> l.value();
                case DynamicValue.FromPath p -> p.path().read(input, ctx);
                case DynamicValue.FromIntrinsic i -> i.call().evaluate(input, ctx);
                case DynamicValue.FromJsonata j -> throw new StateFailure("States.Runtime", "JSONata is not supported by this version of Baton");
            };
            return node == null || node.isNull() ? null : node.isTextual() ? node.textValue() : Json.write(node);
        }

        // ---- tasks ----

        private Outcome scheduleTask(RunState run, TaskState task, JsonNode rawInput) {
            if (!(task.resource() instanceof TaskResource.Activity activity)) {
                throw new StateFailure("States.Runtime",
                        "The resource '" + task.resource().arn() + "' is not supported by this version of Baton");
            }
            String token = tokens.issue(s.executionId, ++s.sequence);
            JsonNode effective = effectiveInput(task.io(), rawInput, new ContextObject(s, run, token));
            run.task = new RunState.PendingTask(token, activity.arn(), effective, null, false);
            event(run, EventType.ActivityScheduled, new EventDetails.ActivityScheduled(activity.arn(), effective,
                    EventDetails.DataDetails.NOT_TRUNCATED, null, null));
            commands.add(new Command.ScheduleActivityTask(token, activity.arn(), effective, null));
            return Outcome.WAITING;
        }

        private RunState runWaitingFor(String token) {
            for (RunState run : s.runs.values()) {
                if (run.task != null && run.task.token().equals(token)) {
                    return run;
                }
            }
            return null;
        }

        private void activityStarted(Trigger.ActivityTaskStarted t) {
            RunState run = runWaitingFor(t.taskToken());
            if (run == null) {
                rejection = taskTimedOut();
                return;
            }
            if (run.task.started()) {
                // A redelivery after a broker crash: the first hand-off may never have reached its worker.
                // The task is already recorded as started; whichever worker completes it first wins.
                return;
            }
            run.task = run.task.withStarted(true);
            event(run, EventType.ActivityStarted, new EventDetails.ActivityStarted(t.workerName()));
            commands.add(new Command.ClaimActivityTask(t.taskToken(), run.task.resource()));
        }

        private void activityReturned(Trigger.ActivityTaskReturned t) {
            RunState run = runWaitingFor(t.taskToken());
            if (run == null || !run.task.started()) {
                return;
            }
            run.task = run.task.withStarted(false);
            commands.add(new Command.ReleaseActivityTask(run.task.token(), run.task.resource(), run.task.input()));
        }

        private void taskHeartbeat(Trigger.TaskHeartbeat t) {
            if (runWaitingFor(t.taskToken()) == null) {
                rejection = taskTimedOut();
            }
        }

        private void taskSucceeded(Trigger.TaskSucceeded t) {
            RunState run = runWaitingFor(t.taskToken());
            if (run == null) {
                rejection = taskTimedOut();
                return;
            }
            RunState.PendingTask pending = run.task;
            run.task = null;
            closeTask(pending);
            event(run, EventType.ActivitySucceeded,
                    new EventDetails.ActivitySucceeded(t.output(), EventDetails.DataDetails.NOT_TRUNCATED));
            TaskState task = (TaskState) currentState(run);
            JsonNode output;
            try {
                output = output(task.io(), run.stateInput, t.output(), new ContextObject(s, run, pending.token()));
            } catch (DataflowException e) {
                failRun(run, e.error(), e.cause());
                return;
            }
            String next = exitState(run, task, output, task.transition());
            if (next != null) {
                advance(run, next, output);
            }
        }

        private void taskFailed(Trigger.TaskFailed t) {
            RunState run = runWaitingFor(t.taskToken());
            if (run == null) {
                rejection = taskTimedOut();
                return;
            }
            RunState.PendingTask pending = run.task;
            run.task = null;
            closeTask(pending);
            event(run, EventType.ActivityFailed, new EventDetails.ErrorCause(t.error(), t.cause()));
            failRun(run, t.error(), t.cause());
        }

        private void withdrawTask(RunState run) {
            if (run.task != null) {
                closeTask(run.task);
                run.task = null;
            }
        }

        /** The task has ended: it leaves its queue (if still there) and the table of open tasks. */
        private void closeTask(RunState.PendingTask task) {
            commands.add(new Command.WithdrawActivityTask(task.token(), task.resource()));
        }

        private State currentState(RunState run) {
            return machine.state(run.state);
        }

        // ---- input and output processing (JSONPath) ----

        private JsonNode inputPath(StateIo io, JsonNode rawInput, EvaluationContext ctx) {
            if (io.inputPath() == null) {
                return Json.MAPPER.createObjectNode();
            }
            JsonNode value = io.inputPath().read(rawInput, ctx);
            if (value == null) {
                throw new StateFailure("States.Runtime", "Invalid path '" + io.inputPath().text()
                        + "' : No results for path: " + io.inputPath().text());
            }
            return value;
        }

        private JsonNode effectiveInput(StateIo io, JsonNode rawInput, EvaluationContext ctx) {
            JsonNode value = inputPath(io, rawInput, ctx);
            return io.parameters() == null ? value : io.parameters().evaluate(value, ctx);
        }

        private JsonNode output(StateIo io, JsonNode rawInput, JsonNode result, EvaluationContext ctx) {
            JsonNode selected = io.resultSelector() == null ? result : io.resultSelector().evaluate(result, ctx);
            JsonNode combined = io.resultPath() == null ? rawInput : io.resultPath().apply(rawInput, selected);
            return outputPath(io, combined, ctx);
        }

        private JsonNode outputPath(StateIo io, JsonNode value, EvaluationContext ctx) {
            if (io.outputPath() == null) {
                return Json.MAPPER.createObjectNode();
            }
            JsonNode out = io.outputPath().read(value, ctx);
            if (out == null) {
                throw new StateFailure("States.Runtime", "Invalid path '" + io.outputPath().text()
                        + "' : No results for path: " + io.outputPath().text());
            }
            return out;
        }

        // ---- history ----

        /** Appends an event; its previous event is the run's last one (0 for execution-level events without a run). */
        private void event(RunState run, EventType type, EventDetails details) {
            int id = ++s.lastEventId;
            int previous = run == null ? 0 : run.lastEventId;
            if (type == EventType.ExecutionAborted) {
                previous = id - 1;
            }
            events.add(new HistoryEvent(id, previous, now, type, details));
            if (run != null) {
                run.lastEventId = id;
            }
        }
    }

    /** How executing a state ended, for now. */
    private sealed interface Outcome {
        Waiting WAITING = new Waiting();

        record Waiting() implements Outcome {
        }

        record Completed(JsonNode output, Transition transition) implements Outcome {
        }

        record Failed(String error, String cause) implements Outcome {
        }
    }
}
