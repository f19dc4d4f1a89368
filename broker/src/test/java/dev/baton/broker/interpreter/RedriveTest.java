package dev.baton.broker.interpreter;

import dev.baton.broker.dataflow.Json;
import dev.baton.broker.definition.Definitions;
import dev.baton.broker.definition.model.StateMachine;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** RedriveExecution in the interpreter alone: what is re-run, what is kept, what is refused. */
class RedriveTest {
    static final String ACTIVITY = "arn:aws:states:us-east-1:123456789012:activity:work";
    final TaskTokens tokens = new TaskTokens(new byte[32]);
    final Interpreter interpreter = new Interpreter(tokens);
    final StateMachine machine = Definitions.load("""
            {"StartAt":"Prepare","States":{
              "Prepare":{"Type":"Pass","Result":"ready","ResultPath":"$.prepared","Next":"Work"},
              "Work":{"Type":"Task","Resource":"%s","ResultPath":"$.result","End":true}}}""".formatted(ACTIVITY))
            .stateMachine();
    long now = 1_700_000_000_000L;

    ExecutionSnapshot failedOnce() throws Exception {
        ExecutionSnapshot s = Interpreter.newExecution(7, "arn:aws:states:us-east-1:123456789012:execution:sm:e", "e",
                "arn:aws:states:us-east-1:123456789012:stateMachine:sm", "sm", "arn:aws:iam::123456789012:role/r",
                Json.parse("{\"n\":1}"), "{\"n\":1}", now);
        Decision started = interpreter.decide(machine, s, new Trigger.Start(), now);
        String token = ((Command.ScheduleActivityTask) started.commands().getFirst()).taskToken();
        Decision failed = interpreter.decide(machine, started.snapshot(), new Trigger.TaskFailed(token, "Boom", "first try"), now);
        assertThat(failed.snapshot().status).isEqualTo(ExecutionStatus.FAILED);
        return failed.snapshot();
    }

    static List<String> types(Decision d) {
        return d.events().stream().map(e -> e.type().name()).toList();
    }

    @Test
    void continuesFromTheFailedStateWithItsInputAndKeepsWhatSucceeded() throws Exception {
        ExecutionSnapshot failed = failedOnce();
        int lastBefore = failed.lastEventId;
        Decision redriven = interpreter.decide(machine, failed, new Trigger.Redrive(), now + 1000);

        assertThat(redriven.accepted()).isTrue();
        assertThat(types(redriven)).containsExactly("ExecutionRedriven", "TaskStateEntered", "ActivityScheduled");
        assertThat(redriven.events().getFirst().id()).isEqualTo(lastBefore + 1);
        assertThat(redriven.events().get(1).previousEventId()).isEqualTo(lastBefore + 1);
        var schedule = (Command.ScheduleActivityTask) redriven.commands().getFirst();
        assertThat(Json.write(schedule.input())).as("the failed state's own input, with Prepare's result")
                .isEqualTo("{\"n\":1,\"prepared\":\"ready\"}");
        assertThat(redriven.snapshot().status).isEqualTo(ExecutionStatus.RUNNING);
        assertThat(redriven.snapshot().redriveCount).isEqualTo(1);
        assertThat(redriven.snapshot().redriveTime).isEqualTo(now + 1000);

        Decision done = interpreter.decide(machine, redriven.snapshot(),
                new Trigger.TaskSucceeded(schedule.taskToken(), Json.parse("42")), now + 2000);
        assertThat(done.snapshot().status).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(Json.write(done.snapshot().output)).isEqualTo("{\"n\":1,\"prepared\":\"ready\",\"result\":42}");
    }

    @Test
    void refusesExecutionsThatSucceededAreRunningOrEndedTooLongAgo() throws Exception {
        ExecutionSnapshot failed = failedOnce();
        Decision late = interpreter.decide(machine, failed, new Trigger.Redrive(),
                failed.stopTime + Redrives.REDRIVABLE_PERIOD.toMillis() + 1);
        assertThat(late.rejection().errorName()).isEqualTo("ExecutionNotRedrivable");
        assertThat(late.rejection().message()).isEqualTo("Execution redrivable period exceeded.");

        Decision running = interpreter.decide(machine, failed, new Trigger.Redrive(), now);
        Decision again = interpreter.decide(machine, running.snapshot(), new Trigger.Redrive(), now);
        assertThat(again.rejection().message()).isEqualTo("Execution is RUNNING and cannot be redriven");
    }

    @Test
    void aStoppedExecutionCanBeRedriven() throws Exception {
        ExecutionSnapshot s = Interpreter.newExecution(8, "arn:aws:states:us-east-1:123456789012:execution:sm:s", "s",
                "arn:aws:states:us-east-1:123456789012:stateMachine:sm", "sm", "arn:aws:iam::123456789012:role/r",
                Json.parse("{}"), "{}", now);
        Decision started = interpreter.decide(machine, s, new Trigger.Start(), now);
        Decision stopped = interpreter.decide(machine, started.snapshot(), new Trigger.Stop("Cancel", "by hand"), now);
        assertThat(stopped.snapshot().status).isEqualTo(ExecutionStatus.ABORTED);
        Decision redriven = interpreter.decide(machine, stopped.snapshot(), new Trigger.Redrive(), now);
        assertThat(types(redriven)).containsExactly("ExecutionRedriven", "TaskStateEntered", "ActivityScheduled");
    }
}
