package dev.baton.broker.interpreter;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Task with an activity: scheduling, results, failures, TimeoutSeconds and HeartbeatSeconds. */
class TaskStateTest {

    @Test
    void anActivityTaskRunsItsDataFlowAroundTheWorkersResult() {
        Harness h = Harness.of("""
                {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"ACTIVITY","InputPath":"$.in",
                  "Parameters":{"v.$":"$.v","token.$":"$$.Task.Token"},
                  "ResultSelector":{"r.$":"$.result"},"ResultPath":"$.out","OutputPath":"$.out","End":true}}}""")
                .start("{\"in\":{\"v\":7}}");
        String token = h.task();
        assertThat(h.offered.get(token).input().toString()).isEqualTo("{\"v\":7,\"token\":\"" + token + "\"}");
        h.take();
        h.succeed(token, "{\"result\":42,\"noise\":true}");
        assertThat(h.output()).isEqualTo("{\"r\":42}");
        assertThat(h.types()).containsExactly("ExecutionStarted", "TaskStateEntered", "ActivityScheduled", "ActivityStarted",
                "ActivitySucceeded", "TaskStateExited", "ExecutionSucceeded");
        assertThat(h.previousIds()).containsExactly(0, 0, 2, 3, 4, 5, 6);
    }

    @Test
    void aWorkersFailureFailsTheExecutionWithItsErrorAndCause() {
        Harness h = Harness.of("""
                {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"ACTIVITY","End":true}}}""").start("{}");
        String token = h.take();
        h.fail(token, "Programmatic Error", "{\"Value1\":\"HelloWorld\"}");
        assertThat(h.types()).endsWith("ActivityFailed", "ExecutionFailed");
        assertThat(h.previousIds()).endsWith(4, 5);
        assertThat(h.snapshot.error).isEqualTo("Programmatic Error");
        Decision late = h.apply(new Trigger.TaskSucceeded(token, ChoiceRulesTest.json("1")));
        assertThat(late.rejection().errorName()).isEqualTo("TaskTimedOut");
    }

    @Test
    void timeoutSecondsCountsFromSchedulingAndTimesTheActivityOut() {
        Harness h = Harness.of("""
                {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"ACTIVITY","TimeoutSeconds":5,"End":true}}}""")
                .start("{\"Value1\":\"HelloWorld\"}");
        assertThat(h.details(3).toString()).contains("\"timeoutInSeconds\":5");
        String token = h.take();
        assertThat(h.fireNextTimer()).isEqualTo(5_000);
        assertThat(h.types()).containsExactly("ExecutionStarted", "TaskStateEntered", "ActivityScheduled", "ActivityStarted",
                "ActivityTimedOut", "ExecutionFailed");
        assertThat(h.details(5).toString()).isEqualTo("{\"error\":\"States.Timeout\"}");
        assertThat(h.snapshot.error).isEqualTo("States.Timeout");
        assertThat(h.apply(new Trigger.TaskSucceeded(token, ChoiceRulesTest.json("1"))).rejection().errorName())
                .isEqualTo("TaskTimedOut");
    }

    @Test
    void aTaskNoWorkerTookIsWithdrawnWhenItTimesOut() {
        Harness h = Harness.of("""
                {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"ACTIVITY","TimeoutSeconds":5,"End":true}}}""").start("{}");
        h.fireNextTimer();
        assertThat(h.offered).isEmpty();
        assertThat(h.last.commands()).hasAtLeastOneElementOfType(Command.WithdrawActivityTask.class);
    }

    @Test
    void heartbeatsKeepTheTaskAliveAndTheirAbsenceTimesItOut() {
        Harness h = Harness.of("""
                {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"ACTIVITY","HeartbeatSeconds":10,
                  "Catch":[{"ErrorEquals":["States.HeartbeatTimeout"],"ResultPath":"$.err","Next":"Caught"}],"End":true},
                  "Caught":{"Type":"Pass","End":true}}}""").start("{}");
        assertThat(h.timers).as("the heartbeat counts from when a worker takes the task").isEmpty();
        String token = h.take();
        assertThat(h.timers.values()).containsExactly(Harness.T0 + 10_000);
        h.now += 8_000;
        Decision beat = h.apply(new Trigger.TaskHeartbeat(token));
        assertThat(beat.events()).isEmpty();
        assertThat(beat.commands()).hasOnlyElementsOfTypes(Command.CancelTimer.class, Command.StartTimer.class).hasSize(2);
        assertThat(h.timers.values()).containsExactly(Harness.T0 + 18_000);
        assertThat(h.fireNextTimer()).isEqualTo(10_000);
        assertThat(h.types()).containsSubsequence("ActivityTimedOut", "TaskStateExited", "PassStateEntered");
        assertThat(h.output()).isEqualTo("{\"err\":{\"Error\":\"States.Timeout\",\"Cause\":null}}");
        assertThat(h.apply(new Trigger.TaskHeartbeat(token)).rejection().errorName()).isEqualTo("TaskTimedOut");
    }

    @Test
    void timeoutAndHeartbeatSecondsCanBeReadFromTheInput() {
        Harness h = Harness.of("""
                {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"ACTIVITY","TimeoutSecondsPath":"$.t",
                  "HeartbeatSecondsPath":"$.h","End":true}}}""").start("{\"t\":30,\"h\":3}");
        assertThat(h.details(3).toString()).contains("\"timeoutInSeconds\":30", "\"heartbeatInSeconds\":3");
        Harness bad = Harness.of("""
                {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"ACTIVITY","TimeoutSecondsPath":"$.t","End":true}}}""")
                .start("{\"t\":\"soon\"}");
        assertThat(bad.snapshot.error).isEqualTo("States.Runtime");
        assertThat(bad.offered).isEmpty();
    }

    @Test
    void aTaskReturnedByAVanishedPollerIsOfferedAgain() {
        Harness h = Harness.of("""
                {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"ACTIVITY","End":true}}}""").start("{}");
        String token = h.take();
        assertThat(h.offered).isEmpty();
        h.apply(new Trigger.ActivityTaskReturned(token));
        assertThat(h.offered).containsKey(token);
    }

    @Test
    void aCompletionWhoseHandOffRecordWasLostInACrashStillShowsTheTaskStarted() {
        Harness h = Harness.of("""
                {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"ACTIVITY","End":true}}}""").start("{}");
        h.succeed(h.task(), "1");
        assertThat(h.types()).containsExactly("ExecutionStarted", "TaskStateEntered", "ActivityScheduled", "ActivityStarted",
                "ActivitySucceeded", "TaskStateExited", "ExecutionSucceeded");
        assertThat(h.details(4).toString()).isEqualTo("{}");
        assertThat(h.offered).isEmpty();
    }

    @Test
    void otherResourcesFailWithAClearRuntimeError() {
        Harness h = Harness.of("""
                {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::dynamodb:putItem","End":true}}}""")
                .start("{}");
        assertThat(h.snapshot.error).isEqualTo("States.Runtime");
        assertThat(h.snapshot.cause).contains("arn:aws:states:::dynamodb:putItem", "not supported");
    }

    @Test
    void stoppingWithdrawsTheOfferedTask() {
        Harness h = Harness.of("""
                {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"ACTIVITY","TimeoutSeconds":60,"End":true}}}""").start("{}");
        h.apply(new Trigger.Stop(null, null));
        assertThat(h.offered).isEmpty();
        assertThat(h.timers).isEmpty();
    }
}
