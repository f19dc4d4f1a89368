package dev.baton.broker.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.broker.dataflow.Json;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A distributed Map's map run with child executions: the commands that start, redrive and stop the
 * children, the children's own histories, MaxConcurrency, tolerated failures, UpdateMapRun, stops
 * and aborts, and the map run's record.
 */
class MapRunTest {
    static final String PREFIX = "arn:aws:states:us-east-1:123456789012:";

    /** A distributed Map over the input whose children wait for an activity task with the item. */
    static Harness waiting(String settings) {
        return Harness.of("""
                {"StartAt":"M","States":{"M":{"Type":"Map","Label":"Fan",%s"End":true,"ItemProcessor":{
                  "ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},
                  "StartAt":"W","States":{"W":{"Type":"Task","Resource":"ACTIVITY","End":true}}}}}}""".formatted(settings));
    }

    static List<Command.StartMapRunChild> starts(Harness h) {
        return h.childCalls.stream().filter(c -> c instanceof Command.StartMapRunChild)
                .map(c -> (Command.StartMapRunChild) c).toList();
    }

    static void complete(Harness h, String input, String output) {
        RedriveBranchesTest.complete(h, input, output);
    }

    @Test
    void eachItemRunsAsAChildExecutionNamedAsAwsNamesMapRunChildren() {
        Harness h = Harness.of("""
                {"StartAt":"M","States":{"M":{"Type":"Map","Label":"Fan","End":true,
                  "ItemSelector":{"value.$":"$$.Map.Item.Value","index.$":"$$.Map.Item.Index"},
                  "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},
                  "StartAt":"P","States":{"P":{"Type":"Pass","Parameters":{"in.$":"$","name.$":"$$.StateMachine.Name"},
                  "End":true}}}}}}""").start("[\"a\",\"b\"]");
        assertThat(h.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        String mapRunArn = h.details(4).path("mapRunArn").asText();
        assertThat(mapRunArn).matches(PREFIX.replace(".", "\\.") + "mapRun:sm/Fan:[0-9a-f-]{36}");
        List<Command.StartMapRunChild> starts = starts(h);
        assertThat(starts).hasSize(2);
        Command.StartMapRunChild first = starts.getFirst();
        assertThat(first.executionArn()).matches(PREFIX.replace(".", "\\.") + "execution:sm/Fan:[0-9a-f-]{36}");
        assertThat(first.executionArn()).endsWith(":" + first.name());
        assertThat(first.stateMachineArn()).isEqualTo(PREFIX + "stateMachine:sm/Fan");
        assertThat(first.stateMachineName()).isEqualTo("sm/Fan");
        assertThat(first.mapRunArn()).isEqualTo(mapRunArn);
        assertThat(first.processorPath()).isEqualTo("/States/M/ItemProcessor");
        assertThat(first.input()).isEqualTo("{\"value\":\"a\",\"index\":0}");
        assertThat(starts.get(1).name()).isNotEqualTo(first.name());

        Harness child = h.children().getFirst();
        assertThat(child.types()).containsExactly("ExecutionStarted", "PassStateEntered", "PassStateExited",
                "ExecutionSucceeded");
        assertThat(child.snapshot.mapRunArn).isEqualTo(mapRunArn);
        assertThat(h.output()).isEqualTo("[{\"in\":{\"value\":\"a\",\"index\":0},\"name\":\"sm/Fan\"},"
                + "{\"in\":{\"value\":\"b\",\"index\":1},\"name\":\"sm/Fan\"}]");
        // The parent records the map run, not the iterations.
        assertThat(h.types()).containsExactly("ExecutionStarted", "MapStateEntered", "MapStateStarted", "MapRunStarted",
                "MapRunSucceeded", "MapStateSucceeded", "MapStateExited", "ExecutionSucceeded");
        assertThat(h.closed).extracting(Command.CloseCall::childArn)
                .containsExactlyInAnyOrder(first.executionArn(), starts.get(1).executionArn());
        MapRunRecord run = h.mapRun();
        assertThat(run.status()).isEqualTo("SUCCEEDED");
        assertThat(run.stopDate()).isEqualTo(Harness.T0);
        assertThat(run.itemCounts()).isEqualTo(new MapRunRecord.Counts(0, 0, 2, 0, 0, 0, 2, 0, 0, 0));
        assertThat(run.executionCounts()).isEqualTo(new MapRunRecord.Counts(0, 0, 2, 0, 0, 0, 2, 0, 0, 0));
    }

    @Test
    void maxConcurrencyStartsTheNextChildAsAnotherEnds() {
        Harness h = waiting("\"MaxConcurrency\":2,").start("[0,1,2,3,4]");
        assertThat(starts(h)).hasSize(2);
        assertThat(h.allOfferedInputs()).containsExactly("0", "1");
        MapRunRecord run = h.mapRun();
        assertThat(run.maxConcurrency()).isEqualTo(2);
        assertThat(run.itemCounts()).isEqualTo(new MapRunRecord.Counts(3, 2, 0, 0, 0, 0, 5, 0, 0, 0));
        assertThat(run.executionCounts()).isEqualTo(new MapRunRecord.Counts(0, 2, 0, 0, 0, 0, 2, 0, 0, 0));
        complete(h, "1", "\"r1\"");
        assertThat(h.allOfferedInputs()).containsExactly("0", "2");
        complete(h, "0", "\"r0\"");
        complete(h, "2", "\"r2\"");
        complete(h, "3", "\"r3\"");
        assertThat(h.allOfferedInputs()).containsExactly("4");
        complete(h, "4", "\"r4\"");
        assertThat(h.output()).isEqualTo("[\"r0\",\"r1\",\"r2\",\"r3\",\"r4\"]");
        assertThat(starts(h)).hasSize(5);
    }

    @Test
    void startsAreHeardAndCountedAsRunningChildren() {
        Harness h = waiting("\"MaxConcurrency\":1,");
        h.runChildren = false;
        h.start("[0,1]");
        Command.StartMapRunChild start = starts(h).getFirst();
        assertThat(h.mapRun().executionCounts().pending()).as("asked, not yet started").isEqualTo(1);
        h.apply(new Trigger.ServiceResponded(start.taskToken(), Json.MAPPER.createObjectNode()
                .put("ExecutionArn", start.executionArn()).put("StartDate", Harness.T0)));
        assertThat(h.mapRun().executionCounts().running()).isEqualTo(1);
        // The same decision made again gives the same child: a start made again after a crash names the same execution.
        Harness again = waiting("\"MaxConcurrency\":1,");
        again.runChildren = false;
        again.start("[0,1]");
        assertThat(starts(again).getFirst()).isEqualTo(start);
    }

    @Test
    void toleratedFailuresAreCountedAndLeaveTheirErrorOutputInTheResult() {
        Harness h = Harness.of("""
                {"StartAt":"M","States":{"M":{"Type":"Map","ToleratedFailureCount":1,"End":true,"ItemProcessor":{
                  "ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},
                  "StartAt":"C","States":{"C":{"Type":"Choice","Choices":[{"Variable":"$","NumericGreaterThan":1,"Next":"F"}],
                  "Default":"OK"},"OK":{"Type":"Pass","End":true},"F":{"Type":"Fail","Error":"TooBig","Cause":"too big"}}}}}}""")
                .start("[1,2]");
        assertThat(h.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(h.output()).isEqualTo("[1,{\"Error\":\"TooBig\",\"Cause\":\"too big\"}]");
        assertThat(h.children().get(1).types()).containsExactly("ExecutionStarted", "ChoiceStateEntered",
                "ChoiceStateExited", "FailStateEntered", "ExecutionFailed");
        assertThat(h.mapRun().itemCounts()).isEqualTo(new MapRunRecord.Counts(0, 0, 1, 1, 0, 0, 2, 0, 0, 0));
        assertThat(h.mapRun().toleratedFailureCount()).isEqualTo(1);
    }

    @Test
    void failuresOverTheToleranceAbortTheRunningChildrenAndFailTheMapRun() {
        Harness h = waiting("\"ToleratedFailurePercentage\":25,").start("[0,1,2,3]");
        RedriveBranchesTest.failTask(h, "0", "Boom");
        assertThat(h.status()).as("1 of 4 is within 25%").isEqualTo(ExecutionStatus.RUNNING);
        RedriveBranchesTest.failTask(h, "1", "Boom");
        assertThat(h.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(h.snapshot.error).isEqualTo("States.ExceedToleratedFailureThreshold");
        assertThat(h.types()).endsWith("MapRunStarted", "MapRunFailed", "MapStateFailed", "ExecutionFailed");
        assertThat(h.children().get(2).status()).isEqualTo(ExecutionStatus.ABORTED);
        assertThat(h.children().get(3).status()).isEqualTo(ExecutionStatus.ABORTED);
        assertThat(h.calls).as("no child call is left open").isEmpty();
        MapRunRecord run = h.mapRun();
        assertThat(run.status()).isEqualTo("FAILED");
        assertThat(run.toleratedFailurePercentage()).isEqualByComparingTo(BigDecimal.valueOf(25));
        assertThat(run.itemCounts()).isEqualTo(new MapRunRecord.Counts(0, 0, 0, 2, 0, 2, 4, 0, 0, 0));
    }

    @Test
    void stoppingTheParentAbortsTheMapRunsRunningChildren() {
        Harness h = waiting("\"MaxConcurrency\":2,").start("[0,1,2]");
        h.apply(new Trigger.Stop("Stopped", "by the test"));
        assertThat(h.status()).isEqualTo(ExecutionStatus.ABORTED);
        assertThat(h.types()).endsWith("MapRunStarted", "ExecutionAborted");
        assertThat(h.children()).hasSize(2).allSatisfy(c -> assertThat(c.status()).isEqualTo(ExecutionStatus.ABORTED));
        assertThat(h.calls).isEmpty();
        assertThat(h.mapRun().status()).isEqualTo("ABORTED");
        assertThat(h.mapRun().itemCounts()).isEqualTo(new MapRunRecord.Counts(1, 0, 0, 0, 0, 2, 3, 0, 0, 0));

        // Redriven, the aborted children are redriven and the unstarted item is started.
        h.redrive();
        assertThat(h.childCalls.subList(2, h.childCalls.size())).extracting(c -> c.getClass().getSimpleName())
                .containsExactly("RedriveMapRunChild", "RedriveMapRunChild");
        assertThat(h.mapRun().itemCounts().pendingRedrive()).isZero();
        assertThat(h.mapRun().itemCounts().pending()).isEqualTo(1);
        complete(h, "0", "0");
        assertThat(h.childCalls.getLast()).isInstanceOf(Command.StartMapRunChild.class);
        complete(h, "1", "1");
        complete(h, "2", "2");
        assertThat(h.output()).isEqualTo("[0,1,2]");
        assertThat(h.mapRun().redriveCount()).isEqualTo(1);
        assertThat(h.mapRun().redriveDate()).isEqualTo(Harness.T0);
    }

    @Test
    void aRedrivenMapRunShowsTheFailedItemsNotYetRedrivenAsPendingRedrive() {
        Harness h = waiting("\"MaxConcurrency\":1,\"ToleratedFailureCount\":1,").start("[0,1,2]");
        RedriveBranchesTest.failTask(h, "0", "Boom");
        RedriveBranchesTest.failTask(h, "1", "Boom");
        assertThat(h.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(h.mapRun().itemCounts()).isEqualTo(new MapRunRecord.Counts(1, 0, 0, 2, 0, 0, 3, 0, 0, 0));
        h.runChildren = false;
        h.redrive();
        // Item 0's child is being redriven, item 1's waits for room, item 2 has never started.
        assertThat(h.mapRun().itemCounts()).isEqualTo(new MapRunRecord.Counts(1, 1, 0, 0, 0, 0, 3, 0, 0, 1));
        assertThat(h.mapRun().status()).isEqualTo("RUNNING");
        assertThat(h.mapRun().stopDate()).isZero();
    }

    @Test
    void aSiblingsFailureAbortsTheMapRunWithMapRunAborted() {
        Harness h = Harness.of("""
                {"StartAt":"P","States":{"P":{"Type":"Parallel","End":true,"Branches":[
                  {"StartAt":"M","States":{"M":{"Type":"Map","End":true,"ItemProcessor":{
                    "ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"EXPRESS"},
                    "StartAt":"W","States":{"W":{"Type":"Task","Resource":"ACTIVITY","End":true}}}}}},
                  {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"ACTIVITY","End":true}}}]}}}""")
                .start("[1]");
        Command.StartMapRunChild start = starts(h).getFirst();
        assertThat(start.processorPath()).isEqualTo("/States/P/Branches/0/States/M/ItemProcessor");
        assertThat(h.children()).as("an EXPRESS processor runs as a child execution too").hasSize(1);
        String branchTask = h.taskWithInput("[1]");
        h.apply(new Trigger.ActivityTaskStarted(branchTask, "w"));
        h.fail(branchTask, "Boom", "sibling failed");
        assertThat(h.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(h.types()).contains("MapRunAborted", "MapStateAborted");
        assertThat(h.types().indexOf("MapRunAborted")).isLessThan(h.types().indexOf("MapStateAborted"));
        assertThat(h.children().getFirst().status()).isEqualTo(ExecutionStatus.ABORTED);
        assertThat(h.mapRun().status()).isEqualTo("ABORTED");
    }

    @Test
    void updateMapRunRaisesMaxConcurrencyAndAppliesANewTolerance() {
        Harness h = waiting("\"MaxConcurrency\":1,\"ToleratedFailureCount\":5,").start("[0,1,2,3]");
        String mapRunArn = h.mapRun().mapRunArn();
        assertThat(h.allOfferedInputs()).containsExactly("0");
        h.apply(new Trigger.MapRunUpdate(mapRunArn, 3, null, null));
        assertThat(h.last.accepted()).isTrue();
        assertThat(h.allOfferedInputs()).containsExactly("0", "1", "2");
        assertThat(h.mapRun().maxConcurrency()).isEqualTo(3);
        RedriveBranchesTest.failTask(h, "0", "Boom");
        assertThat(h.status()).isEqualTo(ExecutionStatus.RUNNING);
        h.apply(new Trigger.MapRunUpdate(mapRunArn, null, 0L, null));
        assertThat(h.status()).as("1 failure is over the new tolerance of 0").isEqualTo(ExecutionStatus.FAILED);
        assertThat(h.snapshot.error).isEqualTo("States.ExceedToleratedFailureThreshold");
        assertThat(h.mapRun().toleratedFailureCount()).isZero();

        h.apply(new Trigger.MapRunUpdate(mapRunArn, 2, null, null));
        assertThat(h.last.rejection().errorName()).isEqualTo("ValidationException");
        assertThat(h.last.rejection().message()).contains(mapRunArn).contains("not running");
    }

    @Test
    void aChildThatCannotStartFailsItsItem() {
        Harness h = waiting("\"ToleratedFailureCount\":1,");
        h.runChildren = false;
        h.start("[0,1]");
        Command.StartMapRunChild first = starts(h).getFirst();
        h.apply(new Trigger.ServiceFailed(first.taskToken(), "InvalidExecutionInput", "bad input"));
        assertThat(h.status()).isEqualTo(ExecutionStatus.RUNNING);
        assertThat(h.mapRun().itemCounts().failed()).isEqualTo(1);
        assertThat(h.mapRun().executionCounts().failed()).as("no child exists for it").isZero();
        assertThat(h.closed).extracting(Command.CloseCall::taskToken).contains(first.taskToken());
    }

    @Test
    void aRedriveOfAChildThatNeverStartedStartsIt() {
        Harness h = waiting("");
        h.runChildren = false;
        h.start("[0]");
        Command.StartMapRunChild first = starts(h).getFirst();
        h.apply(new Trigger.Stop(null, null));
        h.redrive();
        var redrive = (Command.RedriveMapRunChild) h.childCalls.getLast();
        h.apply(new Trigger.ServiceFailed(redrive.taskToken(), "ExecutionDoesNotExist", "no such execution"));
        assertThat(h.childCalls.getLast()).isEqualTo(first);
    }

    @Test
    void aLateStartReportAfterTheChildEndedIsRejected() {
        Harness h = waiting("");
        h.runChildren = false;
        h.start("[0]");
        Command.StartMapRunChild start = starts(h).getFirst();
        h.apply(new Trigger.ChildEnded(start.taskToken(), new Trigger.ChildExecution(start.executionArn(),
                start.stateMachineArn(), start.name(), "SUCCEEDED", Harness.T0, Harness.T0, "0", "\"done\"", null, null)));
        assertThat(h.output()).isEqualTo("[\"done\"]");
        Decision late = h.apply(new Trigger.ServiceResponded(start.taskToken(), Json.MAPPER.createObjectNode()));
        assertThat(late.accepted()).isFalse();
    }

    @Test
    void aNestedDistributedMapNamesItsMapRunAfterTheStateMachine() {
        Harness h = Harness.of("""
                {"StartAt":"Outer","States":{"Outer":{"Type":"Map","Label":"Out","End":true,"ItemProcessor":{
                  "ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},
                  "StartAt":"Inner","States":{"Inner":{"Type":"Map","Label":"In","End":true,"ItemProcessor":{
                    "ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},
                    "StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}}}}}}}""").start("[[1,2],[3]]");
        assertThat(h.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(h.output()).isEqualTo("[[1,2],[3]]");
        Harness outerChild = h.children().getFirst();
        JsonNode innerRun = outerChild.details(4);
        assertThat(innerRun.path("mapRunArn").asText()).startsWith(PREFIX + "mapRun:sm/In:");
        Command.StartMapRunChild grandchild = starts(outerChild).getFirst();
        assertThat(grandchild.processorPath()).isEqualTo("/States/Outer/ItemProcessor/States/Inner/ItemProcessor");
        assertThat(grandchild.executionArn()).startsWith(PREFIX + "execution:sm/In:");
    }

    @Test
    void aChildThatOutgrowsItsHistoryFailsOnItsOwnLimit() {
        Harness h = Harness.of("""
                {"StartAt":"M","States":{"M":{"Type":"Map","ToleratedFailureCount":1,"End":true,"ItemProcessor":{
                  "ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},
                  "StartAt":"A","States":{"A":{"Type":"Pass","Next":"B"},
                  "B":{"Type":"Choice","Choices":[{"Variable":"$.done","IsPresent":true,"Next":"Done"}],"Default":"A"},
                  "Done":{"Type":"Succeed"}}}}}}""").start("[{},{\"done\":1}]");
        assertThat(h.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        Harness looping = h.children().getFirst();
        assertThat(looping.snapshot.error).isEqualTo("States.Runtime");
        assertThat(looping.history).hasSize(Decider.MAX_HISTORY_EVENTS);
        assertThat(h.output()).startsWith("[{\"Error\":\"States.Runtime\"");
    }
}
