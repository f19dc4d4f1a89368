package dev.baton.broker.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.broker.dataflow.Json;
import dev.baton.broker.runtime.SnapshotCodec;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * RedriveExecution of Parallel and Map states (AWS: "reschedules and redrives only the iterations
 * and branches that failed or aborted"), recursively, each from the step it stopped in. The harness
 * passes every snapshot through the codec, so the tree kept at the failure is read back as from the
 * database before each redrive.
 */
class RedriveBranchesTest {

    /** A worker takes the task with this input and returns this output. */
    /** A worker completes the task with this input, wherever it is on offer (here or in a map run's child). */
    static void complete(Harness h, String input, String output) {
        Harness owner = h.offering(input);
        String token = owner.taskWithInput(input);
        owner.apply(new Trigger.ActivityTaskStarted(token, "worker"));
        owner.succeed(token, output);
    }

    static JsonNode tree(ExecutionSnapshot s) {
        return Json.MAPPER.valueToTree(s);
    }

    static void failTask(Harness h, String input, String error) {
        Harness owner = h.offering(input);
        String token = owner.taskWithInput(input);
        owner.apply(new Trigger.ActivityTaskStarted(token, "worker"));
        owner.fail(token, error, "it broke");
    }

    @Test
    void aParallelRunsAgainOnlyItsFailedBranchAndKeepsTheOthersOutputsInOrder() {
        Harness h = Harness.of("""
                {"StartAt":"P","States":{"P":{"Type":"Parallel","ResultPath":"$.r","End":true,"Branches":[
                  {"StartAt":"A","States":{"A":{"Type":"Task","Resource":"ACTIVITY","Parameters":{"task":"a"},"End":true}}},
                  {"StartAt":"B","States":{"B":{"Type":"Pass","Result":"b","End":true}}},
                  {"StartAt":"C","States":{"C":{"Type":"Task","Resource":"ACTIVITY","Parameters":{"task":"c"},"End":true}}}]}}}""")
                .start("{\"n\":1}");
        complete(h, "{\"task\":\"a\"}", "\"a\"");
        failTask(h, "{\"task\":\"c\"}", "Flaky");
        assertThat(h.status()).isEqualTo(ExecutionStatus.FAILED);
        int failedAt = h.snapshot.lastEventId;

        h.now += 60_000;
        h.redrive();
        assertThat(h.offeredInputs()).as("only the failed branch's task").containsExactly("{\"task\":\"c\"}");
        assertThat(h.typesAfter(failedAt)).containsExactly("ExecutionRedriven", "ParallelStateEntered",
                "ParallelStateStarted", "TaskStateEntered", "ActivityScheduled");
        int redriven = failedAt + 1;
        assertThat(h.previousIds().subList(redriven, redriven + 3)).as("the redriven part chains from ExecutionRedriven")
                .containsExactly(redriven, redriven + 1, redriven + 2);
        assertThat(h.details(redriven + 1).get("input").asText()).isEqualTo("{\"n\":1}");

        complete(h, "{\"task\":\"c\"}", "\"c\"");
        assertThat(h.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(h.output()).isEqualTo("{\"n\":1,\"r\":[\"a\",\"b\",\"c\"]}");
        assertThat(h.typesAfter(failedAt)).endsWith("ActivitySucceeded", "TaskStateExited", "ParallelStateSucceeded",
                "ParallelStateExited", "ExecutionSucceeded");
        assertThat(h.typesAfter(failedAt)).doesNotContain("PassStateEntered");
    }

    @Test
    void aMapRunsAgainOnlyItsFailedAndAbortedIterations() {
        Harness h = Harness.of("""
                {"StartAt":"M","States":{"M":{"Type":"Map","End":true,
                  "ItemProcessor":{"StartAt":"W","States":{"W":{"Type":"Task","Resource":"ACTIVITY","End":true}}}}}}""")
                .start("[0,1,2,3,4]");
        complete(h, "0", "\"r0\"");
        complete(h, "2", "\"r2\"");
        complete(h, "4", "\"r4\"");
        failTask(h, "1", "Flaky");
        assertThat(h.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(h.types()).contains("MapIterationFailed", "MapIterationAborted");
        int failedAt = h.snapshot.lastEventId;

        h.redrive();
        assertThat(h.offeredInputs()).as("the failed iteration and the aborted one").containsExactly("1", "3");
        assertThat(h.typesAfter(failedAt)).containsExactly("ExecutionRedriven", "MapStateEntered", "MapStateStarted",
                "MapIterationStarted", "TaskStateEntered", "ActivityScheduled",
                "MapIterationStarted", "TaskStateEntered", "ActivityScheduled");
        assertThat(h.details(failedAt + 3).toString()).as("MapStateStarted counts every item").isEqualTo("{\"length\":5}");
        assertThat(h.details(failedAt + 4).toString()).isEqualTo("{\"name\":\"M\",\"index\":1}");
        assertThat(h.details(failedAt + 7).toString()).isEqualTo("{\"name\":\"M\",\"index\":3}");

        complete(h, "3", "\"r3\"");
        complete(h, "1", "\"r1\"");
        assertThat(h.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(h.output()).isEqualTo("[\"r0\",\"r1\",\"r2\",\"r3\",\"r4\"]");
    }

    @Test
    void mapItemsNotStartedBeforeTheFailureRunAfterTheRedrivenOnesInItemOrder() {
        Harness h = Harness.of("""
                {"StartAt":"M","States":{"M":{"Type":"Map","MaxConcurrency":1,"End":true,
                  "ItemProcessor":{"StartAt":"W","States":{"W":{"Type":"Task","Resource":"ACTIVITY","End":true}}}}}}""")
                .start("[0,1,2,3]");
        complete(h, "0", "\"r0\"");
        failTask(h, "1", "Flaky");
        assertThat(h.status()).isEqualTo(ExecutionStatus.FAILED);

        h.redrive();
        StringBuilder order = new StringBuilder();
        while (!h.offered.isEmpty()) {
            assertThat(h.offered).as("MaxConcurrency still applies").hasSize(1);
            String input = h.offeredInputs().getFirst();
            order.append(input);
            complete(h, input, "\"r" + input + "\"");
        }
        assertThat(order.toString()).isEqualTo("123");
        assertThat(h.output()).isEqualTo("[\"r0\",\"r1\",\"r2\",\"r3\"]");
    }

    @Test
    void iterationsThatSucceededInTheSameStepAsTheFailureAreKept() {
        Harness h = Harness.of("""
                {"StartAt":"M","States":{"M":{"Type":"Map","End":true,"ItemProcessor":{"StartAt":"Check","States":{
                  "Check":{"Type":"Choice","Choices":[{"Variable":"$","NumericEquals":1,"Next":"Broken"}],"Default":"Done"},
                  "Broken":{"Type":"Fail","Error":"Broken","Cause":"item 1"},
                  "Done":{"Type":"Pass","End":true}}}}}}""").start("[0,1,2]");
        assertThat(h.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(h.types()).filteredOn("MapIterationSucceeded"::equals).hasSize(2);
        int failedAt = h.snapshot.lastEventId;

        h.redrive();
        assertThat(h.typesAfter(failedAt)).as("only item 1 runs again, from the step it failed in").containsExactly(
                "ExecutionRedriven", "MapStateEntered", "MapStateStarted",
                "MapIterationStarted", "FailStateEntered", "MapIterationFailed", "MapStateFailed", "ExecutionFailed");
        assertThat(h.details(failedAt + 4).toString()).isEqualTo("{\"name\":\"M\",\"index\":1}");
    }

    @Test
    void aFailedBranchContinuesFromTheStepThatFailedWithItsEarlierResultsAndVariables() {
        Harness h = Harness.of("""
                {"StartAt":"P","States":{"P":{"Type":"Parallel","End":true,"Branches":[
                  {"StartAt":"Prepare","States":{
                    "Prepare":{"Type":"Pass","Result":"ready","ResultPath":"$.prepared","Assign":{"ticket":42},"Next":"Count"},
                    "Count":{"Type":"Pass","Result":1,"ResultPath":"$.counted","Next":"Work"},
                    "Work":{"Type":"Task","Resource":"ACTIVITY","Parameters":{"prepared.$":"$.prepared","ticket.$":"$ticket"},
                            "Next":"After"},
                    "After":{"Type":"Pass","End":true}}},
                  {"StartAt":"Other","States":{"Other":{"Type":"Pass","Result":"other","End":true}}}]}}}""")
                .start("{\"n\":1}");
        failTask(h, "{\"prepared\":\"ready\",\"ticket\":42}", "Flaky");
        int failedAt = h.snapshot.lastEventId;

        h.redrive();
        assertThat(h.typesAfter(failedAt)).as("Prepare and Count are not run again").containsExactly("ExecutionRedriven",
                "ParallelStateEntered", "ParallelStateStarted", "TaskStateEntered", "ActivityScheduled");
        assertThat(h.details(failedAt + 4).get("name").asText()).isEqualTo("Work");
        assertThat(h.details(failedAt + 4).get("input").asText()).isEqualTo("{\"n\":1,\"prepared\":\"ready\",\"counted\":1}");
        complete(h, "{\"prepared\":\"ready\",\"ticket\":42}", "{\"done\":true}");
        assertThat(h.output()).isEqualTo("[{\"done\":true},\"other\"]");
    }

    @Test
    void aParallelInsideAMapIterationRunsAgainOnlyItsFailedBranch() {
        Harness h = Harness.of("""
                {"StartAt":"M","States":{"M":{"Type":"Map","End":true,"ItemProcessor":{"StartAt":"P","States":{
                  "P":{"Type":"Parallel","End":true,"Branches":[
                    {"StartAt":"Fixed","States":{"Fixed":{"Type":"Pass","Result":"fixed","End":true}}},
                    {"StartAt":"Work","States":{"Work":{"Type":"Task","Resource":"ACTIVITY","End":true}}}]}}}}}}""")
                .start("[0,1]");
        complete(h, "0", "\"w0\"");
        failTask(h, "1", "Flaky");
        int failedAt = h.snapshot.lastEventId;

        h.redrive();
        assertThat(h.offeredInputs()).containsExactly("1");
        assertThat(h.typesAfter(failedAt)).containsExactly("ExecutionRedriven", "MapStateEntered", "MapStateStarted",
                "MapIterationStarted", "ParallelStateEntered", "ParallelStateStarted", "TaskStateEntered",
                "ActivityScheduled");
        complete(h, "1", "\"w1\"");
        assertThat(h.output()).isEqualTo("[[\"fixed\",\"w0\"],[\"fixed\",\"w1\"]]");
    }

    @Test
    void aCatchlessFailureDeepInABranchIsContinuedThereAndNowhereElse() {
        Harness h = Harness.of("""
                {"StartAt":"Start","States":{
                  "Start":{"Type":"Pass","Result":{"items":[10,20,30]},"Next":"P"},
                  "P":{"Type":"Parallel","Next":"Finish","Branches":[
                    {"StartAt":"X","States":{"X":{"Type":"Task","Resource":"ACTIVITY","Parameters":{"x":true},"End":true}}},
                    {"StartAt":"Outer","States":{"Outer":{"Type":"Map","ItemsPath":"$.items","End":true,
                      "ItemProcessor":{"StartAt":"Inner","States":{"Inner":{"Type":"Parallel","End":true,"Branches":[
                        {"StartAt":"Double","States":{"Double":{"Type":"Task","Resource":"ACTIVITY","End":true}}},
                        {"StartAt":"Label","States":{"Label":{"Type":"Pass","Result":"l","End":true}}}]}}}}}}]},
                  "Finish":{"Type":"Pass","End":true}}}""").start("{}");
        complete(h, "10", "20");
        complete(h, "{\"x\":true}", "\"x\"");
        complete(h, "30", "60");
        failTask(h, "20", "Overflow");
        assertThat(h.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(h.snapshot.error).isEqualTo("Overflow");
        int failedAt = h.snapshot.lastEventId;

        h.redrive();
        assertThat(h.offeredInputs()).containsExactly("20");
        assertThat(h.typesAfter(failedAt)).containsExactly("ExecutionRedriven", "ParallelStateEntered",
                "ParallelStateStarted", "MapStateEntered", "MapStateStarted", "MapIterationStarted",
                "ParallelStateEntered", "ParallelStateStarted", "TaskStateEntered", "ActivityScheduled");
        complete(h, "20", "40");
        assertThat(h.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(h.output()).isEqualTo("[\"x\",[[20,\"l\"],[40,\"l\"],[60,\"l\"]]]");
    }

    @Test
    void retriesOfARedrivenStateStartAgainFromZero() {
        Harness h = Harness.of("""
                {"StartAt":"P","States":{"P":{"Type":"Parallel","End":true,"Branches":[
                  {"StartAt":"W","States":{"W":{"Type":"Task","Resource":"ACTIVITY","End":true,
                    "Retry":[{"ErrorEquals":["Flaky"],"MaxAttempts":1,"IntervalSeconds":5}]}}}]}}}""").start("1");
        failTask(h, "1", "Flaky");
        h.fireNextTimer();
        failTask(h, "1", "Flaky");
        assertThat(h.status()).as("the retry is spent").isEqualTo(ExecutionStatus.FAILED);

        h.redrive();
        failTask(h, "1", "Flaky");
        assertThat(h.status()).as("a redriven state has its retries again").isEqualTo(ExecutionStatus.RUNNING);
        assertThat(h.fireNextTimer()).isEqualTo(5_000);
        complete(h, "1", "\"ok\"");
        assertThat(h.output()).isEqualTo("[\"ok\"]");
    }

    @Test
    void theExecutionTimeoutCountsAfreshFromTheRedrive() {
        Harness h = Harness.of("""
                {"TimeoutSeconds":30,"StartAt":"P","States":{"P":{"Type":"Parallel","End":true,"Branches":[
                  {"StartAt":"W","States":{"W":{"Type":"Task","Resource":"ACTIVITY","End":true}}}]}}}""").start("1");
        h.now += 10_000;
        failTask(h, "1", "Flaky");
        assertThat(h.timers).isEmpty();
        h.now += 3_600_000;
        h.redrive();
        assertThat(h.timers.values()).containsExactly(h.now + 30_000);
        h.fireNextTimer();
        assertThat(h.status()).isEqualTo(ExecutionStatus.TIMED_OUT);
    }

    @Test
    void aStoppedExecutionContinuesTheBranchesThatWereStillRunning() {
        Harness h = Harness.of("""
                {"StartAt":"P","States":{"P":{"Type":"Parallel","End":true,"Branches":[
                  {"StartAt":"A","States":{"A":{"Type":"Task","Resource":"ACTIVITY","Parameters":{"task":"a"},"End":true}}},
                  {"StartAt":"B","States":{"B":{"Type":"Task","Resource":"ACTIVITY","Parameters":{"task":"b"},"End":true}}}]}}}""")
                .start("{}");
        complete(h, "{\"task\":\"a\"}", "\"a\"");
        h.apply(new Trigger.Stop("Cancelled", "by an operator"));
        assertThat(h.status()).isEqualTo(ExecutionStatus.ABORTED);
        assertThat(h.offered).isEmpty();

        h.redrive();
        assertThat(h.offeredInputs()).containsExactly("{\"task\":\"b\"}");
        complete(h, "{\"task\":\"b\"}", "\"b\"");
        assertThat(h.output()).isEqualTo("[\"a\",\"b\"]");
    }

    @Test
    void aParallelThatFailedWithDataLimitExceededRunsAgainWhole() {
        String big = "x".repeat(300 * 1024);
        Harness h = Harness.of("""
                {"StartAt":"P","States":{"P":{"Type":"Parallel","End":true,"Branches":[
                  {"StartAt":"A","States":{"A":{"Type":"Pass","Result":"a","End":true}}},
                  {"StartAt":"Big","States":{"Big":{"Type":"Pass","Assign":{"big.$":"$.big"},"End":true}}}]}}}""")
                .start("{\"big\":\"" + big + "\"}");
        assertThat(h.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(h.snapshot.error).isEqualTo("States.DataLimitExceeded");
        int failedAt = h.snapshot.lastEventId;

        h.redrive();
        assertThat(h.typesAfter(failedAt)).as("AWS reruns the whole state, the successful branch too")
                .contains("PassStateEntered", "PassStateExited")
                .filteredOn("PassStateEntered"::equals).hasSize(2);
    }

    @Test
    void aFailureOfTheParallelsOwnOutputRunsTheWholeStateAgain() {
        Harness h = Harness.of("""
                {"StartAt":"P","States":{"P":{"Type":"Parallel","ResultSelector":{"first.$":"$[0].missing"},"End":true,
                  "Branches":[{"StartAt":"A","States":{"A":{"Type":"Task","Resource":"ACTIVITY","End":true}}}]}}}""")
                .start("1");
        complete(h, "1", "{}");
        assertThat(h.status()).isEqualTo(ExecutionStatus.FAILED);
        h.redrive();
        assertThat(h.offeredInputs()).as("no branch failed: all run again").containsExactly("1");
    }

    @Test
    void aDistributedMapRedrivesItsMapRunWithTheSameArnAndOnlyTheChildThatFailed() {
        Harness h = Harness.of("""
                {"StartAt":"M","States":{"M":{"Type":"Map","End":true,"ItemProcessor":{
                  "ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},
                  "StartAt":"W","States":{"W":{"Type":"Task","Resource":"ACTIVITY","End":true}}}}}}""")
                .start("[0,1,2]");
        assertThat(h.allOfferedInputs()).containsExactly("0", "1", "2");
        complete(h, "0", "\"r0\"");
        complete(h, "2", "\"r2\"");
        failTask(h, "1", "Flaky");
        assertThat(h.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(h.snapshot.error).isEqualTo("States.ExceedToleratedFailureThreshold");
        String mapRunArn = h.details(h.lastIdOf("MapRunStarted")).get("mapRunArn").asText();
        Harness failed = h.children().get(1);
        assertThat(failed.status()).isEqualTo(ExecutionStatus.FAILED);
        int failedAt = h.snapshot.lastEventId;

        h.redrive();
        assertThat(h.childCalls.getLast()).isEqualTo(new Command.RedriveMapRunChild(failed.parentToken, mapRunArn,
                failed.snapshot.executionArn, Harness.T0));
        assertThat(h.children()).as("no new child: the failed one is redriven").hasSize(3);
        assertThat(failed.snapshot.redriveCount).isEqualTo(1);
        assertThat(h.allOfferedInputs()).containsExactly("1");
        assertThat(h.typesAfter(failedAt)).containsExactly("ExecutionRedriven", "MapStateEntered", "MapStateStarted",
                "MapRunRedriven");
        assertThat(h.details(failedAt + 4).get("mapRunArn").asText()).isEqualTo(mapRunArn);
        assertThat(h.details(failedAt + 4).get("redriveCount").asInt()).isEqualTo(1);
        assertThat(h.mapRun().redriveCount()).isEqualTo(1);
        assertThat(h.mapRun().itemCounts().running()).isEqualTo(1);
        complete(h, "1", "\"r1\"");
        assertThat(h.output()).isEqualTo("[\"r0\",\"r1\",\"r2\"]");
        assertThat(h.types()).endsWith("MapRunSucceeded", "MapStateSucceeded", "MapStateExited", "ExecutionSucceeded");
        assertThat(failed.types()).endsWith("ActivityFailed", "ExecutionFailed", "ExecutionRedriven", "TaskStateEntered",
                "ActivityScheduled", "ActivityStarted", "ActivitySucceeded", "TaskStateExited", "ExecutionSucceeded");
        assertThat(h.mapRun().status()).isEqualTo("SUCCEEDED");
        assertThat(h.mapRun().itemCounts().succeeded()).isEqualTo(3);
    }

    @Test
    void aSecondRedriveContinuesFromTheSecondFailure() {
        Harness h = Harness.of("""
                {"StartAt":"M","States":{"M":{"Type":"Map","MaxConcurrency":2,"End":true,
                  "ItemProcessor":{"StartAt":"W","States":{"W":{"Type":"Task","Resource":"ACTIVITY","End":true}}}}}}""")
                .start("[0,1,2,3]");
        failTask(h, "0", "Flaky");
        h.redrive();
        assertThat(h.offeredInputs()).containsExactly("0", "1");
        complete(h, "0", "\"r0\"");
        failTask(h, "2", "Flaky");
        assertThat(h.status()).isEqualTo(ExecutionStatus.FAILED);

        h.redrive();
        assertThat(h.snapshot.redriveCount).isEqualTo(2);
        assertThat(h.offeredInputs()).containsExactly("1", "2");
        complete(h, "1", "\"r1\"");
        complete(h, "2", "\"r2\"");
        complete(h, "3", "\"r3\"");
        assertThat(h.output()).isEqualTo("[\"r0\",\"r1\",\"r2\",\"r3\"]");
    }

    @Test
    void theKeptTreeSurvivesTheCodecAndCopiesAreIndependent() {
        Harness h = Harness.of("""
                {"StartAt":"P","States":{"P":{"Type":"Parallel","End":true,"Branches":[
                  {"StartAt":"A","States":{"A":{"Type":"Pass","Result":"a","End":true}}},
                  {"StartAt":"M","States":{"M":{"Type":"Map","End":true,"ItemProcessor":{"StartAt":"W","States":{
                    "W":{"Type":"Task","Resource":"ACTIVITY","End":true}}}}}}]}}}""").start("[1,2]");
        complete(h, "1", "\"r1\"");
        failTask(h, "2", "Flaky");
        ExecutionSnapshot failed = h.snapshot;
        RunState kept = failed.redriveRun;
        assertThat(kept.state).isEqualTo("P");
        assertThat(Json.write(kept.stoppedFork.results.get(0))).isEqualTo("\"a\"");
        RunState branch = kept.stoppedFork.unsuccessful.get(1);
        assertThat(branch.state).isEqualTo("M");
        assertThat(Json.write(branch.stoppedFork.results.get(0))).isEqualTo("\"r1\"");
        assertThat(branch.stoppedFork.unsuccessful.get(1).state).isEqualTo("W");

        ExecutionSnapshot decoded = SnapshotCodec.decode(SnapshotCodec.encode(failed));
        assertThat(tree(decoded)).isEqualTo(tree(failed));

        ExecutionSnapshot copy = failed.copy();
        assertThat(tree(copy)).isEqualTo(tree(failed));
        copy.redriveRun.stoppedFork.unsuccessful.get(1).stoppedFork.results.clear();
        copy.redriveRun.stoppedFork.results.clear();
        assertThat(branch.stoppedFork.results).hasSize(1);
        assertThat(kept.stoppedFork.results).hasSize(1);
    }

    @Test
    void anExecutionKeptByAnEarlierVersionIsStillRedrivenFromItsTopLevelState() {
        Harness h = Harness.of("""
                {"StartAt":"W","States":{"W":{"Type":"Task","Resource":"ACTIVITY","End":true}}}""").start("5");
        failTask(h, "5", "Flaky");
        ExecutionSnapshot old = h.snapshot;
        old.redriveState = old.redriveRun.state;
        old.redriveInput = old.redriveRun.stateInput;
        old.redriveRun = null;
        h.snapshot = SnapshotCodec.decode(SnapshotCodec.encode(old));
        assertThat(Redrives.notRedrivableReason(h.snapshot, h.now)).isNull();
        h.redrive();
        assertThat(h.offeredInputs()).containsExactly("5");
    }
}
