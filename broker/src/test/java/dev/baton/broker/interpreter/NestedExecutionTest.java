package dev.baton.broker.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.broker.dataflow.Json;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * states:startExecution with its four patterns, and aws-sdk:sfn calls: the events, the output
 * shapes, the calls the broker is asked to make and close, and a child's report to its parent.
 */
class NestedExecutionTest {
    static final String CHILD_MACHINE = "arn:aws:states:us-east-1:123456789012:stateMachine:child";
    static final String CHILD = "arn:aws:states:us-east-1:123456789012:execution:child:kid";
    static final long STARTED = Harness.T0 + 10;

    static Harness parent(String pattern, String extra) {
        return Harness.of("""
                {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::states:startExecution%s",%s
                  "Parameters":{"StateMachineArn":"%s","Name.$":"$.name","Input.$":"$.input"},"End":true}}}"""
                .formatted(pattern, extra, CHILD_MACHINE));
    }

    static Trigger responded(Harness h) {
        ObjectNode response = Json.MAPPER.createObjectNode().put("ExecutionArn", CHILD).put("StartDate", STARTED);
        return new Trigger.ServiceResponded(token(h), response);
    }

    static String token(Harness h) {
        return h.calls.keySet().iterator().next();
    }

    static Trigger.ChildExecution child(String status, String output, String error, String cause) {
        return new Trigger.ChildExecution(CHILD, CHILD_MACHINE, "kid", status, STARTED, STARTED + 500,
                "{\"a\":1}", output, error, cause);
    }

    @Test
    void requestResponseSucceedsWithStartExecutionsResponse() {
        Harness h = parent("", "").start("{\"name\":\"kid\",\"input\":{\"a\":1}}");
        var start = (Command.StartChildExecution) h.calls.values().iterator().next();
        assertThat(start).isEqualTo(new Command.StartChildExecution(start.taskToken(), CHILD_MACHINE, "kid", "{\"a\":1}",
                null, false));
        JsonNode scheduled = h.details(3);
        assertThat(scheduled.path("resourceType").asText()).isEqualTo("states");
        assertThat(scheduled.path("resource").asText()).isEqualTo("startExecution");
        h.apply(responded(h));
        assertThat(h.types()).containsExactly("ExecutionStarted", "TaskStateEntered", "TaskScheduled", "TaskStarted",
                "TaskSucceeded", "TaskStateExited", "ExecutionSucceeded");
        assertThat(FunctionTaskTest.fieldNames(h.snapshot.output)).containsExactly("ExecutionArn", "SdkHttpMetadata",
                "SdkResponseMetadata", "StartDate");
        assertThat(h.snapshot.output.path("ExecutionArn").asText()).isEqualTo(CHILD);
        assertThat(h.snapshot.output.path("StartDate").asLong()).isEqualTo(STARTED);
        assertThat(h.closed).containsExactly(new Command.CloseCall(start.taskToken(), CHILD, false));
    }

    @Test
    void syncWaitsForTheChildAndReturnsDescribeExecutionWithTextInputAndOutput() {
        Harness h = parent(".sync", "").start("{\"name\":\"kid\",\"input\":{\"a\":1}}");
        assertThat(((Command.StartChildExecution) h.calls.values().iterator().next()).waitsForEnd()).isTrue();
        String token = token(h);
        h.apply(responded(h));
        assertThat(h.types()).endsWith("TaskScheduled", "TaskStarted", "TaskSubmitted");
        assertThat(h.details(5).path("output").asText()).contains("\"ExecutionArn\":\"" + CHILD + "\"");
        assertThat(h.closed).isEmpty();
        h.apply(new Trigger.ChildEnded(token, child("SUCCEEDED", "{\"r\":2}", null, null)));
        assertThat(h.types()).endsWith("TaskSubmitted", "TaskSucceeded", "TaskStateExited", "ExecutionSucceeded");
        assertThat(h.output()).isEqualTo("{\"ExecutionArn\":\"" + CHILD + "\",\"Input\":\"{\\\"a\\\":1}\","
                + "\"InputDetails\":{\"Included\":true},\"Name\":\"kid\",\"Output\":\"{\\\"r\\\":2}\","
                + "\"OutputDetails\":{\"Included\":true},\"RedriveCount\":0,\"RedriveStatus\":\"NOT_REDRIVABLE\","
                + "\"RedriveStatusReason\":\"Execution is SUCCEEDED and cannot be redriven\",\"StartDate\":" + STARTED
                + ",\"StateMachineArn\":\"" + CHILD_MACHINE + "\",\"Status\":\"SUCCEEDED\",\"StopDate\":" + (STARTED + 500) + "}");
        assertThat(h.closed).containsExactly(new Command.CloseCall(token, CHILD, false));
    }

    @Test
    void sync2ReturnsInputAndOutputAsJson() {
        Harness h = parent(".sync:2", "").start("{\"name\":\"kid\",\"input\":{\"a\":1}}");
        String token = token(h);
        h.apply(responded(h));
        h.apply(new Trigger.ChildEnded(token, child("SUCCEEDED", "{\"r\":2}", null, null)));
        assertThat(h.snapshot.output.path("Input").toString()).isEqualTo("{\"a\":1}");
        assertThat(h.snapshot.output.path("Output").toString()).isEqualTo("{\"r\":2}");
    }

    @Test
    void aFailedChildFailsTheTaskWithStatesTaskFailedAndItsDescriptionAsTheCause() {
        Harness h = parent(".sync", "").start("{\"name\":\"kid\",\"input\":{\"a\":1}}");
        String token = token(h);
        h.apply(responded(h));
        h.apply(new Trigger.ChildEnded(token, child("FAILED", null, "SomeFailure", "it broke")));
        assertThat(h.types()).endsWith("TaskSubmitted", "TaskFailed", "ExecutionFailed");
        assertThat(h.snapshot.error).isEqualTo("States.TaskFailed");
        assertThat(h.snapshot.cause).isEqualTo("{\"Cause\":\"it broke\",\"Error\":\"SomeFailure\",\"ExecutionArn\":\"" + CHILD
                + "\",\"Input\":\"{\\\"a\\\":1}\",\"InputDetails\":{\"Included\":true},\"Name\":\"kid\",\"StartDate\":"
                + STARTED + ",\"StateMachineArn\":\"" + CHILD_MACHINE + "\",\"Status\":\"FAILED\",\"StopDate\":"
                + (STARTED + 500) + "}");
    }

    @Test
    void aChildThatEndsBeforeItsStartIsHeardIsRecordedInAwssOrder() {
        Harness h = parent(".sync", "").start("{\"name\":\"kid\",\"input\":{\"a\":1}}");
        String token = token(h);
        Trigger late = responded(h);
        h.apply(new Trigger.ChildEnded(token, child("SUCCEEDED", "1", null, null)));
        assertThat(h.types()).containsExactly("ExecutionStarted", "TaskStateEntered", "TaskScheduled", "TaskStarted",
                "TaskSubmitted", "TaskSucceeded", "TaskStateExited", "ExecutionSucceeded");
        assertThat(h.apply(late).accepted()).as("the late start report is rejected").isFalse();
    }

    @Test
    void stoppingTheParentStopsTheChildItWaitsFor() {
        Harness h = parent(".sync", "").start("{\"name\":\"kid\",\"input\":{}}");
        String token = token(h);
        h.apply(responded(h));
        h.apply(new Trigger.Stop(null, null));
        assertThat(h.closed).containsExactly(new Command.CloseCall(token, CHILD, true));
    }

    @Test
    void aSyncTaskThatTimesOutStopsItsChild() {
        Harness h = parent(".sync", "\"TimeoutSeconds\":5,").start("{\"name\":\"kid\",\"input\":{}}");
        String token = token(h);
        h.apply(responded(h));
        h.fireNextTimer();
        assertThat(h.types()).endsWith("TaskSubmitted", "TaskTimedOut", "ExecutionFailed");
        assertThat(h.details(6).toString()).isEqualTo("{\"resourceType\":\"states\",\"resource\":\"startExecution.sync\","
                + "\"error\":\"States.Timeout\"}");
        assertThat(h.closed).containsExactly(new Command.CloseCall(token, CHILD, true));
    }

    @Test
    void aSyncTaskCompletedByItsTokenLeavesTheChildRunning() {
        Harness h = parent(".sync", "").start("{\"name\":\"kid\",\"input\":{}}");
        String token = token(h);
        h.apply(responded(h));
        h.succeed(token, "\"early\"");
        assertThat(h.output()).isEqualTo("\"early\"");
        assertThat(h.closed).containsExactly(new Command.CloseCall(token, CHILD, false));
    }

    @Test
    void waitForTaskTokenSubmitsTheStartAndWaitsForTheCallback() {
        Harness h = parent(".waitForTaskToken", "").start("{\"name\":\"kid\",\"input\":{}}");
        String token = token(h);
        h.apply(responded(h));
        assertThat(h.types()).endsWith("TaskStarted", "TaskSubmitted");
        h.succeed(token, "{\"done\":1}");
        assertThat(h.types()).endsWith("TaskSubmitted", "TaskSucceeded", "TaskStateExited", "ExecutionSucceeded");
        assertThat(h.output()).isEqualTo("{\"done\":1}");
    }

    @Test
    void aStartTheApiRefusesFailsTheTaskWithTheIntegrationsError() {
        Harness h = parent("", "").start("{\"name\":\"kid\",\"input\":null}");
        assertThat(((Command.StartChildExecution) h.calls.values().iterator().next()).input()).isEqualTo("{}");
        h.apply(new Trigger.ServiceFailed(token(h), "StepFunctions.StateMachineDoesNotExistException", "no such machine"));
        assertThat(h.types()).endsWith("TaskScheduled", "TaskStarted", "TaskFailed", "ExecutionFailed");
        assertThat(h.snapshot.error).isEqualTo("StepFunctions.StateMachineDoesNotExistException");
    }

    @Test
    void aChildWithoutANameGetsTheSameUuidWheneverTheDecisionIsMadeAgain() {
        String first = nameOfUnnamedChild();
        assertThat(first).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        assertThat(nameOfUnnamedChild()).isEqualTo(first);
    }

    private static String nameOfUnnamedChild() {
        Harness h = Harness.of("""
                {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::states:startExecution",
                  "Parameters":{"StateMachineArn":"%s"},"End":true}}}""".formatted(CHILD_MACHINE)).start("{}");
        return ((Command.StartChildExecution) h.calls.values().iterator().next()).name();
    }

    @Test
    void aChildTellsTheParentThatWaitsForItWhenItEnds() {
        Harness h = Harness.of("""
                {"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}""");
        h.snapshot = Interpreter.newExecution(7, CHILD, "kid", CHILD_MACHINE, "child", "r", Json.MAPPER.createObjectNode(),
                "{}", h.now);
        h.snapshot.parentExecutionId = 42L;
        h.snapshot.parentTaskToken = "parent-token";
        h.snapshot.parentWaits = true;
        h.apply(new Trigger.Start());
        assertThat(h.notified).containsExactly(new Command.NotifyParent(42L, "parent-token"));
    }

    @Test
    void aStartAbortedInTheDecisionThatAsksForItIsNeverMade() {
        Harness h = Harness.of("""
                {"StartAt":"P","States":{"P":{"Type":"Parallel","End":true,"Branches":[
                  {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::states:startExecution.sync",
                    "Parameters":{"StateMachineArn":"%s"},"End":true}}},
                  {"StartAt":"F","States":{"F":{"Type":"Fail","Error":"E"}}}]}}}""".formatted(CHILD_MACHINE)).start("{}");
        assertThat(h.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(h.last.commands()).noneMatch(c -> c instanceof Command.StartChildExecution || c instanceof Command.CloseCall);
    }

    @Test
    void anSdkCallAnswersWithTheApisResponse() {
        Harness h = Harness.of("""
                {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::aws-sdk:sfn:sendTaskSuccess",
                  "Parameters":{"TaskToken.$":"$.t","Output":"{}"},"End":true}}}""").start("{\"t\":\"x\"}");
        var call = (Command.CallApi) h.calls.values().iterator().next();
        assertThat(call.action()).isEqualTo("sendTaskSuccess");
        assertThat(call.parameters().toString()).isEqualTo("{\"TaskToken\":\"x\",\"Output\":\"{}\"}");
        assertThat(h.details(3).path("resourceType").asText()).isEqualTo("aws-sdk:sfn");
        assertThat(h.details(3).path("resource").asText()).isEqualTo("sendTaskSuccess");
        h.apply(new Trigger.ServiceResponded(call.taskToken(), Json.MAPPER.createObjectNode()));
        assertThat(h.types()).endsWith("TaskScheduled", "TaskStarted", "TaskSucceeded", "TaskStateExited", "ExecutionSucceeded");
        assertThat(h.output()).isEqualTo("{}");
    }

    @Test
    void anSdkCallsErrorFailsTheTask() {
        Harness h = Harness.of("""
                {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::aws-sdk:sfn:sendTaskFailure",
                  "Parameters":{"TaskToken":"nope"},"End":true}}}""").start("{}");
        h.apply(new Trigger.ServiceFailed(token(h), "Sfn.InvalidTokenException", "Invalid Token: 'Invalid token'"));
        assertThat(h.types()).endsWith("TaskStarted", "TaskFailed", "ExecutionFailed");
        assertThat(h.details(5).toString()).isEqualTo("{\"resourceType\":\"aws-sdk:sfn\",\"resource\":\"sendTaskFailure\","
                + "\"error\":\"Sfn.InvalidTokenException\",\"cause\":\"Invalid Token: 'Invalid token'\"}");
    }

    @Test
    void anSdkActionBatonDoesNotMakeFailsClearly() {
        Harness h = Harness.of("""
                {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::aws-sdk:sfn:listActivities",
                  "End":true}}}""").start("{}");
        assertThat(h.snapshot.error).isEqualTo("States.Runtime");
        assertThat(h.snapshot.cause).contains("aws-sdk:sfn:listActivities", "not supported", "sendTaskSuccess");
    }
}
