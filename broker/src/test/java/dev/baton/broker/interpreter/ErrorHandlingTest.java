package dev.baton.broker.interpreter;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Retry with durable back-off and Catch, on Task, Parallel and Map states. */
class ErrorHandlingTest {

    static final String RETRYING_TASK = """
            {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"ACTIVITY",
              "Parameters":{"try.$":"$$.State.RetryCount"},
              "Retry":[{"ErrorEquals":["Transient"],"IntervalSeconds":3,"MaxAttempts":2,"BackoffRate":1.5}],
              "Catch":[{"ErrorEquals":["States.ALL"],"ResultPath":"$.error","Next":"Recover"}],"End":true},
             "Recover":{"Type":"Pass","End":true}}}""";

    @Test
    void aRetryWaitsOnADurableTimerThenSchedulesTheTaskAgain() {
        Harness h = Harness.of(RETRYING_TASK).start("{}");
        String first = h.take();
        assertThat(h.offered).isEmpty();
        h.fail(first, "Transient", "try again");
        assertThat(h.offered).as("nothing is offered during the back-off").isEmpty();
        assertThat(h.fireNextTimer()).isEqualTo(3_000);
        String second = h.task();
        assertThat(second).isNotEqualTo(first);
        assertThat(h.offered.get(second).input().toString()).isEqualTo("{\"try\":1}");
        // The new ActivityScheduled follows the ActivityFailed: AWS records no event for the wait.
        assertThat(h.types()).containsExactly("ExecutionStarted", "TaskStateEntered", "ActivityScheduled", "ActivityStarted",
                "ActivityFailed", "ActivityScheduled");
        assertThat(h.previousIds()).endsWith(5);
        h.take();
        h.fail(second, "Transient", "again");
        assertThat(h.fireNextTimer()).as("3 s x 1.5").isEqualTo(4_500);
        String third = h.take();
        h.succeed(third, "\"ok\"");
        assertThat(h.output()).isEqualTo("\"ok\"");
    }

    @Test
    void whenRetriesRunOutTheCatcherTakesOver() {
        Harness h = Harness.of(RETRYING_TASK).start("{\"a\":1}");
        for (int attempt = 0; attempt < 3; attempt++) {
            h.fail(h.take(), "Transient", "no luck " + attempt);
            if (attempt < 2) {
                h.fireNextTimer();
            }
        }
        assertThat(h.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(h.output()).isEqualTo("{\"a\":1,\"error\":{\"Error\":\"Transient\",\"Cause\":\"no luck 2\"}}");
        assertThat(h.types()).containsSubsequence("ActivityFailed", "TaskStateExited", "PassStateEntered");
        int failed = h.types().lastIndexOf("ActivityFailed");
        assertThat(h.history.get(failed + 1).previousEventId()).isEqualTo(failed + 1);
    }

    @Test
    void anErrorNoRetrierNamesGoesStraightToTheCatcher() {
        Harness h = Harness.of(RETRYING_TASK).start("{}");
        h.fail(h.take(), "Fatal", "no");
        assertThat(h.timers).isEmpty();
        assertThat(h.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    }

    @Test
    void theFirstMatchingRetrierDecidesEvenWhenItsAttemptsAreUsedUp() {
        Harness h = Harness.of("""
                {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"ACTIVITY","Retry":[
                  {"ErrorEquals":["E"],"MaxAttempts":0},{"ErrorEquals":["States.ALL"],"MaxAttempts":5}],"End":true}}}""")
                .start("{}");
        h.fail(h.take(), "E", null);
        assertThat(h.status()).isEqualTo(ExecutionStatus.FAILED);
    }

    @Test
    void eachRetrierCountsItsOwnAttempts() {
        Harness h = Harness.of("""
                {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"ACTIVITY","Retry":[
                  {"ErrorEquals":["A"],"MaxAttempts":1,"IntervalSeconds":1},
                  {"ErrorEquals":["B"],"MaxAttempts":1,"IntervalSeconds":2}],"End":true}}}""").start("{}");
        h.fail(h.take(), "A", null);
        assertThat(h.fireNextTimer()).isEqualTo(1_000);
        h.fail(h.take(), "B", null);
        assertThat(h.fireNextTimer()).isEqualTo(2_000);
        h.fail(h.take(), "A", null);
        assertThat(h.status()).isEqualTo(ExecutionStatus.FAILED);
    }

    static final String JITTERED = """
            {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"ACTIVITY","Retry":[
              {"ErrorEquals":["States.ALL"],"IntervalSeconds":4,"MaxAttempts":4,"BackoffRate":3,
               "MaxDelaySeconds":10,"JitterStrategy":"FULL"}],"End":true}}}""";

    /** Fails the task four times and returns the back-off waited before each retry. */
    static List<Long> jitteredWaits() {
        Harness h = Harness.of(JITTERED).start("{}");
        List<Long> waits = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            h.fail(h.take(), "E", null);
            waits.add(h.fireNextTimer());
        }
        return waits;
    }

    @Test
    void maxDelaySecondsAndFullJitterShapeTheWaits() {
        List<Long> waits = jitteredWaits();
        assertThat(waits.get(0)).isBetween(0L, 4_000L);
        assertThat(waits.subList(1, 4)).allSatisfy(w -> assertThat(w).isBetween(0L, 10_000L));
        assertThat(jitteredWaits()).as("jitter is derived from the execution, so a replay waits the same").isEqualTo(waits);
    }

    @Test
    void statesRuntimeIsNeitherRetriedNorCaught() {
        Harness h = Harness.of("""
                {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"ACTIVITY","ResultSelector":{"x.$":"$.missing"},
                  "Retry":[{"ErrorEquals":["States.ALL"]}],
                  "Catch":[{"ErrorEquals":["States.ALL"],"Next":"Recover"}],"End":true},
                 "Recover":{"Type":"Pass","End":true}}}""").start("{}");
        h.succeed(h.take(), "{}");
        assertThat(h.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(h.snapshot.error).isEqualTo("States.Runtime");
        assertThat(h.timers).isEmpty();
        assertThat(h.snapshot.cause).startsWith("An error occurred while executing the state 'T' (entered at the event id #2). "
                + "The JSONPath '$.missing' specified for the field 'x.$' could not be found in the input '{}'");
    }

    @Test
    void taskFailedCatchesAllButTimeouts() {
        String def = """
                {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"ACTIVITY","TimeoutSeconds":5,
                  "Catch":[{"ErrorEquals":["States.TaskFailed"],"Next":"Recover"}],"End":true},
                 "Recover":{"Type":"Pass","End":true}}}""";
        Harness failed = Harness.of(def).start("{}");
        failed.fail(failed.take(), "Anything", null);
        assertThat(failed.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        Harness timedOut = Harness.of(def).start("{}");
        timedOut.fireNextTimer();
        assertThat(timedOut.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(timedOut.snapshot.error).isEqualTo("States.Timeout");
    }

    @Test
    void aCatcherWithANullResultPathPassesTheInputOn() {
        Harness h = Harness.of("""
                {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"ACTIVITY",
                  "Catch":[{"ErrorEquals":["States.ALL"],"ResultPath":null,"Next":"Recover"}],"End":true},
                 "Recover":{"Type":"Pass","End":true}}}""").start("{\"keep\":true}");
        h.fail(h.take(), "E", "c");
        assertThat(h.output()).isEqualTo("{\"keep\":true}");
    }

    @Test
    void aRetriedParallelRunsItsBranchesAgainWithoutAFailedEventBetween() {
        // The corpus' PARALLEL_STATE_RETRY: ParallelStateStarted follows the failed branch's last event.
        Harness h = Harness.of("""
                {"StartAt":"ParallelState","States":{"ParallelState":{"Type":"Parallel","Branches":[
                  {"StartAt":"Branch1","States":{"Branch1":{"Type":"Fail","Error":"FailureType","Cause":"Cause description"}}}],
                  "Retry":[{"ErrorEquals":["FailureType"],"MaxAttempts":2}],"Next":"Final"},
                 "Final":{"Type":"Pass","End":true}}}""").start("{}");
        assertThat(h.fireNextTimer()).isEqualTo(1_000);
        assertThat(h.fireNextTimer()).isEqualTo(2_000);
        assertThat(h.types()).containsExactly("ExecutionStarted", "ParallelStateEntered", "ParallelStateStarted",
                "FailStateEntered", "ParallelStateStarted", "FailStateEntered", "ParallelStateStarted", "FailStateEntered",
                "ParallelStateFailed", "ExecutionFailed");
        assertThat(h.previousIds()).containsExactly(0, 0, 2, 3, 4, 5, 6, 7, 8, 9);
        assertThat(h.snapshot.error).isEqualTo("FailureType");
        assertThat(h.snapshot.cause).isEqualTo("Cause description");
    }

    @Test
    void aCaughtParallelExitsAfterItsFailedEvent() {
        Harness h = Harness.of("""
                {"StartAt":"ParallelState","States":{"ParallelState":{"Type":"Parallel","Branches":[
                  {"StartAt":"Branch1","States":{"Branch1":{"Type":"Fail","Error":"FailureType","Cause":"Cause description"}}}],
                  "Catch":[{"ErrorEquals":["FailureType"],"Next":"FinalCaught"}],"Next":"Final"},
                 "FinalCaught":{"Type":"Pass","End":true},"Final":{"Type":"Pass","End":true}}}""").start("{}");
        assertThat(h.types()).containsExactly("ExecutionStarted", "ParallelStateEntered", "ParallelStateStarted",
                "FailStateEntered", "ParallelStateFailed", "ParallelStateExited", "PassStateEntered", "PassStateExited",
                "ExecutionSucceeded");
        assertThat(h.previousIds()).containsExactly(0, 0, 2, 3, 4, 5, 6, 7, 8);
        assertThat(h.output()).isEqualTo("{\"Error\":\"FailureType\",\"Cause\":\"Cause description\"}");
    }
}
