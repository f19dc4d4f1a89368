package dev.baton.broker.interpreter;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Parallel branches and Map iterations as child runs: outputs, failures, history ids. */
class ParallelAndMapTest {

    @Test
    void parallelOutputsTheBranchResultsInBranchOrder() {
        Harness h = Harness.of("""
                {"StartAt":"P","States":{"P":{"Type":"Parallel","Parameters":{"x.$":"$.x"},"ResultPath":"$.r","End":true,
                  "Branches":[
                    {"StartAt":"Slow","States":{"Slow":{"Type":"Task","Resource":"ACTIVITY","End":true}}},
                    {"StartAt":"Fast","States":{"Fast":{"Type":"Pass","Result":"fast","End":true}}}]}}}""")
                .start("{\"x\":1}");
        String token = h.take();
        h.succeed(token, "\"slow\"");
        assertThat(h.output()).isEqualTo("{\"x\":1,\"r\":[\"slow\",\"fast\"]}");
        assertThat(h.types()).endsWith("ParallelStateSucceeded", "ParallelStateExited", "ExecutionSucceeded");
        int succeeded = h.types().indexOf("ParallelStateSucceeded");
        // ParallelStateExited follows the branches' last event, not ParallelStateSucceeded.
        assertThat(h.history.get(succeeded + 1).previousEventId()).isEqualTo(h.history.get(succeeded).previousEventId());
    }

    @Test
    void aFailedBranchStopsTheOthers() {
        Harness h = Harness.of("""
                {"StartAt":"P","States":{"P":{"Type":"Parallel","End":true,"Branches":[
                    {"StartAt":"Work","States":{"Work":{"Type":"Task","Resource":"ACTIVITY","TimeoutSeconds":100,"End":true}}},
                    {"StartAt":"Sleep","States":{"Sleep":{"Type":"Wait","Seconds":100,"End":true}}},
                    {"StartAt":"Broken","States":{"Broken":{"Type":"Wait","Seconds":1,"Next":"Boom"},
                                                  "Boom":{"Type":"Fail","Error":"Boom","Cause":"b"}}}]}}}""").start("{}");
        assertThat(h.offered).hasSize(1);
        assertThat(h.timers).hasSize(3);
        h.fireNextTimer();
        assertThat(h.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(h.snapshot.error).isEqualTo("Boom");
        assertThat(h.offered).as("the other branch's task is withdrawn").isEmpty();
        assertThat(h.timers).as("every timer is cancelled").isEmpty();
        assertThat(h.types()).contains("TaskStateAborted", "WaitStateAborted", "ParallelStateFailed");
        assertThat(h.types()).endsWith("ParallelStateFailed", "ExecutionFailed");
    }

    @Test
    void aBranchWhoseTaskFailedRecordsTheTaskAborted() {
        Harness h = Harness.of("""
                {"StartAt":"P","States":{"P":{"Type":"Parallel","End":true,"Branches":[
                    {"StartAt":"Work","States":{"Work":{"Type":"Task","Resource":"ACTIVITY","End":true}}}]}}}""").start("{}");
        h.fail(h.take(), null, null);
        assertThat(h.types()).endsWith("ActivityFailed", "TaskStateAborted", "ParallelStateFailed", "ExecutionFailed");
        List<Integer> prev = h.previousIds();
        int failedId = h.types().indexOf("ActivityFailed") + 1;
        assertThat(prev.subList(prev.size() - 3, prev.size())).containsExactly(failedId, failedId, failedId + 2);
    }

    /** The corpus' legacy Map case: MaxConcurrency 1, each iteration following the previous one's last state event. */
    @Test
    void inlineMapIterationsChainAsAwsRecordsThem() {
        Harness h = Harness.of("""
                {"StartAt":"MapState","States":{"MapState":{"Type":"Map","MaxConcurrency":1,"End":true,
                  "Iterator":{"StartAt":"HandleItem","States":{"HandleItem":{"Type":"Pass","End":true}}}}}}""")
                .start("[1,\"Hello\"]");
        assertThat(h.types()).containsExactly("ExecutionStarted", "MapStateEntered", "MapStateStarted",
                "MapIterationStarted", "PassStateEntered", "PassStateExited", "MapIterationSucceeded",
                "MapIterationStarted", "PassStateEntered", "PassStateExited", "MapIterationSucceeded",
                "MapStateSucceeded", "MapStateExited", "ExecutionSucceeded");
        assertThat(h.previousIds()).containsExactly(0, 0, 2, 3, 4, 5, 6, 6, 8, 9, 10, 11, 11, 13);
        assertThat(h.details(4).toString()).isEqualTo("{\"name\":\"MapState\",\"index\":0}");
        assertThat(h.details(3).toString()).isEqualTo("{\"length\":2}");
        assertThat(h.output()).isEqualTo("[1,\"Hello\"]");
    }

    @Test
    void itemSelectorSeesTheMapItemAndTheStateInput() {
        Harness h = Harness.of("""
                {"StartAt":"M","States":{"M":{"Type":"Map","ItemsPath":"$.items","ItemSelector":{
                  "i.$":"$$.Map.Item.Index","v.$":"$$.Map.Item.Value","all.$":"$.tag"},
                  "ItemProcessor":{"ProcessorConfig":{"Mode":"INLINE"},"StartAt":"I","States":{"I":{"Type":"Pass","End":true}}},
                  "End":true}}}""").start("{\"items\":[\"a\",\"b\"],\"tag\":\"t\"}");
        assertThat(h.output()).isEqualTo("[{\"i\":0,\"v\":\"a\",\"all\":\"t\"},{\"i\":1,\"v\":\"b\",\"all\":\"t\"}]");
    }

    @Test
    void maxConcurrencyBoundsTheIterationsInProgress() {
        Harness h = Harness.of("""
                {"StartAt":"M","States":{"M":{"Type":"Map","MaxConcurrency":2,
                  "ItemProcessor":{"StartAt":"W","States":{"W":{"Type":"Task","Resource":"ACTIVITY","End":true}}},
                  "End":true}}}""").start("[1,2,3,4,5]");
        List<String> done = new ArrayList<>();
        while (!h.offered.isEmpty()) {
            assertThat(h.offered.size()).isLessThanOrEqualTo(2);
            var task = h.offered.values().iterator().next();
            h.apply(new Trigger.ActivityTaskStarted(task.taskToken(), "w"));
            h.succeed(task.taskToken(), task.input().toString());
            done.add(task.input().toString());
        }
        assertThat(done).hasSize(5);
        assertThat(h.output()).isEqualTo("[1,2,3,4,5]");
    }

    @Test
    void aFailedIterationFailsAnInlineMapAndStopsTheOthers() {
        Harness h = Harness.of("""
                {"StartAt":"M","States":{"M":{"Type":"Map",
                  "ItemProcessor":{"StartAt":"W","States":{"W":{"Type":"Task","Resource":"ACTIVITY","End":true}}},
                  "Catch":[{"ErrorEquals":["States.ALL"],"Next":"Caught"}],"End":true},
                 "Caught":{"Type":"Pass","End":true}}}""").start("[1,2,3]");
        assertThat(h.offered).hasSize(3);
        var first = h.offered.values().iterator().next();
        h.apply(new Trigger.ActivityTaskStarted(first.taskToken(), "w"));
        h.fail(first.taskToken(), "ItemError", "bad item");
        assertThat(h.offered).isEmpty();
        assertThat(h.types()).contains("MapIterationFailed", "MapIterationAborted", "MapStateFailed", "MapStateExited");
        assertThat(h.output()).isEqualTo("{\"Error\":\"ItemError\",\"Cause\":\"bad item\"}");
    }

    @Test
    void anEmptyMapSucceedsAtOnce() {
        Harness h = Harness.of("""
                {"StartAt":"M","States":{"M":{"Type":"Map","ItemProcessor":{"StartAt":"I","States":{"I":{"Type":"Pass","End":true}}},
                  "End":true}}}""").start("[]");
        assertThat(h.types()).containsExactly("ExecutionStarted", "MapStateEntered", "MapStateStarted", "MapStateSucceeded",
                "MapStateExited", "ExecutionSucceeded");
        assertThat(h.previousIds()).containsExactly(0, 0, 2, 3, 3, 5);
        assertThat(h.output()).isEqualTo("[]");
    }

    @Test
    void aDistributedMapRecordsItsMapRunAndNotItsIterations() {
        Harness h = Harness.of("""
                {"StartAt":"M","States":{"M":{"Type":"Map","Label":"TestMap","ItemProcessor":{
                  "ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},
                  "StartAt":"I","States":{"I":{"Type":"Pass","End":true}}},"End":true}}}""").start("[\"Hello\",\"World\"]");
        assertThat(h.types()).containsExactly("ExecutionStarted", "MapStateEntered", "MapStateStarted", "MapRunStarted",
                "MapRunSucceeded", "MapStateSucceeded", "MapStateExited", "ExecutionSucceeded");
        assertThat(h.previousIds()).containsExactly(0, 0, 2, 3, 4, 5, 5, 7);
        assertThat(h.details(4).path("mapRunArn").asText())
                .matches("arn:aws:states:us-east-1:123456789012:mapRun:sm/TestMap:[0-9a-f-]{36}");
        assertThat(h.output()).isEqualTo("[\"Hello\",\"World\"]");
    }

    @Test
    void aDistributedMapToleratesFailuresUpToItsThreshold() {
        String def = """
                {"StartAt":"M","States":{"M":{"Type":"Map","ToleratedFailureCount":1,"ItemProcessor":{
                  "ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},
                  "StartAt":"C","States":{"C":{"Type":"Choice","Choices":[{"Variable":"$","NumericGreaterThan":1,"Next":"F"}],
                  "Default":"OK"},"OK":{"Type":"Pass","End":true},"F":{"Type":"Fail","Error":"TooBig"}}},"End":true}}}""";
        Harness tolerated = Harness.of(def).start("[1,2]");
        assertThat(tolerated.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        Harness exceeded = Harness.of(def).start("[1,2,3]");
        assertThat(exceeded.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(exceeded.snapshot.error).isEqualTo("States.ExceedToleratedFailureThreshold");
        assertThat(exceeded.types()).contains("MapRunFailed", "MapStateFailed");
    }

    @Test
    void mapConfigurationErrorsAreAwsWordedAndRecordedWhereAwsEvaluatesThem() {
        Harness concurrency = Harness.of("""
                {"StartAt":"MapState","States":{"MapState":{"Type":"Map","ItemsPath":"$.Values","MaxConcurrencyPath":"$.M",
                  "ItemProcessor":{"StartAt":"I","States":{"I":{"Type":"Pass","End":true}}},"End":true}}}""")
                .start("{\"M\":{},\"Values\":[1]}");
        assertThat(concurrency.types()).containsExactly("ExecutionStarted", "MapStateEntered", "ExecutionFailed");
        assertThat(concurrency.snapshot.cause).isEqualTo("An error occurred while executing the state 'MapState' (entered at "
                + "the event id #2). The MaxConcurrencyPath field refers to value \"{}\" which is not a valid integer: $.M");
        Harness tolerance = Harness.of("""
                {"StartAt":"MapState","States":{"MapState":{"Type":"Map","ItemsPath":"$.items","ToleratedFailurePercentagePath":"$.p",
                  "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},
                  "StartAt":"I","States":{"I":{"Type":"Pass","End":true}}},"End":true}}}""").start("{\"items\":[1],\"p\":-1}");
        assertThat(tolerance.snapshot.error).isEqualTo("States.Runtime");
        assertThat(tolerance.snapshot.cause).endsWith("ToleratedFailurePercentage must be between 0 and 100.");
    }
}
