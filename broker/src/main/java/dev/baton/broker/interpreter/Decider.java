package dev.baton.broker.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.broker.dataflow.ContextObject;
import dev.baton.broker.dataflow.DataflowException;
import dev.baton.broker.dataflow.PayloadTemplate;
import dev.baton.broker.dataflow.ResultPath;
import dev.baton.broker.dataflow.jsonata.JsonataScope;
import dev.baton.broker.dataflow.jsonata.JsonataTemplate;
import dev.baton.broker.dataflow.jsonata.QueryEvaluationException;
import dev.baton.broker.dataflow.variables.Assignment;
import dev.baton.broker.dataflow.variables.VariableLimits;
import dev.baton.broker.definition.ItemProcessors;
import dev.baton.broker.definition.model.Catcher;
import dev.baton.broker.definition.model.ChoiceState;
import dev.baton.broker.definition.model.FailState;
import dev.baton.broker.definition.model.MapState;
import dev.baton.broker.definition.model.ParallelState;
import dev.baton.broker.definition.model.PassState;
import dev.baton.broker.definition.model.QueryLanguage;
import dev.baton.broker.definition.model.Retrier;
import dev.baton.broker.definition.model.State;
import dev.baton.broker.definition.model.StateGraph;
import dev.baton.broker.definition.model.StateMachine;
import dev.baton.broker.definition.model.SucceedState;
import dev.baton.broker.definition.model.TaskState;
import dev.baton.broker.definition.model.WaitState;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The work of one decision: a private copy of the snapshot, the events and commands it adds up, and
 * the lifecycle every state goes through (entered event, input processing, the state's work, output
 * processing, exited event), with Retry and Catch for the states that have them.
 *
 * <p>Runs proceed until they wait. When a child run (a Parallel branch, a Map iteration) ends, its
 * parent hears of it through an agenda rather than a nested call, so that a Map of many items that
 * complete at once needs no deeper stack than a Map of one.
 */
final class Decider {
    /** AWS's hard quota of events in an execution's history. */
    static final int MAX_HISTORY_EVENTS = 25_000;
    static final String HISTORY_LIMIT_CAUSE = "The execution reached the maximum number of history events ("
            + MAX_HISTORY_EVENTS + ").";
    /** AWS's quotas for workflow variables (256 KiB a variable and an Assign, 10 MiB in all). */
    static final VariableLimits VARIABLE_LIMITS = VariableLimits.DEFAULT;

    final StateMachine machine;
    final ExecutionSnapshot s;
    final long now;
    final TaskTokens tokens;
    private final List<HistoryEvent> events = new ArrayList<>();
    private final List<Command> commands = new ArrayList<>();
    private final ArrayDeque<ChildEnd> agenda = new ArrayDeque<>();
    /** Timers armed and tasks offered by this decision, which a cancel or withdrawal in it simply drops. */
    private final Set<String> armedNow = new HashSet<>();
    private final Set<String> offeredNow = new HashSet<>();
    /** Timer ids and task tokens armed or offered and then dropped within this decision. */
    private final Set<String> dropped = new HashSet<>();
    /** The last record of each map run this decision changed, by ARN: one write per map run. */
    private final Map<String, Command.SaveMapRun> mapRunSaves = new LinkedHashMap<>();
    private Decision.Rejection rejection;
    /**
     * Wall-clock time this decision may spend in JSONata, all expressions together (the one place the
     * interpreter reads a clock: a guard against runaway definitions, never part of what it decides).
     */
    private final dev.baton.broker.dataflow.jsonata.JsonataBudget jsonataBudget =
            dev.baton.broker.dataflow.jsonata.JsonataBudget.startingNow(
                    dev.baton.broker.dataflow.jsonata.JsonataBudget.DEFAULT_PER_DECISION);

    /** A child run ended (succeeded or failed); its parent takes note when the agenda reaches it. */
    private record ChildEnd(RunState child, Outcome outcome) {
    }

    /** The history is full: the execution fails (AWS records ExecutionFailed as event 25,000). */
    private static final class HistoryFull extends RuntimeException {
        HistoryFull() {
            super(null, null, false, false);
        }
    }

    Decider(StateMachine machine, ExecutionSnapshot s, long now, TaskTokens tokens) {
        this.machine = machine;
        this.s = s;
        this.now = now;
        this.tokens = tokens;
    }

    Decision decision() {
        if (rejection != null) {
            return new Decision(s, List.of(), List.of(), rejection);
        }
        List<Command> kept = dropped.isEmpty() ? commands : commands.stream().filter(c -> switch (c) {
            case Command.StartTimer t -> !dropped.contains(t.timerId());
            case Command.ScheduleActivityTask t -> !dropped.contains(t.taskToken());
            case Command.StartChildExecution t -> !dropped.contains(t.taskToken());
            case Command.CallApi t -> !dropped.contains(t.taskToken());
            case Command.StartMapRunChild t -> !dropped.contains(t.taskToken());
            case Command.RedriveMapRunChild t -> !dropped.contains(t.taskToken());
            default -> true;
        }).toList();
        if (!mapRunSaves.isEmpty()) {
            kept = new ArrayList<>(kept);
            kept.addAll(mapRunSaves.values());
        }
        return new Decision(s, List.copyOf(events), List.copyOf(kept), null);
    }

    // ---- triggers ----

    void apply(Trigger trigger) {
        if (s.status.isClosed() && !(trigger instanceof Trigger.Start) && !(trigger instanceof Trigger.Redrive)) {
            rejectOnClosed(trigger);
            return;
        }
        try {
            switch (trigger) {
                case Trigger.Start start -> start();
                case Trigger.ActivityTaskStarted t -> onTask(t.taskToken(), run -> TaskStep.started(this, run, t.workerName()));
                case Trigger.ActivityTaskReturned t -> {
                    RunState run = runWaitingFor(t.taskToken());
                    if (run != null) {
                        TaskStep.returned(this, run);
                    }
                }
                case Trigger.TaskSucceeded t -> onTask(t.taskToken(), run -> settle(run,
                        guarded(run, () -> TaskStep.succeeded(this, run, (TaskState) stateOf(run), t.taskToken(),
                                t.output()))));
                case Trigger.TaskFailed t -> onTask(t.taskToken(), run -> settle(run,
                        TaskStep.failed(this, run, t.error(), t.cause())));
                case Trigger.TaskHeartbeat t -> onTask(t.taskToken(), run -> TaskStep.heartbeat(this, run));
                case Trigger.ServiceResponded t -> {
                    if (!onMapRunChild(t.taskToken(), (run, index) -> MapRuns.childStarted(this, run, index))) {
                        onCall(t.taskToken(), run -> settle(run, guarded(run, () -> {
                            TaskState task = (TaskState) stateOf(run);
                            return TaskStep.kind(task) == TaskStep.Kind.START_EXECUTION
                                    ? ChildExecutions.started(this, run, task, t.response())
                                    : SfnApiCalls.responded(this, run, task, t.response());
                        })));
                    }
                }
                case Trigger.ServiceFailed t -> {
                    if (!onMapRunChild(t.taskToken(), (run, index) -> MapRuns.childNotStarted(this, run,
                            (MapState) stateOf(run), index, t.error(), t.cause()))) {
                        onCall(t.taskToken(), run -> settle(run, TaskStep.failed(this, run, t.error(), t.cause())));
                    }
                }
                case Trigger.ChildEnded t -> {
                    if (!onMapRunChild(t.taskToken(), (run, index) -> MapRuns.childEnded(this, run,
                            (MapState) stateOf(run), index, t.child()))) {
                        onCall(t.taskToken(), run -> settle(run,
                                guarded(run, () -> ChildExecutions.ended(this, run, (TaskState) stateOf(run), t.child()))));
                    }
                }
                case Trigger.MapRunUpdate u -> updateMapRun(u);
                case Trigger.TimerFired t -> timerFired(t.timerId());
                case Trigger.Stop stop -> stop(stop);
                case Trigger.Redrive r -> redrive();
            }
            drainAgenda();
        } catch (HistoryFull full) {
            failForFullHistory();
        }
    }

    /** Applies a task callback to the run waiting for the token; an unknown token gets TaskTimedOut, as on AWS. */
    private void onTask(String token, Consumer<RunState> action) {
        RunState run = runWaitingFor(token);
        if (run == null || (token.equals(run.task.invocation()) && run.task.submitted())) {
            // A second answer to an invocation that has already returned counts as late, too.
            rejection = taskTimedOut();
            return;
        }
        action.accept(run);
    }

    /**
     * Applies the answer to a call the broker made (a child execution's start or end, an SDK call)
     * to the run whose task made it; a task that has ended meanwhile rejects it.
     */
    private void onCall(String token, Consumer<RunState> action) {
        RunState run = runWaitingFor(token);
        if (run == null || !run.task.token().equals(token) || run.task.resource() != null) {
            rejection = taskTimedOut();
            return;
        }
        action.accept(run);
    }

    /**
     * Applies the report of a map run's child (its token is one of a running child's) to the Map
     * state's run. Returns false when the token is not such a child's.
     */
    private boolean onMapRunChild(String token, java.util.function.BiFunction<RunState, Integer, Outcome> action) {
        TaskTokens.Decoded decoded = tokens.decode(token);
        if (decoded == null || decoded.executionId() != s.executionId) {
            return false;
        }
        for (RunState run : s.runs.values()) {
            if (run.fork != null) {
                int index = MapRuns.item(run.fork, decoded);
                if (index >= 0) {
                    settle(run, guarded(run, () -> action.apply(run, index)));
                    return true;
                }
            }
        }
        return false;
    }

    /** UpdateMapRun of a map run of this execution; only a running one can change. */
    private void updateMapRun(Trigger.MapRunUpdate u) {
        for (RunState run : s.runs.values()) {
            if (run.fork != null && run.fork.mapRun != null && u.mapRunArn().equals(run.fork.mapRunArn)) {
                settle(run, guarded(run, () -> MapRuns.update(this, run, (MapState) stateOf(run), u)));
                return;
            }
        }
        rejection = mapRunNotRunning(u.mapRunArn());
    }

    private static Decision.Rejection mapRunNotRunning(String mapRunArn) {
        return new Decision.Rejection("ValidationException", "The Map Run " + mapRunArn
                + " is not running: only a running Map Run can be updated");
    }

    private void rejectOnClosed(Trigger trigger) {
        switch (trigger) {
            case Trigger.MapRunUpdate u -> rejection = mapRunNotRunning(u.mapRunArn());
            case Trigger.TaskSucceeded t -> rejection = taskTimedOut();
            case Trigger.TaskFailed t -> rejection = taskTimedOut();
            case Trigger.TaskHeartbeat t -> rejection = taskTimedOut();
            case Trigger.ActivityTaskStarted t -> rejection = taskTimedOut();
            case Trigger.ServiceResponded t -> rejection = taskTimedOut();
            case Trigger.TimerFired t -> cancelTimer(t.timerId());
            default -> {
                // Stop of a closed execution and returned tasks: nothing to do.
            }
        }
    }

    static Decision.Rejection taskTimedOut() {
        return new Decision.Rejection("TaskTimedOut", "Task Timed Out: the task has already ended");
    }

    RunState runWaitingFor(String token) {
        for (RunState run : s.runs.values()) {
            if (run.task != null && run.task.answersTo(token)) {
                return run;
            }
        }
        return null;
    }

    private void timerFired(String timerId) {
        ExecutionSnapshot.Timer timer = s.timers.remove(timerId);
        if (timer == null) {
            // Cancelled after it was already on its way: only its row is left to delete.
            cancelTimer(timerId);
            return;
        }
        if (timer.kind() == ExecutionSnapshot.TimerKind.EXECUTION_TIMEOUT) {
            timeOut();
            return;
        }
        RunState run = s.runs.get(timer.runId());
        if (run == null) {
            return;
        }
        switch (timer.kind()) {
            case WAIT -> {
                run.timerId = null;
                settle(run, guarded(run, () -> WaitStep.elapsed(this, run, (WaitState) stateOf(run))));
            }
            case RETRY -> {
                run.timerId = null;
                settle(run, begin(run, stateOf(run)));
            }
            case TASK_TIMEOUT -> settle(run, TaskStep.timedOut(this, run, false));
            case HEARTBEAT -> settle(run, TaskStep.timedOut(this, run, true));
            case EXECUTION_TIMEOUT -> throw new IllegalStateException("handled above");
        }
    }

    // ---- the execution ----

    private void start() {
        RunState root = new RunState(RunState.ROOT);
        s.runs.put(root.id, root);
        // ExecutionStarted does not become the previous event of the first state: AWS records 0 there.
        sideEvent(root, EventType.ExecutionStarted,
                new EventDetails.ExecutionStarted(s.inputText, EventDetails.DataDetails.NOT_TRUNCATED, s.roleArn));
        if (machine.timeoutSeconds() != null) {
            startTimer(null, ExecutionSnapshot.TimerKind.EXECUTION_TIMEOUT, s.startTime + machine.timeoutSeconds() * 1000L);
        }
        settle(root, enterState(root, machine.startAt(), s.input));
    }

    /**
     * RedriveExecution: the execution continues as the same execution (same ARN, same history, one
     * ExecutionRedriven event) from the top-level state it did not complete, with that state's input;
     * inside a Parallel or Map state, only the branches and iterations that did not succeed run again
     * (see {@link Redrives}).
     */
    private void redrive() {
        String reason = Redrives.notRedrivableReason(s, now);
        if (reason != null) {
            rejection = new Decision.Rejection("ExecutionNotRedrivable", reason);
            return;
        }
        int previous = s.lastEventId;
        s.status = ExecutionStatus.RUNNING;
        s.output = null;
        s.error = null;
        s.cause = null;
        s.stopTime = 0;
        s.redriveCount++;
        s.redriveTime = now;
        executionEvent(EventType.ExecutionRedriven, new EventDetails.ExecutionRedriven(s.redriveCount), previous);
        RunState root = new RunState(RunState.ROOT);
        root.source = s.lastEventId;
        root.last = s.lastEventId;
        s.runs.put(root.id, root);
        if (machine.timeoutSeconds() != null) {
            startTimer(null, ExecutionSnapshot.TimerKind.EXECUTION_TIMEOUT, now + machine.timeoutSeconds() * 1000L);
        }
        RunState point = Redrives.topLevel(s);
        s.redriveRun = null;
        s.redriveState = null;
        s.redriveInput = null;
        s.redriveVariables = null;
        settle(root, Redrives.resume(this, root, point));
    }

    private void stop(Trigger.Stop stop) {
        close(ExecutionStatus.ABORTED, null, stop.error(), stop.cause());
        // AWS records ExecutionAborted with previousEventId 0.
        executionEvent(EventType.ExecutionAborted, new EventDetails.ErrorCause(stop.error(), stop.cause()), 0);
    }

    private void timeOut() {
        close(ExecutionStatus.TIMED_OUT, null, null, null);
        executionEvent(EventType.ExecutionTimedOut, new EventDetails.ErrorCause(null, null), 0);
    }

    /** Closes the execution: every task withdrawn, every timer cancelled, every run gone. */
    private void close(ExecutionStatus status, JsonNode output, String error, String cause) {
        // A map run still running stops with the execution: its children are stopped, and a redrive
        // redrives them.
        for (RunState run : s.runs.values()) {
            if (run.fork != null && run.fork.mapRun != null) {
                MapRuns.abort(this, run, false);
            }
        }
        // Where a redrive would continue: the top-level state the execution stopped in (AWS re-runs the
        // unsuccessful step with the same input and keeps what succeeded before it).
        RunState root = s.runs.get(RunState.ROOT);
        boolean redrivable = status != ExecutionStatus.SUCCEEDED && root != null && root.state != null;
        s.redriveRun = redrivable ? Redrives.resumePoint(s, root) : null;
        for (RunState run : s.runs.values()) {
            releaseWaits(run);
        }
        for (String timerId : new ArrayList<>(s.timers.keySet())) {
            cancelTimer(timerId);
        }
        s.runs.clear();
        agenda.clear();
        if (s.parentExecutionId != null && s.parentWaits) {
            commands.add(new Command.NotifyParent(s.parentExecutionId, s.parentTaskToken));
        }
        s.status = status;
        s.output = output;
        s.error = error;
        s.cause = cause;
        s.stopTime = now;
    }

    private void failForFullHistory() {
        RunState root = s.runs.get(RunState.ROOT);
        int previous = root == null ? s.lastEventId : root.source;
        close(ExecutionStatus.FAILED, null, StateFailure.RUNTIME, HISTORY_LIMIT_CAUSE);
        executionEvent(EventType.ExecutionFailed, new EventDetails.ErrorCause(StateFailure.RUNTIME, HISTORY_LIMIT_CAUSE),
                previous);
    }

    // ---- state graphs ----

    /** The state graph a run executes: the state machine's, a Parallel branch or a Map's item processor. */
    StateGraph graphOf(RunState run) {
        if (run.parentId == null) {
            return machine.graph();
        }
        RunState parent = s.runs.get(run.parentId);
        return switch (graphOf(parent).state(parent.state)) {
            case ParallelState p -> p.branches().get(run.index);
            case MapState m -> m.processor().graph();
            default -> throw new IllegalStateException("run " + run.id + " has a parent that is not a Parallel or Map state");
        };
    }

    State stateOf(RunState run) {
        return graphOf(run).state(run.state);
    }

    /**
     * The JSON Pointer, in the stored definition, of the state graph a run executes: "" for the state
     * machine's (or, in a map run's child, its ItemProcessor's location), then through Parallel
     * branches and inline Map processors.
     */
    String graphLocation(RunState run) {
        if (run.parentId == null) {
            return s.processorPath == null ? "" : s.processorPath;
        }
        RunState parent = s.runs.get(run.parentId);
        String state = ItemProcessors.state(graphLocation(parent), parent.state);
        return stateOf(parent) instanceof ParallelState ? ItemProcessors.branch(state, run.index)
                : ItemProcessors.processor(state);
    }

    /** The evaluation context of a run's current state. */
    StateContext context(RunState run, State state) {
        return context(run, state, null, null);
    }

    /**
     * @param taskToken the task token ({@code $$.Task.Token}), or null
     * @param item      the Map item ({@code $$.Map.Item}), or null
     */
    StateContext context(RunState run, State state, String taskToken, ContextObject.MapItem item) {
        boolean retries = state instanceof TaskState || state instanceof ParallelState || state instanceof MapState;
        return new StateContext(s, run, retries, taskToken, item, now, jsonataBudget);
    }

    // ---- the state lifecycle ----

    /** Records the StateEntered event of a state and starts its work. */
    Outcome enterState(RunState run, String name, JsonNode input) {
        return begin(run, entered(run, name, input));
    }

    /** Records the StateEntered event of a state, its work not yet begun. */
    State entered(RunState run, String name, JsonNode input) {
        State state = graphOf(run).state(name);
        run.state = name;
        run.stateInput = input;
        run.enteredTime = now;
        run.resetState();
        run.enteredPreviousId = run.source;
        run.enteredEventId = event(run, EventType.entered(state.type()),
                new EventDetails.StateEntered(name, input, EventDetails.DataDetails.NOT_TRUNCATED));
        return state;
    }

    /** Starts (or, after a retry, restarts) the current state's work. */
    Outcome begin(RunState run, State state) {
        return guarded(run, () -> switch (state) {
            case PassState p -> PassStep.start(this, run, p);
            case SucceedState st -> SucceedStep.start(this, run, st);
            case FailState f -> FailStep.start(this, run, f);
            case ChoiceState c -> ChoiceStep.start(this, run, c);
            case WaitState w -> WaitStep.start(this, run, w);
            case TaskState t -> TaskStep.start(this, run, t);
            case ParallelState p -> ParallelStep.start(this, run, p);
            case MapState m -> MapStep.start(this, run, m);
        });
    }

    /** Runs a piece of state work, turning its failures into an outcome. */
    Outcome guarded(RunState run, Supplier<Outcome> work) {
        try {
            return work.get();
        } catch (StateFailure f) {
            return new Outcome.Failed(f);
        } catch (DataflowException e) {
            return new Outcome.Failed(failure(run, run, e));
        }
    }

    /**
     * The failure a data-flow error gives the current state of {@code stateRun}. A JSONata
     * evaluation failure (States.QueryEvaluationError) is recorded first, as AWS records it, in an
     * EvaluationFailed event of {@code eventRun} (the state's own run, or the Map iteration whose
     * ItemSelector failed).
     */
    StateFailure failure(RunState stateRun, RunState eventRun, DataflowException e) {
        StateFailure failure = StateFailure.inState(stateRun, e);
        if (e instanceof QueryEvaluationException q) {
            State state = stateOf(stateRun);
            // AWS chains an evaluation that fails as the state starts to the event before the
            // StateEntered event (recorded for Pass, Map and others), except in a Wait state, whose
            // duration it evaluates after StateEntered.
            boolean atEntry = eventRun == stateRun && eventRun.source == eventRun.enteredEventId
                    && !(state instanceof WaitState);
            append(eventRun, atEntry ? eventRun.enteredPreviousId : eventRun.source, EventType.EvaluationFailed,
                    new EventDetails.EvaluationFailed(failure.error(), failure.cause(), q.location(), state.name()), true);
        }
        return failure;
    }

    /** Carries a run on from an outcome of its current state until it waits, ends or fails. */
    void settle(RunState run, Outcome outcome) {
        while (true) {
            try {
                switch (outcome) {
                    case Outcome.Waiting w -> {
                        return;
                    }
                    case Outcome.Completed c -> {
                        exitState(run, c.output(), c.assignment());
                        if (c.next() == null) {
                            endRun(run, c.output());
                            return;
                        }
                        outcome = enterState(run, c.next(), c.output());
                    }
                    case Outcome.Failed f -> {
                        outcome = handleFailure(run, f);
                        if (outcome == null) {
                            return;
                        }
                    }
                }
            } catch (StateFailure f) {
                // A state whose variables outgrow AWS's limits as it exits, or a distributed Map
                // iteration that outgrew its own history limit.
                outcome = new Outcome.Failed(f);
            }
        }
    }

    /**
     * Records the StateExited event of the run's state, after making its assignment visible: AWS
     * applies all of a state's Assign at once as it exits, and records the values in the event.
     *
     * @throws StateFailure States.DataLimitExceeded when the variables outgrow AWS's quotas
     */
    private void exitState(RunState run, JsonNode output, Assignment assignment) {
        State state = stateOf(run);
        Map<String, String> assigned = null;
        if (!assignment.isEmpty()) {
            try {
                VariableScopes.assign(s, run, assignment, state.name(), VARIABLE_LIMITS);
            } catch (DataflowException e) {
                throw StateFailure.inState(run, e);
            }
            assigned = assignment.assignedVariables();
        }
        event(run, EventType.exited(state.type()), new EventDetails.StateExited(state.name(), output,
                EventDetails.DataDetails.NOT_TRUNCATED, assigned, assigned == null ? null : EventDetails.DataDetails.NOT_TRUNCATED));
    }

    /**
     * Retry, then Catch, else the run fails. Returns what the run does next, or null when it waits
     * for a back-off or has ended.
     */
    private Outcome handleFailure(RunState run, Outcome.Failed failed) {
        StateFailure failure = failed.failure();
        State state = stateOf(run);
        List<Retrier> retriers = switch (state) {
            case TaskState t -> t.retry();
            case ParallelState p -> p.retry();
            case MapState m -> m.retry();
            default -> List.of();
        };
        List<Catcher> catchers = switch (state) {
            case TaskState t -> t.catchers();
            case ParallelState p -> p.catchers();
            case MapState m -> m.catchers();
            default -> List.of();
        };
        for (int i = 0; i < retriers.size(); i++) {
            Retrier retrier = retriers.get(i);
            if (!ErrorEquals.matches(retrier.errorEquals(), failure)) {
                continue;
            }
            // The first retrier that matches decides, even when it has no attempts left (ASL spec).
            if (run.retryCounts == null) {
                run.retryCounts = new HashMap<>();
            }
            int done = run.retryCounts.getOrDefault(i, 0);
            if (done < retrier.maxAttempts()) {
                run.retryCounts.put(i, done + 1);
                run.retryCount++;
                long delay = Backoff.delayMillis(retrier, done, s.executionId * 1_000_003L + s.lastEventId);
                if (delay <= 0) {
                    return begin(run, state);
                }
                run.timerId = startTimer(run, ExecutionSnapshot.TimerKind.RETRY, now + delay);
                return null;
            }
            break;
        }
        // A Map's or Parallel's own JSONata evaluation failure is recorded like a failed child.
        boolean evaluation = QueryEvaluationException.QUERY_EVALUATION_ERROR.equals(failure.error());
        if (failed.inChildren() || evaluation) {
            if (state instanceof ParallelState) {
                event(run, EventType.ParallelStateFailed, null);
            } else if (state instanceof MapState) {
                event(run, EventType.MapStateFailed, null);
            }
        }
        for (int c = 0; c < catchers.size(); c++) {
            Catcher catcher = catchers.get(c);
            if (!ErrorEquals.matches(catcher.errorEquals(), failure)) {
                continue;
            }
            JsonNode output;
            Assignment assignment;
            try {
                JsonNode errorOutput = failure.errorOutput();
                StateContext context = context(run, state);
                if (state.queryLanguage() == QueryLanguage.JSONATA) {
                    // A JSONata Catcher's Output (by default the error output) and Assign see $states.errorOutput.
                    JsonataScope scope = context.jsonata().withErrorOutput(errorOutput);
                    assignment = catcher.assign() instanceof JsonataTemplate a
                            ? Assignment.evaluate(a, scope, "Catch[" + c + "]/Assign") : Assignment.NONE;
                    output = catcher.output() == null ? errorOutput : catcher.output().evaluate(scope, "Catch[" + c + "]/Output");
                } else {
                    // A JSONPath Catcher's Assign reads the error output as $.
                    assignment = catcher.assign() instanceof PayloadTemplate a
                            ? Assignment.evaluate(a, errorOutput, context) : Assignment.NONE;
                    ResultPath resultPath = catcher.resultPath();
                    output = resultPath == null ? run.stateInput : resultPath.apply(run.stateInput, errorOutput);
                }
            } catch (DataflowException e) {
                endRun(run, failure(run, run, e));
                return null;
            }
            exitState(run, output, assignment);
            return enterState(run, catcher.next(), output);
        }
        endRun(run, failure);
        return null;
    }

    // ---- runs ----

    /** A child run of a Parallel or Map state, starting from the parent's history context. */
    RunState newChild(RunState parent, int index, int source) {
        RunState child = new RunState("run-" + (++s.sequence));
        child.parentId = parent.id;
        child.index = index;
        child.source = source;
        child.last = source;
        s.runs.put(child.id, child);
        parent.fork.running.add(child.id);
        return child;
    }

    /** A run reached the end of its graph. */
    private void endRun(RunState run, JsonNode output) {
        if (run.parentId == null) {
            int previous = run.source;
            close(ExecutionStatus.SUCCEEDED, output, null, null);
            executionEvent(EventType.ExecutionSucceeded,
                    new EventDetails.ExecutionSucceeded(output, EventDetails.DataDetails.NOT_TRUNCATED), previous);
            return;
        }
        RunState parent = s.runs.get(run.parentId);
        if (isMapIteration(run, parent)) {
            sideEvent(run, EventType.MapIterationSucceeded, new EventDetails.MapIteration(parent.state, run.index));
        }
        // Kept at once: should a sibling's failure end the state before the agenda reaches this run,
        // a redrive keeps its result rather than run it again.
        parent.fork.results.put(run.index, output);
        s.runs.remove(run.id);
        agenda.add(new ChildEnd(run, new Outcome.Completed(output, null)));
    }

    /** A run failed and nothing caught it. */
    void endRun(RunState run, StateFailure failure) {
        if (run.parentId == null) {
            int previous = run.source;
            close(ExecutionStatus.FAILED, null, failure.error(), failure.cause());
            executionEvent(EventType.ExecutionFailed, new EventDetails.ErrorCause(failure.error(), failure.cause()),
                    previous);
            return;
        }
        RunState parent = s.runs.get(run.parentId);
        releaseWaits(run);
        Redrives.childUnsuccessful(s, parent, run);
        if (isMapIteration(run, parent)) {
            sideEvent(run, EventType.MapIterationFailed, new EventDetails.MapIteration(parent.state, run.index));
        } else if (run.state != null && stateOf(run) instanceof TaskState) {
            // AWS records the failed task of a failed branch as aborted when its Parallel state stops.
            sideEvent(run, EventType.TaskStateAborted, null);
        }
        s.runs.remove(run.id);
        agenda.add(new ChildEnd(run, new Outcome.Failed(failure, true)));
    }

    private boolean isMapIteration(RunState run, RunState parent) {
        return graphOf(parent).state(parent.state) instanceof MapState;
    }

    private void drainAgenda() {
        while (!agenda.isEmpty() && !s.status.isClosed()) {
            ChildEnd end = agenda.poll();
            RunState parent = s.runs.get(end.child().parentId);
            if (parent == null || parent.fork == null || !parent.fork.running.remove(end.child().id)) {
                continue;
            }
            Outcome outcome = guarded(parent, () -> switch (stateOf(parent)) {
                case ParallelState p -> ParallelStep.childEnded(this, parent, p, end.child(), end.outcome());
                case MapState m -> MapStep.childEnded(this, parent, m, end.child(), end.outcome());
                default -> throw new IllegalStateException("a child run ended under a " + stateOf(parent).type() + " state");
            });
            settle(parent, outcome);
        }
    }

    /**
     * Stops a Parallel's or Map's child runs still in progress (another one failed): their tasks
     * withdrawn, their timers cancelled, and AWS's aborted events recorded.
     */
    void abortChildren(RunState parent) {
        if (parent.fork.mapRun != null) {
            MapRuns.abort(this, parent, true);
        }
        for (String id : new ArrayList<>(parent.fork.running)) {
            RunState child = s.runs.get(id);
            if (child == null) {
                continue;
            }
            abortRun(child, parent);
            merge(parent, child);
        }
        parent.fork.running.clear();
    }

    private void abortRun(RunState run, RunState parent) {
        State state = run.state == null ? null : stateOf(run);
        if (run.fork != null) {
            abortChildren(run);
        }
        releaseWaits(run);
        EventType aborted = state == null ? null : switch (state) {
            case TaskState t -> EventType.TaskStateAborted;
            case WaitState w -> EventType.WaitStateAborted;
            case MapState m -> EventType.MapStateAborted;
            case ParallelState p -> EventType.ParallelStateAborted;
            default -> null;
        };
        if (aborted != null) {
            sideEvent(run, aborted, null);
        }
        if (isMapIteration(run, parent)) {
            sideEvent(run, EventType.MapIterationAborted, new EventDetails.MapIteration(parent.state, run.index));
        }
        Redrives.childUnsuccessful(s, parent, run);
        s.runs.remove(run.id);
    }

    /** AWS's history context merge: the parent continues from the later of both. */
    static void merge(RunState parent, RunState child) {
        parent.source = Math.max(parent.source, child.source);
        parent.last = Math.max(parent.last, child.last);
    }

    /**
     * Withdraws a run's task and cancels its timers: the task was aborted, timed out, or its
     * execution ended. A child execution a {@code .sync} task waits for is stopped, as AWS stops it.
     */
    void releaseWaits(RunState run) {
        release(run, true);
    }

    /** Withdraws a task that has ended with its result (success or failure), and cancels its timers. */
    void finishTask(RunState run) {
        release(run, false);
    }

    private void release(RunState run, boolean abort) {
        if (run.task != null) {
            RunState.PendingTask task = run.task;
            // Ended, however it ended: it leaves its queue and the open tasks.
            if (task.resource() != null && !(task.invocation() != null && task.submitted())) {
                withdrawTask(task.queuedToken(), task.resource());
            }
            State state = stateOf(run);
            TaskStep.Kind kind = TaskStep.kind(state);
            if (kind == TaskStep.Kind.START_EXECUTION || kind == TaskStep.Kind.SFN_API) {
                closeCall(task.token(), task.child(), abort && task.child() != null && TaskStep.waitsForChild(state));
            }
            if (run.task.timeoutTimer() != null) {
                cancelTimer(run.task.timeoutTimer());
            }
            if (run.task.heartbeatTimer() != null) {
                cancelTimer(run.task.heartbeatTimer());
            }
            run.task = null;
        }
        if (run.timerId != null) {
            cancelTimer(run.timerId);
            run.timerId = null;
        }
    }

    // ---- commands ----

    /** Arms a durable timer; returns its id. */
    String startTimer(RunState run, ExecutionSnapshot.TimerKind kind, long dueAt) {
        String id = s.executionId + ":t" + (++s.sequence);
        s.timers.put(id, new ExecutionSnapshot.Timer(run == null ? null : run.id, kind));
        commands.add(new Command.StartTimer(id, dueAt));
        armedNow.add(id);
        return id;
    }

    /**
     * Disarms a timer; a timer armed in this same decision is simply not armed (the store deletes
     * before it inserts, so both rows in one write would leave the timer behind).
     */
    void cancelTimer(String id) {
        s.timers.remove(id);
        if (armedNow.remove(id)) {
            dropped.add(id);
        } else {
            commands.add(new Command.CancelTimer(id));
        }
    }

    void scheduleTask(String token, String activityArn, JsonNode input, Long heartbeatSeconds) {
        commands.add(new Command.ScheduleActivityTask(token, activityArn, input, heartbeatSeconds));
        offeredNow.add(token);
    }

    /** Starts a child execution once the decision is committed (see {@link Command.StartChildExecution}). */
    void startChild(String token, String stateMachineArn, String name, String input, String traceHeader,
                    boolean waitsForEnd) {
        commands.add(new Command.StartChildExecution(token, stateMachineArn, name, input, traceHeader, waitsForEnd));
        offeredNow.add(token);
    }

    /** Starts a map run's child once the decision is committed (see {@link Command.StartMapRunChild}). */
    void startMapRunChild(Command.StartMapRunChild start) {
        commands.add(start);
        offeredNow.add(start.taskToken());
    }

    /** Redrives a map run's child once the decision is committed (see {@link Command.RedriveMapRunChild}). */
    void redriveMapRunChild(Command.RedriveMapRunChild redrive) {
        commands.add(redrive);
        offeredNow.add(redrive.taskToken());
    }

    /** Stops a map run's child; one whose start or redrive this same decision asked for is simply not started. */
    void abortMapRunChild(Command.AbortMapRunChild abort) {
        if (offeredNow.remove(abort.taskToken())) {
            dropped.add(abort.taskToken());
        } else {
            commands.add(abort);
        }
    }

    /** Writes a map run's record with the decision (the last one written in a decision wins). */
    void saveMapRun(MapRunRecord record, boolean created) {
        Command.SaveMapRun before = mapRunSaves.get(record.mapRunArn());
        mapRunSaves.put(record.mapRunArn(), new Command.SaveMapRun(record, created || (before != null && before.created())));
    }

    /** Calls the Step Functions API once the decision is committed (see {@link Command.CallApi}). */
    void callApi(String token, String action, JsonNode parameters) {
        commands.add(new Command.CallApi(token, action, parameters));
        offeredNow.add(token);
    }

    /** The broker's call for a task is over; a call made in this same decision is simply not made. */
    void closeCall(String token, String childArn, boolean stopChild) {
        if (offeredNow.remove(token)) {
            dropped.add(token);
        } else {
            commands.add(new Command.CloseCall(token, childArn, stopChild));
        }
    }

    void claimTask(String token, String activityArn) {
        commands.add(new Command.ClaimActivityTask(token, activityArn));
    }

    /** The poller that had the task went away before it got it: the task is offered again. */
    void releaseTask(String token, String activityArn, JsonNode input) {
        commands.add(new Command.ReleaseActivityTask(token, activityArn, input));
    }

    /** Takes a task back from its queue; a task offered in this same decision is simply not offered. */
    void withdrawTask(String token, String activityArn) {
        if (offeredNow.remove(token)) {
            dropped.add(token);
        } else {
            commands.add(new Command.WithdrawActivityTask(token, activityArn));
        }
    }

    // ---- history ----

    /** Appends an event of a run; it becomes the previous event of the run's next one. Returns its id. */
    int event(RunState run, EventType type, EventDetails details) {
        return append(run, run.source, type, details, true);
    }

    /**
     * Appends an event that AWS does not chain the run's next event to (ExecutionStarted,
     * MapIterationSucceeded, MapStateSucceeded, ParallelStateSucceeded, aborted events). Returns its id.
     */
    int sideEvent(RunState run, EventType type, EventDetails details) {
        return append(run, run.source, type, details, false);
    }

    private int append(RunState run, int previous, EventType type, EventDetails details, boolean chain) {
        if (run.silent) {
            // A distributed Map iteration is a child execution on AWS, with its own history limit.
            if (++run.silentEvents >= MAX_HISTORY_EVENTS && !type.name().startsWith("MapIteration")) {
                throw new StateFailure(StateFailure.RUNTIME, HISTORY_LIMIT_CAUSE);
            }
            return 0;
        }
        int id = nextEventId(type);
        events.add(new HistoryEvent(id, previous, now, type, details));
        run.last = id;
        if (chain) {
            run.source = id;
        }
        return id;
    }

    private void executionEvent(EventType type, EventDetails details, int previous) {
        events.add(new HistoryEvent(nextEventId(type), previous, now, type, details));
    }

    private int nextEventId(EventType type) {
        boolean closing = type == EventType.ExecutionSucceeded || type == EventType.ExecutionFailed
                || type == EventType.ExecutionAborted || type == EventType.ExecutionTimedOut;
        if (s.lastEventId >= MAX_HISTORY_EVENTS - 1 && !closing) {
            throw new HistoryFull();
        }
        return ++s.lastEventId;
    }
}
