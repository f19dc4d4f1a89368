package dev.baton.broker.interpreter;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Pass, Succeed, Fail and Choice: their data flow, history and failures. */
class SimpleStatesTest {

    @Test
    void passAppliesInputPathParametersResultPathAndOutputPathInOrder() {
        Harness h = Harness.of("""
                {"StartAt":"P","States":{"P":{"Type":"Pass","InputPath":"$.in",
                  "Parameters":{"v.$":"$.x","name.$":"$$.State.Name","const":1},
                  "ResultPath":"$.res","OutputPath":"$.res","End":true}}}""").start("{\"in\":{\"x\":7},\"other\":true}");
        assertThat(h.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(h.output()).isEqualTo("{\"v\":7,\"name\":\"P\",\"const\":1}");
    }

    @Test
    void nullPathsGiveAnEmptyObjectAndANullResultPathKeepsTheInput() {
        Harness h = Harness.of("""
                {"StartAt":"A","States":{
                  "A":{"Type":"Pass","Result":{"r":1},"ResultPath":null,"Next":"B"},
                  "B":{"Type":"Pass","InputPath":null,"End":true}}}""").start("{\"a\":1}");
        assertThat(h.history.get(2).details()).isEqualTo(new EventDetails.StateExited("A",
                ChoiceRulesTest.json("{\"a\":1}"), EventDetails.DataDetails.NOT_TRUNCATED, null, null));
        assertThat(h.output()).isEqualTo("{}");
    }

    @Test
    void theFirstStateFollowsEventZeroAndEachEventTheOneBefore() {
        Harness h = Harness.of("""
                {"StartAt":"A","States":{"A":{"Type":"Pass","Next":"B"},"B":{"Type":"Succeed"}}}""").start("{}");
        assertThat(h.types()).containsExactly("ExecutionStarted", "PassStateEntered", "PassStateExited",
                "SucceedStateEntered", "SucceedStateExited", "ExecutionSucceeded");
        assertThat(h.previousIds()).containsExactly(0, 0, 2, 3, 4, 5);
    }

    @Test
    void succeedAppliesInputPathThenOutputPath() {
        Harness h = Harness.of("""
                {"StartAt":"S","States":{"S":{"Type":"Succeed","InputPath":"$.a","OutputPath":"$.b"}}}""")
                .start("{\"a\":{\"b\":[1,2]}}");
        assertThat(h.output()).isEqualTo("[1,2]");
    }

    @Test
    void failReportsItsErrorAndCauseAndFollowsItsEnteredEvent() {
        Harness h = Harness.of("""
                {"StartAt":"F","States":{"F":{"Type":"Fail","Error":"Oops","Cause":"it broke"}}}""").start("{}");
        assertThat(h.types()).containsExactly("ExecutionStarted", "FailStateEntered", "ExecutionFailed");
        assertThat(h.previousIds()).containsExactly(0, 0, 2);
        assertThat(h.snapshot.error).isEqualTo("Oops");
        assertThat(h.snapshot.cause).isEqualTo("it broke");
    }

    @Test
    void failWithoutErrorOrCauseRecordsNeither() {
        Harness h = Harness.of("""
                {"StartAt":"F","States":{"F":{"Type":"Fail"}}}""").start("{}");
        assertThat(h.snapshot.error).isNull();
        assertThat(h.snapshot.cause).isNull();
        assertThat(h.details(3).toString()).isEqualTo("{}");
    }

    @Test
    void failReadsErrorPathAndCausePath() {
        Harness h = Harness.of("""
                {"StartAt":"F","States":{"F":{"Type":"Fail","ErrorPath":"$.e","CausePath":"$.c"}}}""")
                .start("{\"e\":\"error string\",\"c\":\"cause string\"}");
        assertThat(h.snapshot.error).isEqualTo("error string");
        assertThat(h.snapshot.cause).isEqualTo("cause string");
    }

    @Test
    void aCausePathThatSelectsNothingIsAStatesRuntimeErrorWorded() {
        Harness h = Harness.of("""
                {"StartAt":"fail","States":{"fail":{"Type":"Fail","Error":"E","CausePath":"$.NoSuchCausePath"}}}""")
                .start("{\"a\":1}");
        assertThat(h.snapshot.error).isEqualTo("States.Runtime");
        assertThat(h.snapshot.cause).isEqualTo("An error occurred while executing the state 'fail' (entered at the event id #2). "
                + "The JSONPath '$.NoSuchCausePath' specified for the field 'CausePath' could not be found in the input '{\"a\":1}'");
    }

    @Test
    void anInputPathThatSelectsNothingFailsTheExecutionWithAwsWording() {
        Harness h = Harness.of("""
                {"StartAt":"pass","States":{"pass":{"Type":"Pass","InputPath":"$.NoSuchInputPath","End":true}}}""")
                .start("{}");
        assertThat(h.types()).containsExactly("ExecutionStarted", "PassStateEntered", "ExecutionFailed");
        assertThat(h.snapshot.cause).isEqualTo("An error occurred while executing the state 'pass' (entered at the event id #2). "
                + "Invalid path '$.NoSuchInputPath' : No results for path: $['NoSuchInputPath']");
    }

    @Test
    void aResultPathThatCannotBeAppliedIsAResultPathMatchFailure() {
        Harness h = Harness.of("""
                {"StartAt":"P","States":{"P":{"Type":"Pass","Result":1,"ResultPath":"$.a.b","End":true}}}""")
                .start("{\"a\":\"text\"}");
        assertThat(h.snapshot.error).isEqualTo("States.ResultPathMatchFailure");
        assertThat(h.snapshot.cause).isEqualTo("Unable to apply ReferencePath $.a.b to input {\"a\":\"text\"}");
    }

    @Test
    void aResultOverTheLimitIsDataLimitExceeded() {
        String big = "a".repeat(256 * 1024);
        Harness h = Harness.of("""
                {"StartAt":"State_1","States":{"State_1":{"Type":"Pass","Result":{"Arg1":"%s"},"End":true}}}""".formatted(big))
                .start("{}");
        assertThat(h.types()).containsExactly("ExecutionStarted", "PassStateEntered", "ExecutionFailed");
        assertThat(h.snapshot.error).isEqualTo("States.DataLimitExceeded");
        assertThat(h.snapshot.cause).isEqualTo("The state/task 'State_1' returned a result with a size exceeding the maximum number of bytes service limit.");
    }

    // ---- Choice ----

    static final String CHOICE = """
            {"StartAt":"C","States":{
              "C":{"Type":"Choice","InputPath":"$.in","OutputPath":"$.keep","Choices":[
                {"Variable":"$.n","NumericGreaterThan":10,"Next":"Big"},
                {"And":[{"Variable":"$.s","IsPresent":true},{"Not":{"Variable":"$.s","StringEquals":"no"}}],"Next":"Named"}
              ]%s},
              "Big":{"Type":"Pass","Result":"big","End":true},
              "Named":{"Type":"Pass","Result":"named","Next":"Other"},
              "Other":{"Type":"Pass","End":true}}}""";

    @Test
    void choiceTakesTheFirstMatchingRuleAndPassesItsOutputPathOn() {
        Harness h = Harness.of(CHOICE.formatted(",\"Default\":\"Other\"")).start("{\"in\":{\"n\":11,\"s\":\"x\",\"keep\":[1]}}");
        assertThat(h.output()).isEqualTo("\"big\"");
        assertThat(h.types()).startsWith("ExecutionStarted", "ChoiceStateEntered", "ChoiceStateExited", "PassStateEntered");
        assertThat(h.history.get(2).details()).isEqualTo(new EventDetails.StateExited("C",
                ChoiceRulesTest.json("[1]"), EventDetails.DataDetails.NOT_TRUNCATED, null, null));

        Harness named = Harness.of(CHOICE.formatted(",\"Default\":\"Other\"")).start("{\"in\":{\"n\":1,\"s\":\"x\",\"keep\":2}}");
        assertThat(named.output()).isEqualTo("\"named\"");
    }

    @Test
    void choiceFallsBackToDefault() {
        Harness h = Harness.of(CHOICE.formatted(",\"Default\":\"Other\"")).start("{\"in\":{\"n\":1,\"s\":\"no\",\"keep\":3}}");
        assertThat(h.output()).isEqualTo("3");
    }

    @Test
    void choiceWithoutAMatchOrDefaultFailsWithNoChoiceMatched() {
        Harness h = Harness.of(CHOICE.formatted("")).start("{\"in\":{\"n\":1,\"keep\":3}}");
        assertThat(h.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(h.snapshot.error).isEqualTo("States.NoChoiceMatched");
        assertThat(h.types()).containsExactly("ExecutionStarted", "ChoiceStateEntered", "ExecutionFailed");
    }

    @Test
    void aChoiceVariableThatSelectsNothingIsAStatesRuntimeError() {
        Harness h = Harness.of(CHOICE.formatted(",\"Default\":\"Other\"")).start("{\"in\":{\"keep\":3}}");
        assertThat(h.snapshot.error).isEqualTo("States.Runtime");
        assertThat(h.snapshot.cause).isEqualTo("An error occurred while executing the state 'C' (entered at the event id #2). "
                + "Invalid path '$.n': The choice state's condition path references an invalid value.");
    }

    @Test
    void decisionsAreDeterministicAndLeaveTheirSnapshotAlone() {
        Harness h = Harness.of("""
                {"StartAt":"P","States":{"P":{"Type":"Pass","Next":"W"},"W":{"Type":"Wait","Seconds":5,"End":true}}}""");
        h.start("{}");
        ExecutionSnapshot before = h.snapshot;
        String encoded = new String(dev.baton.broker.runtime.SnapshotCodec.encode(before));
        String timer = h.timers.keySet().iterator().next();
        Decision a = h.interpreter.decide(h.machine, before, new Trigger.TimerFired(timer), h.now + 5000);
        Decision b = h.interpreter.decide(h.machine, before, new Trigger.TimerFired(timer), h.now + 5000);
        assertThat(a.events()).isEqualTo(b.events());
        assertThat(a.commands()).isEqualTo(b.commands());
        assertThat(new String(dev.baton.broker.runtime.SnapshotCodec.encode(before))).isEqualTo(encoded);
    }
}
