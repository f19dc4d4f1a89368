package dev.baton.broker.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.broker.dataflow.Json;
import dev.baton.broker.definition.DefinitionResult;
import dev.baton.broker.definition.Definitions;
import dev.baton.broker.definition.model.StateMachine;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The interpreter alone: no database, server or thread. */
class InterpreterTest {
    static final String ACTIVITY = "arn:aws:states:us-east-1:123456789012:activity:work";
    final TaskTokens tokens = new TaskTokens(new byte[32]);
    final Interpreter interpreter = new Interpreter(tokens);
    long now = 1_700_000_000_000L;

    static StateMachine machine(String json) {
        DefinitionResult r = Definitions.load(json);
        assertThat(r.diagnostics()).filteredOn(d -> d.isError()).isEmpty();
        return r.stateMachine();
    }

    ExecutionSnapshot fresh(String input) throws Exception {
        return Interpreter.newExecution(42, "arn:aws:states:us-east-1:123456789012:execution:sm:e", "e",
                "arn:aws:states:us-east-1:123456789012:stateMachine:sm", "sm", "arn:aws:iam::123456789012:role/r",
                Json.parse(input), input, now);
    }

    static List<String> types(Decision d) {
        return d.events().stream().map(e -> e.type().name()).toList();
    }

    @Test
    void passChainRunsToTheEndInOneDecision() throws Exception {
        StateMachine sm = machine("""
                {"StartAt":"A","States":{
                  "A":{"Type":"Pass","Result":{"x":1},"ResultPath":"$.a","Next":"B"},
                  "B":{"Type":"Pass","InputPath":"$.a","End":true}}}""");
        Decision d = interpreter.decide(sm, fresh("{\"in\":true}"), new Trigger.Start(), now);

        assertThat(types(d)).containsExactly("ExecutionStarted", "PassStateEntered", "PassStateExited",
                "PassStateEntered", "PassStateExited", "ExecutionSucceeded");
        assertThat(d.events()).extracting(HistoryEvent::previousEventId).containsExactly(0, 0, 2, 3, 4, 5);
        assertThat(d.snapshot().status).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(Json.write(d.snapshot().output)).isEqualTo("{\"x\":1}");
        assertThat(d.commands()).isEmpty();
    }

    @Test
    void taskSchedulesThenCompletesOnSuccess() throws Exception {
        StateMachine sm = machine("""
                {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"%s","Parameters":{"v.$":"$.v"},
                  "ResultPath":"$.r","End":true}}}""".formatted(ACTIVITY));
        Decision started = interpreter.decide(sm, fresh("{\"v\":7}"), new Trigger.Start(), now);
        assertThat(types(started)).containsExactly("ExecutionStarted", "TaskStateEntered", "ActivityScheduled");
        var schedule = (Command.ScheduleActivityTask) started.commands().getFirst();
        assertThat(Json.write(schedule.input())).isEqualTo("{\"v\":7}");
        assertThat(tokens.decode(schedule.taskToken()).executionId()).isEqualTo(42);

        Decision claimed = interpreter.decide(sm, started.snapshot(),
                new Trigger.ActivityTaskStarted(schedule.taskToken(), "w"), now);
        assertThat(types(claimed)).containsExactly("ActivityStarted");

        JsonNode result = Json.parse("\"done\"");
        Decision done = interpreter.decide(sm, claimed.snapshot(), new Trigger.TaskSucceeded(schedule.taskToken(), result), now);
        assertThat(types(done)).containsExactly("ActivitySucceeded", "TaskStateExited", "ExecutionSucceeded");
        assertThat(Json.write(done.snapshot().output)).isEqualTo("{\"v\":7,\"r\":\"done\"}");

        Decision late = interpreter.decide(sm, done.snapshot(), new Trigger.TaskSucceeded(schedule.taskToken(), result), now);
        assertThat(late.accepted()).isFalse();
        assertThat(late.rejection().errorName()).isEqualTo("TaskTimedOut");
    }

    @Test
    void decisionsAreDeterministicAndDoNotChangeTheirInput() throws Exception {
        StateMachine sm = machine("""
                {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"%s","End":true}}}""".formatted(ACTIVITY));
        ExecutionSnapshot snapshot = fresh("{}");
        Decision a = interpreter.decide(sm, snapshot, new Trigger.Start(), now);
        Decision b = interpreter.decide(sm, snapshot, new Trigger.Start(), now);
        assertThat(a.events()).isEqualTo(b.events());
        assertThat(a.commands()).isEqualTo(b.commands());
        assertThat(snapshot.runs).isEmpty();
        assertThat(snapshot.lastEventId).isZero();
    }

    @Test
    void stopAbortsAndWithdrawsTheWaitingTask() throws Exception {
        StateMachine sm = machine("""
                {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"%s","End":true}}}""".formatted(ACTIVITY));
        Decision started = interpreter.decide(sm, fresh("{}"), new Trigger.Start(), now);
        Decision stopped = interpreter.decide(sm, started.snapshot(), new Trigger.Stop("Cancelled", "by test"), now);
        assertThat(stopped.snapshot().status).isEqualTo(ExecutionStatus.ABORTED);
        assertThat(types(stopped)).endsWith("ExecutionAborted");
        assertThat(stopped.commands()).hasOnlyElementsOfType(Command.WithdrawActivityTask.class).hasSize(1);
    }

    @Test
    void failStateFailsTheExecutionWithErrorAndCause() throws Exception {
        StateMachine sm = machine("""
                {"StartAt":"F","States":{"F":{"Type":"Fail","Error":"Oops","Cause":"it broke"}}}""");
        Decision d = interpreter.decide(sm, fresh("{}"), new Trigger.Start(), now);
        assertThat(types(d)).containsExactly("ExecutionStarted", "FailStateEntered", "ExecutionFailed");
        assertThat(d.snapshot().error).isEqualTo("Oops");
        assertThat(d.snapshot().cause).isEqualTo("it broke");
    }
}
