package dev.baton.broker.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Workflow variables (Assign) as AWS scopes them: visible after the state, all at once; readable
 * from inner scopes and never written there; gone with the branch or iteration that assigned them;
 * recorded in StateExited; bounded in size; kept in the snapshot.
 */
class WorkflowVariablesTest {

    /** The StateExited event of a state, by name. */
    private static JsonNode exited(Harness h, String state) {
        for (HistoryEvent e : h.history) {
            if (e.type().name().endsWith("StateExited") && h.details(e.id()).path("name").asText().equals(state)) {
                return h.details(e.id());
            }
        }
        throw new AssertionError("no StateExited event for " + state + " in " + h.types());
    }

    @Test
    void anAssignmentIsVisibleAfterItsStateAndAllAtOnce() {
        Harness h = Harness.of("""
                {"QueryLanguage":"JSONata","StartAt":"Init","States":{
                  "Init":{"Type":"Pass","Assign":{"a":1,"b":2},"Next":"Swap"},
                  "Swap":{"Type":"Pass","Assign":{"a":"{% $b %}","b":"{% $a %}"},
                          "Output":{"seenA":"{% $a %}","seenB":"{% $b %}"},"Next":"Read"},
                  "Read":{"Type":"Pass","Output":{"a":"{% $a %}","b":"{% $b %}","before":"{% $states.input %}"},"End":true}}}""")
                .start("{}");
        assertThat(h.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        // Output is evaluated with the values from before the state: the swap is seen only by the next state.
        assertThat(h.output()).isEqualTo("{\"a\":2,\"b\":1,\"before\":{\"seenA\":1,\"seenB\":2}}");
    }

    @Test
    void jsonPathAssignReadsTheRawResultTheContextAndOtherVariables() {
        Harness h = Harness.of("""
                {"StartAt":"Init","States":{
                  "Init":{"Type":"Pass","Parameters":{"n.$":"$.n"},"ResultPath":"$.copy",
                          "Assign":{"fromResult.$":"$.n","state.$":"$$.State.Name","literal":"$.not.a.path"},"Next":"Use"},
                  "Use":{"Type":"Pass","Assign":{"again.$":"$fromResult","sum.$":"States.MathAdd($fromResult, 1)"},
                         "Parameters":{"v.$":"$fromResult"},"Next":"Read"},
                  "Read":{"Type":"Pass","Parameters":{"again.$":"$again","sum.$":"$sum","v.$":"$.v"},"End":true}}}""")
                .start("{\"n\":41}");
        assertThat(h.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        JsonNode init = exited(h, "Init").path("assignedVariables");
        assertThat(init.path("fromResult").asText()).isEqualTo("41");
        assertThat(init.path("state").asText()).isEqualTo("\"Init\"");
        assertThat(init.path("literal").asText()).isEqualTo("\"$.not.a.path\"");
        assertThat(h.output()).isEqualTo("{\"again\":41,\"sum\":42,\"v\":41}");
    }

    @Test
    void aVariableReadBeforeItIsAssignedFailsTheState() {
        Harness h = Harness.of("""
                {"StartAt":"Use","States":{
                  "Use":{"Type":"Pass","Assign":{"a":1},"Parameters":{"v.$":"$a"},"End":true}}}""").start("{}");
        assertThat(h.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(h.snapshot.error).isEqualTo("States.Runtime");
        assertThat(h.snapshot.cause).contains("'$a'");
    }

    @Test
    void anUndefinedVariableInJsonataIsAQueryEvaluationErrorRecordedAsEvaluationFailed() {
        Harness h = Harness.of("""
                {"QueryLanguage":"JSONata","StartAt":"P","States":{
                  "P":{"Type":"Pass","Output":{"result":"{% $doesNotExist %}"},"End":true}}}""").start("{}");
        assertThat(h.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(h.snapshot.error).isEqualTo("States.QueryEvaluationError");
        assertThat(h.snapshot.cause).isEqualTo("An error occurred while executing the state 'P' (entered at the event id #2). "
                + "The JSONata expression '$doesNotExist' specified for the field 'Output/result' returned nothing (undefined).");
        assertThat(h.types()).containsExactly("ExecutionStarted", "PassStateEntered", "EvaluationFailed", "ExecutionFailed");
        // AWS chains the EvaluationFailed of a state that fails as it starts to the event before StateEntered.
        assertThat(h.previousIds()).containsExactly(0, 0, 0, 3);
        JsonNode details = h.details(3);
        assertThat(details.path("location").asText()).isEqualTo("Output/result");
        assertThat(details.path("state").asText()).isEqualTo("P");
        assertThat(details.path("error").asText()).isEqualTo("States.QueryEvaluationError");
        assertThat(details.path("cause").asText()).isEqualTo(h.snapshot.cause);
    }

    @Test
    void stateExitedRecordsTheAssignedValuesAsJsonText() {
        Harness h = Harness.of("""
                {"StartAt":"P","States":{"P":{"Type":"Pass","Assign":{"s":"text","n":4.3,"o":{"k":[1,null]},"z":null},"Next":"E"},
                  "E":{"Type":"Pass","Assign":{},"End":true}}}""").start("{}");
        JsonNode p = exited(h, "P");
        assertThat(p.path("assignedVariables").toString())
                .isEqualTo("{\"s\":\"\\\"text\\\"\",\"n\":\"4.3\",\"o\":\"{\\\"k\\\":[1,null]}\",\"z\":\"null\"}");
        assertThat(p.path("assignedVariablesDetails").toString()).isEqualTo("{\"truncated\":false}");
        JsonNode e = exited(h, "E");
        assertThat(e.has("assignedVariables")).as("an empty Assign records nothing").isFalse();
        assertThat(e.has("assignedVariablesDetails")).isFalse();
    }

    @Test
    void parallelBranchesReadOuterVariablesAndKeepTheirOwnAssignmentsToThemselves() {
        Harness h = Harness.of("""
                {"QueryLanguage":"JSONata","StartAt":"Init","States":{
                  "Init":{"Type":"Pass","Assign":{"outer":"o","shared":"outer value"},"Next":"P"},
                  "P":{"Type":"Parallel","Next":"After","Branches":[
                    {"StartAt":"A1","States":{
                      "A1":{"Type":"Pass","Assign":{"shared":"branch A","onlyA":1},"Next":"A2"},
                      "A2":{"Type":"Pass","Output":{"outer":"{% $outer %}","shared":"{% $shared %}","onlyA":"{% $onlyA %}"},"End":true}}},
                    {"StartAt":"B1","States":{
                      "B1":{"Type":"Pass","Output":{"shared":"{% $shared %}","seesA":"{% $exists($onlyA) %}"},"End":true}}}]},
                  "After":{"Type":"Pass","Output":{"shared":"{% $shared %}","branchResults":"{% $states.input %}",
                           "leaked":"{% $exists($onlyA) %}"},"End":true}}}""").start("{}");
        assertThat(h.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(h.output()).isEqualTo("{\"shared\":\"outer value\",\"branchResults\":["
                + "{\"outer\":\"o\",\"shared\":\"branch A\",\"onlyA\":1},"
                + "{\"shared\":\"outer value\",\"seesA\":false}],\"leaked\":false}");
    }

    @Test
    void mapIterationsEachHaveTheirOwnScope() {
        Harness h = Harness.of("""
                {"StartAt":"Init","States":{
                  "Init":{"Type":"Pass","Assign":{"bias":10},"Result":[1,2,3],"Next":"M"},
                  "M":{"Type":"Map","MaxConcurrency":1,"Next":"After","ItemProcessor":{"StartAt":"Remember","States":{
                      "Remember":{"Type":"Pass","Assign":{"seen.$":"$"},"Next":"Add"},
                      "Add":{"Type":"Pass","Parameters":{"sum.$":"States.MathAdd($seen, $bias)"},"End":true}}}},
                  "After":{"Type":"Pass","Parameters":{"results.$":"$","bias.$":"$bias"},"End":true}}}""").start("{}");
        assertThat(h.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(h.output()).isEqualTo("{\"results\":[{\"sum\":11},{\"sum\":12},{\"sum\":13}],\"bias\":10}");
        assertThat(h.snapshot.runs).isEmpty();
    }

    @Test
    void anIterationsVariableIsGoneAfterTheMap() {
        Harness h = Harness.of("""
                {"StartAt":"M","States":{
                  "M":{"Type":"Map","Next":"After","ItemProcessor":{"StartAt":"Set","States":{
                      "Set":{"Type":"Pass","Assign":{"inner.$":"$"},"End":true}}}},
                  "After":{"Type":"Pass","Parameters":{"v.$":"$inner"},"End":true}}}""").start("[1]");
        assertThat(h.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(h.snapshot.error).isEqualTo("States.Runtime");
        assertThat(h.snapshot.cause).contains("'$inner'");
    }

    @Test
    void distributedMapIterationsSeeNoOuterVariables() {
        Harness h = Harness.of("""
                {"QueryLanguage":"JSONata","StartAt":"Init","States":{
                  "Init":{"Type":"Pass","Assign":{"outer":1},"Next":"M"},
                  "M":{"Type":"Map","Items":[1],"End":true,"ItemProcessor":{
                    "ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},
                    "StartAt":"Read","States":{"Read":{"Type":"Pass","Output":"{% $exists($outer) %}","End":true}}}}}}""")
                .start("{}");
        assertThat(h.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(h.output()).isEqualTo("[false]");
    }

    @Test
    void theMapAndParallelStatesAssignWithTheirResult() {
        Harness h = Harness.of("""
                {"QueryLanguage":"JSONata","StartAt":"M","States":{
                  "M":{"Type":"Map","Items":[1,2],"Assign":{"count":"{% $count($states.result) %}"},"Next":"P",
                       "ItemProcessor":{"StartAt":"I","States":{"I":{"Type":"Pass","End":true}}}},
                  "P":{"Type":"Parallel","Assign":{"first":"{% $states.result[0] %}"},
                       "Output":{"count":"{% $count %}","firstDefined":"{% $exists($first) %}"},
                       "Next":"Read","Branches":[{"StartAt":"B","States":{"B":{"Type":"Pass","Output":"b","End":true}}}]},
                  "Read":{"Type":"Pass","Output":{"count":"{% $count %}","first":"{% $first %}","in":"{% $states.input %}"},
                           "End":true}}}""").start("{}");
        assertThat(h.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        // P's Output cannot see P's own assignment yet.
        assertThat(h.output()).isEqualTo("{\"count\":2,\"first\":\"b\",\"in\":{\"count\":2,\"firstDefined\":false}}");
    }

    @Test
    void aCatchersAssignRecordsTheErrorInTheFailedStatesExitEvent() {
        Harness h = Harness.of("""
                {"StartAt":"T","States":{
                  "T":{"Type":"Task","Resource":"ACTIVITY","Next":"Done",
                       "Catch":[{"ErrorEquals":["States.ALL"],"Next":"Handled","ResultPath":"$.err",
                                 "Assign":{"lastError.$":"$.Error","input.$":"$$.Execution.Input"}}]},
                  "Handled":{"Type":"Pass","Parameters":{"e.$":"$lastError","in.$":"$input"},"End":true},
                  "Done":{"Type":"Succeed"}}}""").start("{\"k\":1}");
        h.fail(h.take(), "Boom", "it broke");
        assertThat(h.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(h.output()).isEqualTo("{\"e\":\"Boom\",\"in\":{\"k\":1}}");
        JsonNode t = exited(h, "T");
        assertThat(t.path("assignedVariables").path("lastError").asText()).isEqualTo("\"Boom\"");
        assertThat(t.path("output").asText()).isEqualTo("{\"k\":1,\"err\":{\"Error\":\"Boom\",\"Cause\":\"it broke\"}}");
    }

    @Test
    void choiceRulesAssignOnTopOfTheStatesAssign() {
        String definition = """
                {"QueryLanguage":"JSONata","StartAt":"C","States":{
                  "C":{"Type":"Choice","Assign":{"path":"default","always":true},
                       "Choices":[{"Condition":"{% $states.input.go %}","Assign":{"path":"rule"},"Next":"End"}],
                       "Default":"End"},
                  "End":{"Type":"Pass","Output":{"path":"{% $path %}","always":"{% $always %}"},"End":true}}}""";
        Harness matched = Harness.of(definition).start("{\"go\":true}");
        assertThat(matched.output()).isEqualTo("{\"path\":\"rule\",\"always\":true}");
        Harness fellThrough = Harness.of(definition).start("{\"go\":false}");
        assertThat(fellThrough.output()).isEqualTo("{\"path\":\"default\",\"always\":true}");
    }

    @Test
    void aValueLargerThanAwsAllowsFailsTheStateWithDataLimitExceeded() {
        Harness h = Harness.of("""
                {"QueryLanguage":"JSONata","StartAt":"Big","States":{
                  "Big":{"Type":"Pass","Assign":{"big":"{% $states.input.text %}"},"Output":"small","End":true}}}""")
                .start("{\"text\":\"" + "x".repeat(300_000) + "\"}");
        assertThat(h.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(h.snapshot.error).isEqualTo("States.DataLimitExceeded");
        assertThat(h.snapshot.cause).contains("'big'").contains("Big");
        assertThat(h.types()).doesNotContain("PassStateExited");
    }

    @Test
    void variablesSurviveTheSnapshotAcrossAWait() {
        Harness h = Harness.of("""
                {"StartAt":"Set","States":{
                  "Set":{"Type":"Pass","Assign":{"kept":{"deep":[1,2]},"nothing":null},"Next":"Sleep"},
                  "Sleep":{"Type":"Wait","Seconds":3600,"Next":"Read"},
                  "Read":{"Type":"Pass","QueryLanguage":"JSONata","Output":{"deep":"{% $kept.deep %}","nothing":"{% $nothing %}"},
                          "End":true}}}""").start("{}");
        assertThat(h.status()).isEqualTo(ExecutionStatus.RUNNING);
        assertThat(h.snapshot.runs.get(RunState.ROOT).variables).containsKey("kept");
        assertThat(h.snapshot.copy().runs.get(RunState.ROOT).variables).containsKey("kept");
        h.fireNextTimer();
        assertThat(h.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(h.output()).isEqualTo("{\"deep\":[1,2],\"nothing\":null}");
    }

    @Test
    void aWaitAssignsWhenTheWaitIsOver() {
        Harness h = Harness.of("""
                {"StartAt":"Sleep","States":{
                  "Sleep":{"Type":"Wait","Seconds":10,"Assign":{"woke.$":"$$.State.Name"},"Next":"Read"},
                  "Read":{"Type":"Pass","Parameters":{"w.$":"$woke"},"End":true}}}""").start("{}");
        assertThat(h.snapshot.runs.get(RunState.ROOT).variables).isNull();
        h.fireNextTimer();
        assertThat(h.output()).isEqualTo("{\"w\":\"Sleep\"}");
    }

    @Test
    void aRedriveContinuesWithTheVariablesTheExecutionStoppedWith() {
        Harness h = Harness.of("""
                {"StartAt":"Set","States":{
                  "Set":{"Type":"Pass","Assign":{"kept":"before the failure"},"Next":"Work"},
                  "Work":{"Type":"Task","Resource":"ACTIVITY","Next":"Read"},
                  "Read":{"Type":"Pass","Parameters":{"kept.$":"$kept"},"End":true}}}""").start("{}");
        h.fail(h.take(), "Boom", null);
        assertThat(h.status()).isEqualTo(ExecutionStatus.FAILED);
        h.apply(new Trigger.Redrive());
        h.succeed(h.take(), "{}");
        assertThat(h.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(h.output()).isEqualTo("{\"kept\":\"before the failure\"}");
    }

    @Test
    void mapPathsReadVariables() {
        Harness h = Harness.of("""
                {"StartAt":"Init","States":{
                  "Init":{"Type":"Pass","Assign":{"items":[1,2,3],"limit":"1","tolerated":"0"},"Next":"M"},
                  "M":{"Type":"Map","ItemsPath":"$items","MaxConcurrencyPath":"$limit","ToleratedFailureCountPath":"$tolerated",
                       "ItemSelector":{"v.$":"$$.Map.Item.Value","all.$":"$items"},"End":true,
                       "ItemProcessor":{"StartAt":"I","States":{"I":{"Type":"Pass","OutputPath":"$.v","End":true}}}}}}""")
                .start("{}");
        assertThat(h.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(h.output()).isEqualTo("[1,2,3]");
    }
}
