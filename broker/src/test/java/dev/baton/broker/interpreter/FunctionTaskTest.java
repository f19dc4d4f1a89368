package dev.baton.broker.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Task states run by function workers: a Lambda function ARN (LambdaFunction* events) and
 * arn:aws:states:::lambda:invoke with its waitForTaskToken form (Task* events, Invoke's response).
 */
class FunctionTaskTest {
    static final String QUEUE = "arn:aws:lambda:us-east-1:123456789012:function:charge";

    @Test
    void aFunctionArnTaskRunsOnTheFunctionsQueueWithLambdasEvents() {
        Harness h = Harness.of("""
                {"StartAt":"T","States":{"T":{"Type":"Task",
                  "Resource":"arn:aws:lambda:eu-west-1:111111111111:function:charge:prod","End":true}}}""")
                .start("{\"amount\":5}");
        String token = h.task();
        assertThat(h.offered.get(token).activityArn()).as("found by name in the broker's region and account")
                .isEqualTo(QUEUE);
        assertThat(h.offered.get(token).input().toString()).isEqualTo("{\"amount\":5}");
        assertThat(h.details(3).toString()).isEqualTo("{\"resource\":\"arn:aws:lambda:eu-west-1:111111111111:function:"
                + "charge:prod\",\"input\":\"{\\\"amount\\\":5}\",\"inputDetails\":{\"truncated\":false}}");
        h.take();
        h.succeed(token, "{\"charged\":true}");
        assertThat(h.types()).containsExactly("ExecutionStarted", "TaskStateEntered", "LambdaFunctionScheduled",
                "LambdaFunctionStarted", "LambdaFunctionSucceeded", "TaskStateExited", "ExecutionSucceeded");
        assertThat(h.previousIds()).containsExactly(0, 0, 2, 3, 4, 5, 6);
        assertThat(h.history.get(3).details()).as("LambdaFunctionStarted has no details").isNull();
        assertThat(h.details(5).toString()).isEqualTo("{\"output\":\"{\\\"charged\\\":true}\",\"outputDetails\":{\"truncated\":false}}");
        assertThat(h.output()).isEqualTo("{\"charged\":true}");
    }

    @Test
    void aFunctionsErrorIsCaughtWithItsTypeAndLambdasErrorObject() {
        Harness h = Harness.of("""
                {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:charge",
                  "Catch":[{"ErrorEquals":["CardDeclined"],"Next":"Declined"}],"End":true},
                  "Declined":{"Type":"Pass","End":true}}}""").start("{}");
        String token = h.take();
        String cause = "{\"errorMessage\":\"no funds\",\"errorType\":\"CardDeclined\",\"requestId\":\"r\",\"stackTrace\":[]}";
        h.fail(token, "CardDeclined", cause);
        assertThat(h.types()).containsSubsequence("LambdaFunctionStarted", "LambdaFunctionFailed", "TaskStateExited",
                "PassStateEntered");
        assertThat(h.details(5).path("error").asText()).isEqualTo("CardDeclined");
        assertThat(h.details(5).path("cause").asText()).isEqualTo(cause);
        assertThat(h.snapshot.output.path("Error").asText()).isEqualTo("CardDeclined");
        assertThat(h.snapshot.output.path("Cause").asText()).isEqualTo(cause);
    }

    @Test
    void aFunctionThatRunsPastTimeoutSecondsTimesOutAsLambdaFunctionTimedOut() {
        Harness h = Harness.of("""
                {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:charge",
                  "TimeoutSeconds":3,"End":true}}}""").start("{}");
        assertThat(h.details(3).path("timeoutInSeconds").asLong()).isEqualTo(3);
        String token = h.take();
        assertThat(h.fireNextTimer()).isEqualTo(3_000);
        assertThat(h.types()).endsWith("LambdaFunctionStarted", "LambdaFunctionTimedOut", "ExecutionFailed");
        assertThat(h.details(5).toString()).isEqualTo("{\"error\":\"States.Timeout\"}");
        assertThat(h.apply(new Trigger.TaskSucceeded(token, ChoiceRulesTest.json("1"))).rejection().errorName())
                .isEqualTo("TaskTimedOut");
        assertThat(h.offered).isEmpty();
    }

    @Test
    void lambdaInvokeReturnsInvokesResponseAroundTheFunctionsResult() {
        Harness h = Harness.of("""
                {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",
                  "Parameters":{"FunctionName.$":"$.fn","Payload":{"n.$":"$.n"}},"End":true}}}""")
                .start("{\"fn\":\"123456789012:function:charge\",\"n\":1}");
        String token = h.task();
        assertThat(h.offered.get(token).activityArn()).isEqualTo(QUEUE);
        assertThat(h.offered.get(token).input().toString()).isEqualTo("{\"n\":1}");
        JsonNode scheduled = h.details(3);
        assertThat(scheduled.path("resourceType").asText()).isEqualTo("lambda");
        assertThat(scheduled.path("resource").asText()).isEqualTo("invoke");
        assertThat(scheduled.path("region").asText()).isEqualTo("us-east-1");
        assertThat(scheduled.path("parameters").asText()).isEqualTo("{\"FunctionName\":\"123456789012:function:charge\","
                + "\"Payload\":{\"n\":1}}");
        h.take();
        h.succeed(token, "[1,2]");
        assertThat(h.types()).containsExactly("ExecutionStarted", "TaskStateEntered", "TaskScheduled", "TaskStarted",
                "TaskSucceeded", "TaskStateExited", "ExecutionSucceeded");
        assertThat(h.details(4).toString()).isEqualTo("{\"resourceType\":\"lambda\",\"resource\":\"invoke\"}");
        JsonNode out = h.snapshot.output;
        assertThat(fieldNames(out)).containsExactly("ExecutedVersion", "Payload", "SdkHttpMetadata", "SdkResponseMetadata",
                "StatusCode");
        assertThat(out.path("ExecutedVersion").asText()).isEqualTo("$LATEST");
        assertThat(out.path("Payload").toString()).isEqualTo("[1,2]");
        assertThat(out.path("StatusCode").asInt()).isEqualTo(200);
        assertThat(out.path("SdkResponseMetadata").path("RequestId").asText()).isEqualTo(TaskTokens.requestId(token));
        JsonNode http = out.path("SdkHttpMetadata");
        assertThat(http.path("HttpStatusCode").asInt()).isEqualTo(200);
        assertThat(http.path("HttpHeaders").path("Content-Length").asText()).isEqualTo("5");
        assertThat(http.path("HttpHeaders").path("Date").asText()).isEqualTo("Tue, 14 Nov 2023 22:13:20 GMT");
        assertThat(http.path("AllHttpHeaders").path("x-amzn-RequestId").get(0).asText()).isEqualTo(TaskTokens.requestId(token));
        assertThat(h.details(5).path("output").asText()).isEqualTo(out.toString());
    }

    @Test
    void lambdaInvokeTakesAStringPayloadAsItsBodyAndNoPayloadAsAnEmptyObject() {
        Harness text = Harness.of("""
                {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",
                  "Parameters":{"FunctionName":"charge","Payload":"[\\"a\\", 1]"},"End":true}}}""").start("{}");
        assertThat(text.offered.get(text.task()).input().toString()).isEqualTo("[\"a\",1]");
        Harness none = Harness.of("""
                {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",
                  "Parameters":{"FunctionName":"charge","Payload":null},"End":true}}}""").start("{}");
        assertThat(none.offered.get(none.task()).input().toString()).isEqualTo("{}");
    }

    @Test
    void lambdaInvokeWithAMalformedFunctionNameOrPayloadFailsAsLambdaAnswersIt() {
        Harness h = Harness.of("""
                {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",
                  "Parameters":{"FunctionName":"no such/function"},"End":true}}}""").start("{}");
        assertThat(h.types()).containsExactly("ExecutionStarted", "TaskStateEntered", "TaskScheduled", "TaskStarted",
                "TaskFailed", "ExecutionFailed");
        assertThat(h.snapshot.error).isEqualTo("Lambda.AWSLambdaException");
        assertThat(h.snapshot.cause).startsWith("1 validation error detected: Value 'no such/function' at 'functionName'")
                .contains("(Service: AWSLambda; Status Code: 400; Error Code: ValidationException; Request ID: ");
        assertThat(h.offered).isEmpty();

        Harness bad = Harness.of("""
                {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",
                  "Parameters":{"FunctionName":"charge","Payload":"{not json"},"End":true}}}""").start("{}");
        assertThat(bad.snapshot.error).isEqualTo("Lambda.InvalidRequestContentException");
    }

    @Test
    void aFunctionErrorInLambdaInvokeFailsTheTaskWithTaskFailed() {
        Harness h = Harness.of("""
                {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",
                  "Parameters":{"FunctionName":"charge"},"End":true}}}""").start("{}");
        String token = h.take();
        h.fail(token, "Exception", "{\"errorMessage\":\"boom\",\"errorType\":\"Exception\"}");
        assertThat(h.types()).endsWith("TaskStarted", "TaskFailed", "ExecutionFailed");
        assertThat(h.details(5).toString()).isEqualTo("{\"resourceType\":\"lambda\",\"resource\":\"invoke\","
                + "\"error\":\"Exception\",\"cause\":\"{\\\"errorMessage\\\":\\\"boom\\\",\\\"errorType\\\":\\\"Exception\\\"}\"}");
    }

    @Test
    void waitForTaskTokenSubmitsWhenTheFunctionReturnsAndSucceedsWithTheTokensCallback() {
        Harness h = Harness.of("""
                {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke.waitForTaskToken",
                  "HeartbeatSeconds":30,
                  "Parameters":{"FunctionName":"charge","Payload":{"token.$":"$$.Task.Token"}},"End":true}}}""")
                .start("{}");
        String invocation = h.task();
        String token = h.offered.get(invocation).input().path("token").asText();
        assertThat(invocation).as("the invocation has a token of its own").isNotEqualTo(token);
        h.take();
        assertThat(h.timers).hasSize(1);
        h.now += 1_000;
        h.succeed(invocation, "{\"sent\":true}");
        assertThat(h.types()).endsWith("TaskScheduled", "TaskStarted", "TaskSubmitted");
        JsonNode submitted = h.details(5);
        assertThat(submitted.path("resource").asText()).isEqualTo("invoke.waitForTaskToken");
        assertThat(submitted.path("output").asText()).contains("\"Payload\":{\"sent\":true}", "\"StatusCode\":200");
        assertThat(h.apply(new Trigger.TaskSucceeded(invocation, ChoiceRulesTest.json("1"))).rejection().errorName())
                .as("the invocation has already returned").isEqualTo("TaskTimedOut");
        h.now += 20_000;
        h.apply(new Trigger.TaskHeartbeat(token));
        assertThat(h.timers.values()).containsExactly(Harness.T0 + 51_000);
        h.succeed(token, "\"approved\"");
        assertThat(h.types()).endsWith("TaskSubmitted", "TaskSucceeded", "TaskStateExited", "ExecutionSucceeded");
        assertThat(h.details(6).path("output").asText()).isEqualTo("\"approved\"");
        assertThat(h.output()).isEqualTo("\"approved\"");
        assertThat(h.timers).isEmpty();
    }

    @Test
    void waitForTaskTokenFailsWhenTheFunctionFails() {
        Harness h = Harness.of("""
                {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke.waitForTaskToken",
                  "Parameters":{"FunctionName":"charge","Payload":{"token.$":"$$.Task.Token"}},"End":true}}}""")
                .start("{}");
        String invocation = h.take();
        h.fail(invocation, "Exception", "{\"errorMessage\":\"boom\"}");
        assertThat(h.types()).endsWith("TaskStarted", "TaskFailed", "ExecutionFailed");
        assertThat(h.snapshot.error).isEqualTo("Exception");
    }

    @Test
    void aCallbackMayArriveBeforeTheFunctionReturns() {
        Harness h = Harness.of("""
                {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke.waitForTaskToken",
                  "Parameters":{"FunctionName":"charge","Payload":{"token.$":"$$.Task.Token"}},"End":true}}}""")
                .start("{}");
        String invocation = h.take();
        String token = h.snapshot.runs.get(RunState.ROOT).task.token();
        h.succeed(token, "{}");
        assertThat(h.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(h.last.commands()).contains(new Command.WithdrawActivityTask(invocation, QUEUE));
        assertThat(h.apply(new Trigger.TaskSucceeded(invocation, ChoiceRulesTest.json("1"))).rejection().errorName())
                .isEqualTo("TaskTimedOut");
    }

    @Test
    void aTokenCarrierBatonDoesNotHaveFailsClearly() {
        Harness h = Harness.of("""
                {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage.waitForTaskToken",
                  "Parameters":{"QueueUrl":"q","MessageBody":{"t.$":"$$.Task.Token"}},"End":true}}}""").start("{}");
        assertThat(h.snapshot.error).isEqualTo("States.Runtime");
        assertThat(h.snapshot.cause).contains("'arn:aws:states:::sqs:sendMessage.waitForTaskToken' is not supported",
                "lambda:invoke.waitForTaskToken");
    }

    static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
