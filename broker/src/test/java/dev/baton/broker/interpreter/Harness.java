package dev.baton.broker.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.broker.dataflow.Json;
import dev.baton.broker.definition.DefinitionResult;
import dev.baton.broker.definition.Definitions;
import dev.baton.broker.definition.model.StateMachine;
import dev.baton.broker.runtime.SnapshotCodec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Drives the pure interpreter the way the runtime does, without a database or thread: applies
 * triggers, keeps the history, the offered tasks and the armed timers, and moves a settable clock.
 * Every snapshot goes through the runtime's codec between decisions, as it would through the
 * database, so persistence is exercised by every test.
 */
final class Harness {
    static final String ACTIVITY = "arn:aws:states:us-east-1:123456789012:activity:work";
    static final long T0 = 1_700_000_000_000L;

    final TaskTokens tokens = new TaskTokens(new byte[32]);
    final Interpreter interpreter = new Interpreter(tokens);
    final StateMachine machine;
    long now = T0;
    ExecutionSnapshot snapshot;
    Decision last;
    final List<HistoryEvent> history = new ArrayList<>();
    /** Armed timers: id -> due time. */
    final Map<String, Long> timers = new LinkedHashMap<>();
    /** Tasks offered to pollers and not yet taken or withdrawn: token -> command. */
    final Map<String, Command.ScheduleActivityTask> offered = new LinkedHashMap<>();
    /** Calls the broker is to make (child executions, API calls) and not yet closed: token -> command. */
    final Map<String, Command> calls = new LinkedHashMap<>();
    /** Calls closed, in order. */
    final List<Command.CloseCall> closed = new ArrayList<>();
    /** Parents told of this execution's end. */
    final List<Command.NotifyParent> notified = new ArrayList<>();
    /** Map runs' records as last written, by ARN. */
    final Map<String, MapRunRecord> mapRuns = new LinkedHashMap<>();
    /** Map runs' child executions, by task token, in the order they were started. */
    final Map<String, Harness> children = new LinkedHashMap<>();
    /**
     * True: the map runs' children are started, redriven and stopped as the broker would, and report
     * their end; false: their calls wait in {@link #calls} for the test.
     */
    boolean runChildren = true;
    /** Map run starts and redrives asked for, in order. */
    final List<Command> childCalls = new ArrayList<>();
    /** The execution that started this one as a map run's child, and its token; null for the top level. */
    Harness parent;
    String parentToken;
    /** The top-level harness: its clock and its queue of work serve every child. */
    private Harness root = this;
    private final java.util.ArrayDeque<Runnable> work = new java.util.ArrayDeque<>();
    private boolean draining;
    private long nextChildId = 1000;

    private Harness(StateMachine machine) {
        this.machine = machine;
    }

    static Harness of(String definition) {
        DefinitionResult r = Definitions.load(definition.replace("ACTIVITY", ACTIVITY));
        assertThat(r.diagnostics()).filteredOn(d -> d.isError()).isEmpty();
        return new Harness(r.stateMachine());
    }

    static StateMachine machine(String definition) {
        return of(definition).machine;
    }

    Harness start(String input) {
        try {
            snapshot = Interpreter.newExecution(42, "arn:aws:states:us-east-1:123456789012:execution:sm:e", "e",
                    "arn:aws:states:us-east-1:123456789012:stateMachine:sm", "sm", "arn:aws:iam::123456789012:role/r",
                    Json.parse(input), input, now);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
        apply(new Trigger.Start());
        return this;
    }

    /**
     * Applies a trigger; the work it gives the map runs' children (and theirs to their parents) is
     * done before this returns, one step at a time, as the broker's runtime would do it.
     */
    Decision apply(Trigger trigger) {
        Decision decided = decide(trigger);
        if (!root.draining) {
            root.draining = true;
            try {
                for (Runnable next = root.work.poll(); next != null; next = root.work.poll()) {
                    next.run();
                }
            } finally {
                root.draining = false;
            }
            last = decided;
        }
        return decided;
    }

    private void later(Runnable step) {
        root.work.add(step);
    }

    private Decision decide(Trigger trigger) {
        last = interpreter.decide(machine, snapshot, trigger, root.now);
        if (!last.accepted()) {
            return last;
        }
        snapshot = SnapshotCodec.decode(SnapshotCodec.encode(last.snapshot()));
        history.addAll(last.events());
        for (Command c : last.commands()) {
            switch (c) {
                case Command.ScheduleActivityTask t -> offered.put(t.taskToken(), t);
                case Command.ClaimActivityTask t -> offered.remove(t.taskToken());
                case Command.ReleaseActivityTask t -> offered.put(t.taskToken(),
                        new Command.ScheduleActivityTask(t.taskToken(), t.activityArn(), t.input(), null));
                case Command.WithdrawActivityTask t -> offered.remove(t.taskToken());
                case Command.StartTimer t -> timers.put(t.timerId(), t.dueAt());
                case Command.CancelTimer t -> timers.remove(t.timerId());
                case Command.StartChildExecution t -> calls.put(t.taskToken(), t);
                case Command.CallApi t -> calls.put(t.taskToken(), t);
                case Command.CloseCall t -> {
                    calls.remove(t.taskToken());
                    closed.add(t);
                }
                case Command.NotifyParent t -> {
                    notified.add(t);
                    if (parent != null) {
                        Trigger.ChildExecution ended = childExecution();
                        later(() -> parent.apply(new Trigger.ChildEnded(parentToken, ended)));
                    }
                }
                case Command.StartMapRunChild t -> {
                    calls.put(t.taskToken(), t);
                    childCalls.add(t);
                    if (runChildren) {
                        later(() -> startChild(t));
                    }
                }
                case Command.RedriveMapRunChild t -> {
                    calls.put(t.taskToken(), t);
                    childCalls.add(t);
                    if (runChildren) {
                        later(() -> redriveChild(t));
                    }
                }
                case Command.AbortMapRunChild t -> {
                    calls.remove(t.taskToken());
                    Harness child = children.get(t.taskToken());
                    if (child != null && runChildren) {
                        later(() -> child.apply(new Trigger.Stop(null, "aborted by " + t.mapRunArn())));
                    }
                }
                case Command.SaveMapRun t -> mapRuns.put(t.record().mapRunArn(), t.record());
            }
        }
        return last;
    }

    /** Starts a map run's child (what the broker does for {@link Command.StartMapRunChild}). */
    void startChild(Command.StartMapRunChild t) {
        Harness child = new Harness(dev.baton.broker.definition.ItemProcessors.machine(root.machine, t.processorPath()));
        child.root = root;
        child.parent = this;
        child.parentToken = t.taskToken();
        child.runChildren = runChildren;
        try {
            child.snapshot = Interpreter.newExecution(root.nextChildId++, t.executionArn(), t.name(), t.stateMachineArn(),
                    t.stateMachineName(), snapshot.roleArn, Json.parse(t.input()), t.input(), root.now);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
        child.snapshot.parentExecutionId = snapshot.executionId;
        child.snapshot.parentTaskToken = t.taskToken();
        child.snapshot.parentWaits = true;
        child.snapshot.mapRunArn = t.mapRunArn();
        child.snapshot.processorPath = t.processorPath();
        children.put(t.taskToken(), child);
        apply(new Trigger.ServiceResponded(t.taskToken(), Json.MAPPER.createObjectNode()
                .put("ExecutionArn", t.executionArn()).put("StartDate", root.now)));
        child.apply(new Trigger.Start());
    }

    /** Redrives a map run's child (what the broker does for {@link Command.RedriveMapRunChild}). */
    void redriveChild(Command.RedriveMapRunChild t) {
        Harness child = children.get(t.taskToken());
        if (child == null) {
            apply(new Trigger.ServiceFailed(t.taskToken(), "ExecutionDoesNotExist", "no such child"));
            return;
        }
        if (child.snapshot.redriveTime < t.redrivenAt()) {
            Decision d = child.apply(new Trigger.Redrive());
            if (!d.accepted()) {
                apply(new Trigger.ServiceFailed(t.taskToken(), d.rejection().errorName(), d.rejection().message()));
                return;
            }
        }
        apply(new Trigger.ServiceResponded(t.taskToken(), Json.MAPPER.createObjectNode()
                .put("ExecutionArn", t.executionArn()).put("StartDate", root.now)));
    }

    /** This execution as its parent hears of its end. */
    Trigger.ChildExecution childExecution() {
        ExecutionSnapshot s = snapshot;
        return new Trigger.ChildExecution(s.executionArn, s.stateMachineArn, s.name, s.status.name(), s.startTime,
                s.stopTime, s.inputText, s.status == ExecutionStatus.SUCCEEDED ? Json.write(s.output) : null, s.error,
                s.cause);
    }

    /** The map runs' children, in the order they were started. */
    List<Harness> children() {
        return List.copyOf(children.values());
    }

    /** The harness (this one or a map run's child, at any depth) that offers a task with this input. */
    Harness offering(String input) {
        if (offeredInputs().contains(input)) {
            return this;
        }
        for (Harness child : children.values()) {
            Harness h = child.offering(input);
            if (h != null) {
                return h;
            }
        }
        return parent == null ? fail("no task on offer with input " + input + " here or in a child") : null;
    }

    private static Harness fail(String message) {
        throw new AssertionError(message);
    }

    /** The inputs of the tasks on offer here and in the map runs' children, in start order. */
    List<String> allOfferedInputs() {
        List<String> all = new ArrayList<>(offeredInputs());
        children.values().forEach(c -> all.addAll(c.allOfferedInputs()));
        return all;
    }

    /** The only map run's record. */
    MapRunRecord mapRun() {
        assertThat(mapRuns).hasSize(1);
        return mapRuns.values().iterator().next();
    }

    /** The token of the only task on offer. */
    String task() {
        assertThat(offered).hasSize(1);
        return offered.keySet().iterator().next();
    }

    /** The token of the task on offer whose input is this JSON text. */
    String taskWithInput(String input) {
        List<String> tokens = offered.values().stream().filter(t -> Json.write(t.input()).equals(input))
                .map(Command.ScheduleActivityTask::taskToken).toList();
        assertThat(tokens).as("tasks on offer with input " + input + " among " + offeredInputs()).hasSize(1);
        return tokens.getFirst();
    }

    /** The inputs of the tasks on offer, as JSON text, in the order they were offered. */
    List<String> offeredInputs() {
        return offered.values().stream().map(t -> Json.write(t.input())).toList();
    }

    /** RedriveExecution; asserts it was accepted. */
    Harness redrive() {
        apply(new Trigger.Redrive());
        assertThat(last.rejection()).as("redrive rejected").isNull();
        return this;
    }

    /** The types of the events recorded since (not including) the event with this id. */
    List<String> typesAfter(int eventId) {
        return history.subList(eventId, history.size()).stream().map(e -> e.type().name()).toList();
    }

    /** The id of the last event of this type. */
    int lastIdOf(String type) {
        for (int i = history.size() - 1; i >= 0; i--) {
            if (history.get(i).type().name().equals(type)) {
                return history.get(i).id();
            }
        }
        throw new AssertionError("no " + type + " event in " + types());
    }

    /** A worker takes the only task on offer. */
    String take() {
        String token = task();
        apply(new Trigger.ActivityTaskStarted(token, "worker"));
        return token;
    }

    Harness succeed(String token, String output) {
        try {
            apply(new Trigger.TaskSucceeded(token, Json.parse(output)));
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
        return this;
    }

    Harness fail(String token, String error, String cause) {
        apply(new Trigger.TaskFailed(token, error, cause));
        return this;
    }

    /** Moves the clock to the earliest armed timer and fires it; returns the delay waited in ms. */
    long fireNextTimer() {
        assertThat(timers).as("armed timers").isNotEmpty();
        var next = timers.entrySet().stream().min(Map.Entry.comparingByValue()).orElseThrow();
        long waited = next.getValue() - root.now;
        root.now = Math.max(root.now, next.getValue());
        timers.remove(next.getKey());
        apply(new Trigger.TimerFired(next.getKey()));
        return waited;
    }

    List<String> types() {
        return history.stream().map(e -> e.type().name()).toList();
    }

    List<Integer> previousIds() {
        return history.stream().map(HistoryEvent::previousEventId).toList();
    }

    ExecutionStatus status() {
        return snapshot.status;
    }

    String output() {
        return snapshot.output == null ? null : Json.write(snapshot.output);
    }

    JsonNode details(int eventId) {
        return Json.MAPPER.valueToTree(history.get(eventId - 1).details());
    }
}
