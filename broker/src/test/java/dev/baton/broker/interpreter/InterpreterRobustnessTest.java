package dev.baton.broker.interpreter;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.broker.dataflow.Json;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Review findings at the interpreter level (second review: nested executions, functions, redrive,
 * JSONata bounds). Each test asserts the behaviour a user relies on and fails on main today.
 */
class InterpreterRobustnessTest {
    static final String CHILD_MACHINE = "arn:aws:states:us-east-1:123456789012:stateMachine:child";

    /**
     * A distributed Map iteration records no events, so every state it enters has enteredEventId 0
     * and StateContext.random() gets the same seed in every state of the iteration: two unnamed
     * child executions started one after the other by the same iteration get the same name, and
     * the second start fails with ExecutionAlreadyExists (it is another task's child).
     */
    @Test
    void twoUnnamedChildrenOfOneDistributedMapIterationGetDifferentNames() {
        Harness h = Harness.of("""
                {"StartAt":"M","States":{"M":{"Type":"Map","ItemsPath":"$.items",
                  "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},
                    "StartAt":"A","States":{
                      "A":{"Type":"Task","Resource":"arn:aws:states:::states:startExecution",
                           "Parameters":{"StateMachineArn":"%1$s"},"Next":"B"},
                      "B":{"Type":"Task","Resource":"arn:aws:states:::states:startExecution",
                           "Parameters":{"StateMachineArn":"%1$s"},"End":true}}},
                  "End":true}}}""".formatted(CHILD_MACHINE)).start("{\"items\":[1]}");
        // The iteration is the map run's child execution: its tasks start the unnamed children.
        Harness iteration = h.children().getFirst();
        var first = (Command.StartChildExecution) iteration.calls.values().iterator().next();
        ObjectNode response = Json.MAPPER.createObjectNode()
                .put("ExecutionArn", "arn:aws:states:us-east-1:123456789012:execution:child:" + first.name())
                .put("StartDate", Harness.T0);
        iteration.apply(new Trigger.ServiceResponded(first.taskToken(), response));
        List<Command.StartChildExecution> starts = iteration.calls.values().stream()
                .map(c -> (Command.StartChildExecution) c).toList();
        assertThat(starts).hasSize(1);
        var second = starts.getFirst();
        assertThat(second.taskToken()).isNotEqualTo(first.taskToken());
        assertThat(second.name()).as("the second unnamed child's name").isNotEqualTo(first.name());
    }

    /** Same root cause: States.UUID() returns the same value in every state of a distributed Map iteration. */
    @Test
    void statesUuidDiffersBetweenStatesOfADistributedMapIteration() {
        Harness h = Harness.of("""
                {"StartAt":"M","States":{"M":{"Type":"Map","ItemsPath":"$.items",
                  "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},
                    "StartAt":"A","States":{
                      "A":{"Type":"Pass","Parameters":{"a.$":"States.UUID()"},"Next":"B"},
                      "B":{"Type":"Pass","Parameters":{"a.$":"$.a","b.$":"States.UUID()"},"End":true}}},
                  "End":true}}}""").start("{\"items\":[1]}");
        assertThat(h.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        var out = h.snapshot.output.get(0);
        assertThat(out.get("b").asText()).as("UUIDs of two states").isNotEqualTo(out.get("a").asText());
    }

    /**
     * TimeoutSecondsPath is read at run time as any positive long: now + seconds * 1000 overflows,
     * the timer is due in the past, and a task meant to wait "forever" times out at once.
     */
    @Test
    void aHugeTimeoutSecondsPathDoesNotTimeTheTaskOutAtOnce() {
        Harness h = Harness.of("""
                {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"ACTIVITY",
                  "TimeoutSecondsPath":"$.t","End":true}}}""").start("{\"t\":9223372036854775}");
        assertThat(h.timers.values()).as("due times of armed timers").allSatisfy(due -> assertThat(due).isGreaterThan(h.now));
    }

    /**
     * One decision can evaluate any number of JSONata expressions, each allowed the full 5 s
     * timeout: a Task whose Arguments loop is caught and re-entered runs the loop again within the
     * same decision, so one small definition holds a runtime thread (and its execution, and a
     * StopExecution queued behind it) for count x 5 s; with a plain Catch back to itself, until the
     * 25,000-event history limit (hours). Here three rounds: the decision takes ~15 s.
     */
    @Test
    void oneDecisionDoesNotSpendMoreThanOneEvaluationTimeoutOnJsonata() {
        Harness h = Harness.of("""
                {"QueryLanguage":"JSONata","StartAt":"Init","States":{
                  "Init":{"Type":"Pass","Assign":{"n":0},"Next":"Spin"},
                  "Spin":{"Type":"Task","Resource":"ACTIVITY",
                    "Arguments":"{% ($f := function($i) { $f($i + 1) }; $f(0)) %}",
                    "Catch":[{"ErrorEquals":["States.QueryEvaluationError"],"Assign":{"n":"{% $n + 1 %}"},"Next":"Again"}],
                    "End":true},
                  "Again":{"Type":"Choice","Choices":[{"Condition":"{% $n < 3 %}","Next":"Spin"}],"Default":"Done"},
                  "Done":{"Type":"Succeed"}}}""");
        long started = System.nanoTime();
        h.start("{}");
        long tookMs = (System.nanoTime() - started) / 1_000_000;
        assertThat(tookMs).as("ms one decision spent evaluating JSONata").isLessThan(7_000);
        // Once the decision's budget is spent every expression fails, the Catch's Assign too: the
        // runaway definition ends, failed, instead of holding its thread.
        assertThat(h.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(h.snapshot.error).isEqualTo("States.QueryEvaluationError");
        assertThat(h.snapshot.cause).contains("in one step of the execution");
    }

    /**
     * A Lambda function Resource accepts names of up to 140 characters (TaskResource.LAMBDA), but
     * GetFunctionTask accepts only Lambda's 64 (LambdaFunctionName): the definition is accepted and
     * its invocations wait in a queue no worker can poll, forever unless TimeoutSeconds is set.
     */
    @Test
    void aFunctionResourceTheBrokerAcceptsCanBePolled() {
        // Lambda function names are 1 to 64 characters: a longer one no worker could poll is refused.
        String longest = "f".repeat(64);
        Harness h = Harness.of("""
                {"StartAt":"T","States":{"T":{"Type":"Task",
                  "Resource":"arn:aws:lambda:us-east-1:123456789012:function:%s","End":true}}}""".formatted(longest))
                .start("{}");
        var offered = h.offered.values().iterator().next();
        assertThat(offered.activityArn()).endsWith(":function:" + longest);
        assertThat(dev.baton.broker.definition.model.LambdaFunctionName.parse(longest))
                .as("the name a FunctionWorker would poll GetFunctionTask with").isNotNull();
        assertThat(dev.baton.broker.definition.Definitions.load("""
                {"StartAt":"T","States":{"T":{"Type":"Task",
                  "Resource":"arn:aws:lambda:us-east-1:123456789012:function:%s","End":true}}}""".formatted(longest + "f"))
                .ok()).as("a 65-character function name is refused").isFalse();
    }

    /**
     * Snapshot growth from redrive capture: every failed iteration of a distributed Map that
     * tolerates failures leaves a resume point (its state input and variables) in the running
     * fork, which the runtime copies and re-encodes with every decision of the execution. Here 200
     * tolerated failures at a state whose input is ~39 KB make the snapshot of the still running
     * execution 7.9 million characters of JSON (measured), where the failures' error outputs
     * (all a redrive-less Map kept before) are ~6 KB.
     */

    @Test
    void toleratedFailuresOfARunningDistributedMapDoNotGrowTheSnapshotWithTheirInputs() {
        StringBuilder items = new StringBuilder("[\"wait\"");
        for (int i = 0; i < 200; i++) {
            items.append(",\"fail\"");
        }
        items.append(']');
        Harness h = Harness.of("""
                {"StartAt":"M","States":{"M":{"Type":"Map","ItemsPath":"$.items","ToleratedFailurePercentage":100,
                  "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},
                    "StartAt":"C","States":{
                      "C":{"Type":"Choice","Choices":[{"Variable":"$","StringEquals":"wait","Next":"W"}],"Default":"Grow"},
                      "W":{"Type":"Task","Resource":"ACTIVITY","End":true},
                      "Grow":{"Type":"Pass","Parameters":{"a0.$":"States.ArrayRange(1, 1000, 1)","a1.$":"States.ArrayRange(1, 1000, 1)","a2.$":"States.ArrayRange(1, 1000, 1)","a3.$":"States.ArrayRange(1, 1000, 1)","a4.$":"States.ArrayRange(1, 1000, 1)","a5.$":"States.ArrayRange(1, 1000, 1)","a6.$":"States.ArrayRange(1, 1000, 1)","a7.$":"States.ArrayRange(1, 1000, 1)","a8.$":"States.ArrayRange(1, 1000, 1)","a9.$":"States.ArrayRange(1, 1000, 1)"},"Next":"F"},
                      "F":{"Type":"Fail","Error":"E","Cause":"c"}}},
                  "End":true}}}""").start("{\"items\":" + items + "}");
        assertThat(h.status()).isEqualTo(ExecutionStatus.RUNNING);
        int bytes = dev.baton.broker.runtime.SnapshotCodec.encode(h.snapshot).length;
        String json = Json.MAPPER.valueToTree(h.snapshot).toString();
        assertThat(json.length()).as("snapshot JSON characters of the running execution").isLessThan(1_000_000);
    }
}
