package dev.baton.broker.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.broker.dataflow.Json;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * JSONata states: every field AWS evaluates, AWS's defaults where Arguments or Output are absent,
 * {@code $states}, mixed query languages, and States.QueryEvaluationError with its EvaluationFailed
 * event.
 */
class JsonataStatesTest {

    @Test
    void statesMixTheirQueryLanguages() {
        Harness h = Harness.of("""
                {"StartAt":"Path","States":{
                  "Path":{"Type":"Pass","Parameters":{"v.$":"$.x"},"ResultPath":"$.p","Next":"Ata"},
                  "Ata":{"Type":"Pass","QueryLanguage":"JSONata","Output":{"sum":"{% $states.input.x + $states.input.p.v %}",
                         "lit":"$.x"},"Next":"Path2"},
                  "Path2":{"Type":"Pass","OutputPath":"$.sum","End":true}}}""").start("{\"x\":2}");
        assertThat(h.output()).isEqualTo("4");
    }

    @Test
    void aTaskSendsItsArgumentsAndOutputsItsResultByDefault() {
        Harness h = Harness.of("""
                {"QueryLanguage":"JSONata","StartAt":"T","States":{
                  "T":{"Type":"Task","Resource":"ACTIVITY","TimeoutSeconds":"{% $states.input.timeout %}",
                       "HeartbeatSeconds":"{% 10 %}","Arguments":{"id":"{% $states.input.id %}","token":"{% $states.context.Task.Token %}"},
                       "End":true}}}""").start("{\"id\":7,\"timeout\":60}");
        String token = h.task();
        JsonNode sent = h.offered.get(token).input();
        assertThat(sent.path("id").asInt()).isEqualTo(7);
        assertThat(sent.path("token").asText()).isEqualTo(token);
        JsonNode scheduled = h.details(3);
        assertThat(scheduled.path("timeoutInSeconds").asLong()).isEqualTo(60);
        assertThat(scheduled.path("heartbeatInSeconds").asLong()).isEqualTo(10);
        h.take();
        h.succeed(token, "{\"done\":true}");
        assertThat(h.output()).isEqualTo("{\"done\":true}");
    }

    @Test
    void aTaskWithoutArgumentsSendsItsInputAndItsOutputSeesInputAndResult() {
        Harness h = Harness.of("""
                {"QueryLanguage":"JSONata","StartAt":"T","States":{
                  "T":{"Type":"Task","Resource":"ACTIVITY","Output":{"in":"{% $states.input %}","out":"{% $states.result %}"},
                       "End":true}}}""").start("{\"a\":1}");
        String token = h.task();
        assertThat(Json.write(h.offered.get(token).input())).isEqualTo("{\"a\":1}");
        h.take();
        h.succeed(token, "[1,2]");
        assertThat(h.output()).isEqualTo("{\"in\":{\"a\":1},\"out\":[1,2]}");
    }

    @Test
    void aCatcherOutputsTheErrorOutputByDefault() {
        Harness h = Harness.of("""
                {"QueryLanguage":"JSONata","StartAt":"T","States":{
                  "T":{"Type":"Task","Resource":"ACTIVITY","Catch":[{"ErrorEquals":["States.ALL"],"Next":"After"}],"End":true},
                  "After":{"Type":"Pass","End":true}}}""").start("{\"a\":1}");
        h.fail(h.take(), "Oops", "bad");
        assertThat(h.output()).isEqualTo("{\"Error\":\"Oops\",\"Cause\":\"bad\"}");
    }

    @Test
    void aCatchersOutputAndAssignSeeTheErrorOutputAndTheInput() {
        Harness h = Harness.of("""
                {"QueryLanguage":"JSONata","StartAt":"T","States":{
                  "T":{"Type":"Task","Resource":"ACTIVITY","End":true,"Catch":[{"ErrorEquals":["Oops"],"Next":"After",
                       "Output":{"error":"{% $states.errorOutput.Error %}","input":"{% $states.input %}"},
                       "Assign":{"cause":"{% $states.errorOutput.Cause %}"}}]},
                  "After":{"Type":"Pass","Output":{"out":"{% $states.input %}","cause":"{% $cause %}"},"End":true}}}""")
                .start("{\"a\":1}");
        h.fail(h.take(), "Oops", "bad");
        assertThat(h.output()).isEqualTo("{\"out\":{\"error\":\"Oops\",\"input\":{\"a\":1}},\"cause\":\"bad\"}");
    }

    @Test
    void aQueryEvaluationErrorCanBeCaught() {
        Harness h = Harness.of("""
                {"QueryLanguage":"JSONata","StartAt":"P","States":{
                  "P":{"Type":"Parallel","Arguments":"{% $states.input.missing %}","Next":"Done",
                       "Branches":[{"StartAt":"B","States":{"B":{"Type":"Pass","End":true}}}],
                       "Catch":[{"ErrorEquals":["States.QueryEvaluationError"],"Next":"Handled"}]},
                  "Handled":{"Type":"Pass","Output":"{% $states.input.Error %}","End":true},
                  "Done":{"Type":"Succeed"}}}""").start("{}");
        assertThat(h.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(h.output()).isEqualTo("\"States.QueryEvaluationError\"");
        assertThat(h.types()).containsExactly("ExecutionStarted", "ParallelStateEntered", "EvaluationFailed",
                "ParallelStateFailed", "ParallelStateExited", "PassStateEntered", "PassStateExited", "ExecutionSucceeded");
        assertThat(h.details(3).path("location").asText()).isEqualTo("Arguments");
    }

    @Test
    void parallelBranchesGetTheArgumentsAndTheStateOutputsTheirResults() {
        Harness h = Harness.of("""
                {"QueryLanguage":"JSONata","StartAt":"P","States":{
                  "P":{"Type":"Parallel","Arguments":{"n":"{% $states.input.n * 2 %}"},"End":true,"Branches":[
                    {"StartAt":"A","States":{"A":{"Type":"Pass","Output":"{% $states.input.n + 1 %}","End":true}}},
                    {"StartAt":"B","States":{"B":{"Type":"Pass","End":true}}}]}}}""").start("{\"n\":5}");
        assertThat(h.output()).isEqualTo("[11,{\"n\":10}]");
    }

    @Test
    void mapItemsItemSelectorAndLimitsAreExpressions() {
        Harness h = Harness.of("""
                {"QueryLanguage":"JSONata","StartAt":"M","States":{
                  "M":{"Type":"Map","Items":"{% $states.input.list %}","MaxConcurrency":"{% 1 %}",
                       "ItemSelector":{"value":"{% $states.context.Map.Item.Value %}","index":"{% $states.context.Map.Item.Index %}",
                                       "tag":"{% $states.input.tag %}"},
                       "Output":"{% $states.result.(tag & value & index) %}","End":true,
                       "ItemProcessor":{"StartAt":"I","States":{"I":{"Type":"Pass","End":true}}}}}}""")
                .start("{\"list\":[\"a\",\"b\"],\"tag\":\"t\"}");
        assertThat(h.output()).isEqualTo("[\"ta0\",\"tb1\"]");
    }

    @Test
    void aMapWithoutItemsIteratesItsInputWhichMustBeAnArray() {
        Harness h = Harness.of("""
                {"QueryLanguage":"JSONata","StartAt":"M","States":{
                  "M":{"Type":"Map","End":true,"ItemProcessor":{"StartAt":"I","States":{"I":{"Type":"Pass","End":true}}}}}}""")
                .start("{\"not\":\"a list\"}");
        assertThat(h.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(h.snapshot.error).isEqualTo("States.QueryEvaluationError");
        assertThat(h.snapshot.cause).endsWith("Map state input must be an array but was: {\"not\":\"a list\"}");
        assertThat(h.types()).containsExactly("ExecutionStarted", "MapStateEntered", "EvaluationFailed", "MapStateFailed",
                "ExecutionFailed");
        assertThat(h.details(3).has("location")).as("no field to blame").isFalse();
    }

    @Test
    void mapItemsOfTheWrongTypeFailAsAwsRecordsIt() {
        Harness h = Harness.of("""
                {"QueryLanguage":"JSONata","StartAt":"Init","States":{
                  "Init":{"Type":"Pass","Next":"M"},
                  "M":{"Type":"Map","Items":"{% $states.input.n %}","End":true,
                       "ItemProcessor":{"StartAt":"I","States":{"I":{"Type":"Pass","End":true}}}}}}""").start("{\"n\":1}");
        assertThat(h.snapshot.cause).isEqualTo("An error occurred while executing the state 'M' (entered at the event id #4). "
                + "The JSONata expression '$states.input.n' specified for the field 'Items' returned an unexpected result type. "
                + "Expected 'array', but was 'number' for value: 1");
        assertThat(h.types()).endsWith("MapStateEntered", "EvaluationFailed", "MapStateFailed", "ExecutionFailed");
        assertThat(h.previousIds()).endsWith(3, 3, 5, 6);
    }

    @Test
    void aMapItemSelectorThatFailsFailsItsIteration() {
        Harness h = Harness.of("""
                {"QueryLanguage":"JSONata","StartAt":"M","States":{
                  "M":{"Type":"Map","Items":[1],"ItemSelector":"{% $nothing %}","End":true,
                       "ItemProcessor":{"StartAt":"I","States":{"I":{"Type":"Pass","End":true}}}}}}""").start("{}");
        assertThat(h.snapshot.error).isEqualTo("States.QueryEvaluationError");
        assertThat(h.types()).containsExactly("ExecutionStarted", "MapStateEntered", "MapStateStarted", "MapIterationStarted",
                "EvaluationFailed", "MapIterationFailed", "MapStateFailed", "ExecutionFailed");
        assertThat(h.details(5).path("location").asText()).isEqualTo("ItemSelector");
        assertThat(h.details(5).path("state").asText()).isEqualTo("M");
    }

    @Test
    void choiceConditionsPickTheRuleAndItsOutput() {
        String definition = """
                {"QueryLanguage":"JSONata","StartAt":"C","States":{
                  "C":{"Type":"Choice","Output":"{% 'state output' %}","Choices":[
                       {"Condition":"{% $states.input.n > 10 %}","Output":"{% 'big ' & $states.input.n %}","Next":"End"},
                       {"Condition":"{% $states.input.n > 5 %}","Next":"End"}],"Default":"End"},
                  "End":{"Type":"Pass","End":true}}}""";
        assertThat(Harness.of(definition).start("{\"n\":11}").output()).isEqualTo("\"big 11\"");
        assertThat(Harness.of(definition).start("{\"n\":6}").output()).isEqualTo("\"state output\"");
        assertThat(Harness.of(definition).start("{\"n\":1}").output()).isEqualTo("\"state output\"");
    }

    @Test
    void aConditionMustGiveABoolean() {
        Harness h = Harness.of("""
                {"QueryLanguage":"JSONata","StartAt":"C","States":{
                  "C":{"Type":"Choice","Choices":[{"Condition":"{% $states.input.n %}","Next":"End"}],"Default":"End"},
                  "End":{"Type":"Pass","End":true}}}""").start("{\"n\":1}");
        assertThat(h.snapshot.error).isEqualTo("States.QueryEvaluationError");
        assertThat(h.snapshot.cause).contains("Expected 'boolean', but was 'number'");
    }

    @Test
    void noMatchingConditionAndNoDefaultIsNoChoiceMatched() {
        Harness h = Harness.of("""
                {"QueryLanguage":"JSONata","StartAt":"C","States":{
                  "C":{"Type":"Choice","Choices":[{"Condition":"{% false %}","Next":"End"}]},
                  "End":{"Type":"Pass","End":true}}}""").start("{}");
        assertThat(h.snapshot.error).isEqualTo("States.NoChoiceMatched");
    }

    @Test
    void failErrorAndCauseAreExpressions() {
        Harness h = Harness.of("""
                {"QueryLanguage":"JSONata","StartAt":"F","States":{
                  "F":{"Type":"Fail","Error":"{% $states.input.code %}","Cause":"{% 'because ' & $states.input.why %}"}}}""")
                .start("{\"code\":\"E42\",\"why\":\"reasons\"}");
        assertThat(h.snapshot.error).isEqualTo("E42");
        assertThat(h.snapshot.cause).isEqualTo("because reasons");
    }

    @Test
    void waitSecondsAndTimestampAreExpressions() {
        Harness seconds = Harness.of("""
                {"QueryLanguage":"JSONata","StartAt":"W","States":{
                  "W":{"Type":"Wait","Seconds":"{% $states.input.s * 2 %}","Output":"{% $states.input.s %}","End":true}}}""")
                .start("{\"s\":30}");
        assertThat(seconds.fireNextTimer()).isEqualTo(60_000);
        assertThat(seconds.output()).isEqualTo("30");

        Harness timestamp = Harness.of("""
                {"QueryLanguage":"JSONata","StartAt":"W","States":{
                  "W":{"Type":"Wait","Timestamp":"{% $states.input.at %}","End":true}}}""")
                .start("{\"at\":\"2030-01-01T00:00:00Z\"}");
        assertThat(timestamp.timers.values()).containsExactly(java.time.Instant.parse("2030-01-01T00:00:00Z").toEpochMilli());
    }

    @Test
    void aWaitTimestampThatIsNoTimestampFailsAfterTheWaitIsEntered() {
        Harness h = Harness.of("""
                {"QueryLanguage":"JSONata","StartAt":"W","States":{
                  "W":{"Type":"Wait","Timestamp":"{% $states.input.at %}","End":true}}}""").start("{\"at\":\"tomorrow\"}");
        assertThat(h.snapshot.error).isEqualTo("States.QueryEvaluationError");
        assertThat(h.snapshot.cause).endsWith("The Timestamp field cannot be parsed as an ISO-8601 extended offset date-time "
                + "format string: tomorrow");
        // Unlike Pass or Map, AWS chains a Wait's EvaluationFailed to its StateEntered event.
        assertThat(h.previousIds()).containsExactly(0, 0, 2, 3);
        assertThat(h.details(3).path("location").asText()).isEqualTo("Timestamp");
    }

    @Test
    void nowAndRandomAreFunctionsOfTheDecision() {
        String definition = """
                {"QueryLanguage":"JSONata","StartAt":"P","States":{
                  "P":{"Type":"Pass","Output":{"now":"{% $now() %}","r":"{% $random() %}","u":"{% $uuid() %}"},"End":true}}}""";
        Harness a = Harness.of(definition).start("{}");
        Harness b = Harness.of(definition).start("{}");
        assertThat(a.output()).isEqualTo(b.output());
        assertThat(java.time.Instant.parse(a.snapshot.output.path("now").asText()))
                .isEqualTo(java.time.Instant.ofEpochMilli(Harness.T0));
    }

    @Test
    void theContextObjectIsStatesContext() {
        Harness h = Harness.of("""
                {"QueryLanguage":"JSONata","StartAt":"P","States":{
                  "P":{"Type":"Pass","Output":{"state":"{% $states.context.State.Name %}",
                       "execution":"{% $states.context.Execution.Name %}","input":"{% $states.context.Execution.Input %}"},
                       "End":true}}}""").start("{\"k\":1}");
        assertThat(h.output()).isEqualTo("{\"state\":\"P\",\"execution\":\"e\",\"input\":{\"k\":1}}");
    }
}
