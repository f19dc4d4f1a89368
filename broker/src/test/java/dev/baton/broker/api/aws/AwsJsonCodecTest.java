package dev.baton.broker.api.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.api.Distribution;
import com.google.protobuf.Timestamp;
import dev.baton.proto.v1.DescribeExecutionResponse;
import dev.baton.proto.v1.ExecutionStartedEventDetails;
import dev.baton.proto.v1.GetExecutionHistoryResponse;
import dev.baton.proto.v1.HistoryEvent;
import dev.baton.proto.v1.ListExecutionsRequest;
import dev.baton.proto.v1.StartExecutionRequest;
import dev.baton.proto.v1.StateExitedEventDetails;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class AwsJsonCodecTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode print(com.google.protobuf.Message message) throws Exception {
        return JSON.readTree(AwsJsonCodec.printResponse(message));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void timestampsAreEpochSecondNumbersWithTheirFraction() throws Exception {
        String json = new String(AwsJsonCodec.printResponse(DescribeExecutionResponse.newBuilder()
                .setExecutionArn("arn:aws:states:us-east-1:123456789012:execution:m:e")
                .setStartDate(Timestamp.newBuilder().setSeconds(1_700_000_000L).setNanos(123_000_000))
                .setStopDate(Timestamp.newBuilder().setSeconds(1_700_000_005L))
                .build()), StandardCharsets.UTF_8);

        assertThat(json).contains("\"startDate\":1700000000.123").contains("\"stopDate\":1700000005");
    }

    @Test
    void absentMembersStayAbsentAndOptionalOnesKeepPresence() throws Exception {
        JsonNode json = print(DescribeExecutionResponse.newBuilder()
                .setExecutionArn("arn")
                .setStatus("RUNNING")
                .setInput("")
                .build());

        assertThat(json.has("stopDate")).isFalse();
        assertThat(json.has("output")).isFalse();
        assertThat(json.has("traceHeader")).isFalse();
        // optional string: an empty input is still an input.
        assertThat(json.get("input").asText()).isEmpty();
    }

    @Test
    void zeroNumbersAndEmptyListsAreSentAsAwsDoes() throws Exception {
        JsonNode json = print(GetExecutionHistoryResponse.newBuilder()
                .addEvents(HistoryEvent.newBuilder()
                        .setId(1)
                        .setType("ExecutionStarted")
                        .setTimestamp(Timestamp.newBuilder().setSeconds(1_700_000_000L))
                        .setExecutionStartedEventDetails(ExecutionStartedEventDetails.newBuilder().setInput("{}")))
                .addEvents(HistoryEvent.newBuilder().setId(2).setPreviousEventId(1).setType("PassStateExited")
                        .setStateExitedEventDetails(StateExitedEventDetails.newBuilder().setName("P").setOutput("{}")))
                .build());

        JsonNode first = json.get("events").get(0);
        assertThat(first.get("previousEventId").isInt()).isTrue();
        assertThat(first.get("previousEventId").asInt()).isZero();
        assertThat(first.get("executionStartedEventDetails").get("input").asText()).isEqualTo("{}");
        assertThat(first.get("executionStartedEventDetails").has("roleArn")).isFalse();
        assertThat(first.has("stateExitedEventDetails")).isFalse();
        // AWS omits assignedVariables when a state assigns nothing.
        assertThat(json.get("events").get(1).get("stateExitedEventDetails").has("assignedVariables")).isFalse();
        assertThat(json.has("nextToken")).isFalse();

        JsonNode empty = print(GetExecutionHistoryResponse.getDefaultInstance());
        assertThat(empty.get("events").isArray()).isTrue();
        assertThat(empty.get("events")).isEmpty();
    }

    @Test
    void sixtyFourBitIntegersAreNumbers() throws Exception {
        // No baton.v1 message has an int64 yet; the walk is generic, so any message shows it.
        JsonNode json = print(Distribution.newBuilder().setCount(5_000_000_000L).addBucketCounts(7L).build());

        assertThat(json.get("count").isIntegralNumber()).isTrue();
        assertThat(json.get("count").asLong()).isEqualTo(5_000_000_000L);
        assertThat(json.get("bucketCounts").get(0).isIntegralNumber()).isTrue();
    }

    @Test
    void requestsParseAwsMembersAndIgnoreUnknownOnes() {
        var request = (StartExecutionRequest) AwsJsonCodec.parseRequest(utf8("""
                {"stateMachineArn": "arn:aws:states:us-east-1:123456789012:stateMachine:m",
                 "name": "e1", "input": "{\\"a\\":1}", "someFutureMember": {"x": [1, 2]}}"""),
                StartExecutionRequest.getDefaultInstance());

        assertThat(request.getStateMachineArn()).isEqualTo("arn:aws:states:us-east-1:123456789012:stateMachine:m");
        assertThat(request.getName()).isEqualTo("e1");
        assertThat(request.hasInput()).isTrue();
        assertThat(request.getInput()).isEqualTo("{\"a\":1}");
    }

    @Test
    void absentOptionalRequestMembersStayAbsent() {
        var request = (StartExecutionRequest) AwsJsonCodec.parseRequest(utf8("{\"stateMachineArn\":\"a\"}"),
                StartExecutionRequest.getDefaultInstance());
        var empty = AwsJsonCodec.parseRequest(new byte[0], StartExecutionRequest.getDefaultInstance());

        assertThat(request.hasInput()).isFalse();
        assertThat(empty).isEqualTo(StartExecutionRequest.getDefaultInstance());
    }

    @Test
    void epochSecondTimestampsInRequestsBecomeTimestamps() {
        // Requests carry no timestamps yet; any message with one shows the generic walk.
        var parsed = (DescribeExecutionResponse) AwsJsonCodec.parseRequest(
                utf8("{\"startDate\": 1700000000.25, \"stopDate\": 1700000001}"), DescribeExecutionResponse.getDefaultInstance());

        assertThat(parsed.getStartDate()).isEqualTo(Timestamp.newBuilder().setSeconds(1_700_000_000L).setNanos(250_000_000).build());
        assertThat(parsed.getStopDate().getSeconds()).isEqualTo(1_700_000_001L);
    }

    @Test
    void printedResponsesParseBackToTheSameMessage() {
        var original = DescribeExecutionResponse.newBuilder()
                .setExecutionArn("arn").setStatus("SUCCEEDED").setOutput("[1,2]")
                .setStartDate(Timestamp.newBuilder().setSeconds(1_700_000_000L).setNanos(1_000))
                .build();

        assertThat(AwsJsonCodec.parseRequest(AwsJsonCodec.printResponse(original), DescribeExecutionResponse.getDefaultInstance()))
                .isEqualTo(original);
    }

    @Test
    void malformedBodiesAreSerializationExceptions() {
        assertThatThrownBy(() -> AwsJsonCodec.parseRequest(utf8("{\"name\": "), StartExecutionRequest.getDefaultInstance()))
                .isInstanceOfSatisfying(AwsFault.class, fault -> {
                    assertThat(fault.errorName()).isEqualTo("SerializationException");
                    assertThat(fault.httpStatus().code()).isEqualTo(400);
                    assertThat(fault.getMessage()).contains("not valid JSON").contains("line 1");
                });
        assertThatThrownBy(() -> AwsJsonCodec.parseRequest(utf8("[1]"), StartExecutionRequest.getDefaultInstance()))
                .isInstanceOfSatisfying(AwsFault.class, fault ->
                        assertThat(fault.getMessage()).contains("must be a JSON object"));
        assertThatThrownBy(() -> AwsJsonCodec.parseRequest(utf8("{\"maxResults\": \"many\"}"), ListExecutionsRequest.getDefaultInstance()))
                .isInstanceOfSatisfying(AwsFault.class, fault -> {
                    assertThat(fault.errorName()).isEqualTo("SerializationException");
                    assertThat(fault.getMessage()).contains("ListExecutionsRequest");
                });
        assertThatThrownBy(() -> AwsJsonCodec.parseRequest(utf8("{\"startDate\": 1e300}"), DescribeExecutionResponse.getDefaultInstance()))
                .isInstanceOfSatisfying(AwsFault.class, fault -> assertThat(fault.getMessage()).contains("startDate"));
    }
}
