package dev.baton.broker.dataflow;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static dev.baton.broker.dataflow.JsonAssertions.json;
import static org.assertj.core.api.Assertions.assertThat;

class ContextObjectTest {
    private static final String EXEC = "arn:aws:states:us-east-1:111111111111:execution:Machine:run1";
    private static final String MACHINE = "arn:aws:states:us-east-1:111111111111:stateMachine:Machine";

    private static ContextObject base() {
        return ContextObject.of(
                new ContextObject.Execution(EXEC, json("{'message': 'TestMessage'}"), "run1", "arn:aws:iam::111111111111:role/r",
                        Instant.parse("2024-07-15T13:00:19Z"), 0, null),
                new ContextObject.StateMachine(MACHINE, "Machine"));
    }

    @Test
    void hasAwsShapeAndFieldOrderForAPassState() {
        // As recorded by AWS in conformance context_object/test_output_path ("OutputPath": "$$").
        JsonNode json = base().withState(new ContextObject.State("TestState", Instant.parse("2024-07-15T13:00:19.5Z"), null)).toJson();
        assertThat(json).isEqualTo(json("{'Execution': {'Id': '" + EXEC + "', 'Input': {'message': 'TestMessage'},"
                + " 'StartTime': '2024-07-15T13:00:19.000Z', 'Name': 'run1', 'RoleArn': 'arn:aws:iam::111111111111:role/r', 'RedriveCount': 0},"
                + " 'StateMachine': {'Id': '" + MACHINE + "', 'Name': 'Machine'},"
                + " 'State': {'Name': 'TestState', 'EnteredTime': '2024-07-15T13:00:19.500Z'}}"));
        List<String> order = new ArrayList<>();
        json.fieldNames().forEachRemaining(order::add);
        assertThat(order).containsExactly("Execution", "StateMachine", "State");
        List<String> exec = new ArrayList<>();
        json.get("Execution").fieldNames().forEachRemaining(exec::add);
        assertThat(exec).containsExactly("Id", "Input", "StartTime", "Name", "RoleArn", "RedriveCount");
    }

    @Test
    void addsRetryCountTaskTokenMapItemAndRedriveTimeWhenPresent() {
        ContextObject c = ContextObject.of(
                        new ContextObject.Execution(EXEC, json("{}"), "run1", "role", Instant.EPOCH, 1, Instant.parse("2024-01-02T03:04:05.006Z")),
                        new ContextObject.StateMachine(MACHINE, "Machine"))
                .withState(new ContextObject.State("Task", Instant.EPOCH, 2))
                .withTaskToken("token-1")
                .withMapItem(new ContextObject.MapItem(3, json("{'v': 1}")));
        JsonNode json = c.toJson();
        assertThat(json.at("/Execution/RedriveCount").intValue()).isEqualTo(1);
        assertThat(json.at("/Execution/RedriveTime").textValue()).isEqualTo("2024-01-02T03:04:05.006Z");
        assertThat(json.at("/State/RetryCount").intValue()).isEqualTo(2);
        assertThat(json.at("/Task/Token").textValue()).isEqualTo("token-1");
        assertThat(json.at("/Map/Item")).isEqualTo(json("{'Index': 3, 'Value': {'v': 1}}"));
    }

    @Test
    void enteringANewStateDropsThePreviousTaskToken() {
        ContextObject c = base().withState(new ContextObject.State("A", Instant.EPOCH, 0)).withTaskToken("t")
                .withState(new ContextObject.State("B", Instant.EPOCH, null));
        assertThat(c.toJson().has("Task")).isFalse();
    }

    @Test
    void distributedMapItemsMayCarryKeyAndSource() {
        JsonNode item = base().withMapItem(new ContextObject.MapItem(0, json("1"), "k", json("'s3://b/k'"))).toJson().at("/Map/Item");
        assertThat(item).isEqualTo(json("{'Index': 0, 'Key': 'k', 'Value': 1, 'Source': 's3://b/k'}"));
    }

    @Test
    void timestampsHaveMillisecondsInUtc() {
        assertThat(ContextObject.timestamp(Instant.parse("2019-03-26T20:14:13.192Z"))).isEqualTo("2019-03-26T20:14:13.192Z");
        assertThat(ContextObject.timestamp(Instant.parse("2019-03-26T20:14:13Z"))).isEqualTo("2019-03-26T20:14:13.000Z");
        assertThat(ContextObject.timestamp(Instant.parse("2019-03-26T20:14:13.123456Z"))).isEqualTo("2019-03-26T20:14:13.123Z");
    }
}
