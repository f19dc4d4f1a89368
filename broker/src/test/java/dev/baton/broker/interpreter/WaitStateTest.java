package dev.baton.broker.interpreter;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Wait: durable timers for Seconds/SecondsPath/Timestamp/TimestampPath, and AWS's errors for bad values. */
class WaitStateTest {

    @Test
    void secondsArmsADurableTimerAndTheStateExitsWhenItFires() {
        Harness h = Harness.of("""
                {"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":30,"OutputPath":"$.a","End":true}}}""")
                .start("{\"a\":1}");
        assertThat(h.types()).containsExactly("ExecutionStarted", "WaitStateEntered");
        assertThat(h.timers).hasSize(1);
        assertThat(h.timers.values()).containsExactly(Harness.T0 + 30_000);
        assertThat(h.fireNextTimer()).isEqualTo(30_000);
        assertThat(h.types()).containsExactly("ExecutionStarted", "WaitStateEntered", "WaitStateExited", "ExecutionSucceeded");
        assertThat(h.previousIds()).containsExactly(0, 0, 2, 3);
        assertThat(h.output()).isEqualTo("1");
    }

    @Test
    void secondsPathReadsTheEffectiveInput() {
        Harness h = Harness.of("""
                {"StartAt":"W","States":{"W":{"Type":"Wait","InputPath":"$.cfg","SecondsPath":"$.s","End":true}}}""")
                .start("{\"cfg\":{\"s\":2}}");
        assertThat(h.timers.values()).containsExactly(Harness.T0 + 2_000);
    }

    @Test
    void secondsPathErrorsAreAwsWorded() {
        String def = """
                {"StartAt":"WaitState","States":{"WaitState":{"Type":"Wait","SecondsPath":"$.input.waitSeconds","End":true}}}""";
        assertThat(Harness.of(def).start("{\"input\":{}}").snapshot.cause).isEqualTo(
                "An error occurred while executing the state 'WaitState' (entered at the event id #2). "
                        + "The SecondsPath parameter does not reference an input value: $.input.waitSeconds");
        assertThat(Harness.of(def).start("{\"input\":{\"waitSeconds\":1.5}}").snapshot.cause).isEqualTo(
                "An error occurred while executing the state 'WaitState' (entered at the event id #2). "
                        + "The SecondsPath parameter cannot be parsed as a long value: $.input.waitSeconds == 1.5");
        Harness negative = Harness.of(def).start("{\"input\":{\"waitSeconds\":-1}}");
        assertThat(negative.snapshot.error).isEqualTo("States.Runtime");
        assertThat(negative.timers).isEmpty();
    }

    @Test
    void aTimestampInThePastEndsTheWaitAtOnce() {
        Harness h = Harness.of("""
                {"StartAt":"W","States":{"W":{"Type":"Wait","Timestamp":"2016-03-14T01:59:00Z","End":true}}}""").start("{}");
        assertThat(h.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(h.timers).isEmpty();
    }

    @Test
    void timestampPathWaitsUntilThatInstant() {
        Harness h = Harness.of("""
                {"StartAt":"W","States":{"W":{"Type":"Wait","TimestampPath":"$.at","End":true}}}""")
                .start("{\"at\":\"2023-11-15T00:15:00+01:00\"}");
        assertThat(h.timers.values()).containsExactly(java.time.Instant.parse("2023-11-14T23:15:00Z").toEpochMilli());
    }

    @Test
    void timestampPathErrorsAreAwsWorded() {
        String def = """
                {"StartAt":"WaitUntil","States":{"WaitUntil":{"Type":"Wait","TimestampPath":"$.TimestampValue","End":true}}}""";
        for (String bad : new String[]{"2016-13-05T21:29:29Z", "05-12-2016T21:29:29Z", "2016-12-05 21:29:29Z",
                "2026-11-21T19:49:07.000000"}) {
            assertThat(Harness.of(def).start("{\"TimestampValue\":\"" + bad + "\"}").snapshot.cause).isEqualTo(
                    "An error occurred while executing the state 'WaitUntil' (entered at the event id #2). The TimestampPath "
                            + "parameter does not reference a valid ISO-8601 extended offset date-time format string: "
                            + "$.TimestampValue == " + bad);
        }
    }

    @Test
    void aWaitLongerThanAwsAllowsIsTooLong() {
        Harness h = Harness.of("""
                {"StartAt":"State_1","States":{"State_1":{"Type":"Wait","TimestampPath":"$.start_at","End":true}}}""")
                .start("{\"start_at\":\"2094-12-10T19:49:07.000Z\"}");
        assertThat(h.snapshot.cause).isEqualTo(
                "An error occurred while executing the state 'State_1' (entered at the event id #2). Wait state delay is too long.");
    }

    @Test
    void stoppingDuringAWaitCancelsItsTimerAndRecordsAbortedAfterEventZero() {
        Harness h = Harness.of("""
                {"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":60,"End":true}}}""").start("{}");
        h.apply(new Trigger.Stop("Err", "Why"));
        assertThat(h.status()).isEqualTo(ExecutionStatus.ABORTED);
        assertThat(h.timers).isEmpty();
        assertThat(h.types()).containsExactly("ExecutionStarted", "WaitStateEntered", "ExecutionAborted");
        assertThat(h.previousIds()).containsExactly(0, 0, 0);
        assertThat(h.details(3).toString()).isEqualTo("{\"error\":\"Err\",\"cause\":\"Why\"}");
    }

    @Test
    void aTimerThatFiresAfterTheExecutionEndedOnlyLeavesItsRowToDelete() {
        Harness h = Harness.of("""
                {"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":60,"End":true}}}""").start("{}");
        String timer = h.timers.keySet().iterator().next();
        h.apply(new Trigger.Stop(null, null));
        Decision late = h.apply(new Trigger.TimerFired(timer));
        assertThat(late.accepted()).isTrue();
        assertThat(late.events()).isEmpty();
        assertThat(late.commands()).containsExactly(new Command.CancelTimer(timer));
    }

    @Test
    void theStateMachineTimeoutEndsTheExecutionTimedOut() {
        Harness h = Harness.of("""
                {"TimeoutSeconds":5,"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":60,"End":true}}}""").start("{}");
        assertThat(h.timers).hasSize(2);
        assertThat(h.fireNextTimer()).isEqualTo(5_000);
        assertThat(h.status()).isEqualTo(ExecutionStatus.TIMED_OUT);
        assertThat(h.types()).endsWith("ExecutionTimedOut");
        assertThat(h.timers).as("the Wait's timer is cancelled").isEmpty();
        assertThat(h.snapshot.error).isNull();
    }
}
