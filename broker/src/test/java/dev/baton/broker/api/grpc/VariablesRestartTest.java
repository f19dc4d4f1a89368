package dev.baton.broker.api.grpc;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.broker.BrokerConfig;
import dev.baton.broker.BrokerFixture;
import dev.baton.broker.SettableClock;
import dev.baton.broker.dataflow.Json;
import dev.baton.proto.v1.CreateStateMachineRequest;
import dev.baton.proto.v1.DescribeExecutionRequest;
import dev.baton.proto.v1.DescribeExecutionResponse;
import dev.baton.proto.v1.GetExecutionHistoryRequest;
import dev.baton.proto.v1.HistoryEvent;
import dev.baton.proto.v1.StartExecutionRequest;
import dev.baton.proto.v1.StepFunctionsGrpc;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Workflow variables live in the execution's snapshot: a variable assigned before a Wait is read
 * after it, across a broker restart in between (a real broker on a temporary database, with a
 * settable clock instead of a real hour's wait).
 */
class VariablesRestartTest {
    @TempDir
    Path dir;
    final SettableClock clock = new SettableClock(Instant.parse("2026-01-01T00:00:00Z"));
    BrokerFixture fx;
    StepFunctionsGrpc.StepFunctionsBlockingStub api;

    @AfterEach
    void stop() throws Exception {
        fx.close();
    }

    @Test
    void aVariableAssignedBeforeAWaitIsReadAfterItAcrossARestart() throws Exception {
        fx = new BrokerFixture(dir, BrokerConfig.DEFAULT_POLL_TIMEOUT, clock);
        api = fx.api;
        String sm = api.createStateMachine(CreateStateMachineRequest.newBuilder().setName("sm").setDefinition("""
                {"StartAt":"Remember","States":{
                  "Remember":{"Type":"Pass","QueryLanguage":"JSONata",
                              "Assign":{"order":"{% $states.input.order %}","attempt":1},"Next":"Sleep"},
                  "Sleep":{"Type":"Wait","Seconds":3600,"Next":"Branches"},
                  "Branches":{"Type":"Parallel","Next":"Report","Branches":[
                    {"StartAt":"Inner","States":{"Inner":{"Type":"Pass","QueryLanguage":"JSONata",
                                                          "Output":"{% $order.id %}","End":true}}}]},
                  "Report":{"Type":"Pass","Parameters":{"order.$":"$order","attempt.$":"$attempt","fromBranch.$":"$[0]"},
                            "End":true}}}""")
                .build()).getStateMachineArn();
        String exec = api.startExecution(StartExecutionRequest.newBuilder().setStateMachineArn(sm).setName("e")
                .setInput("{\"order\":{\"id\":\"o-17\",\"lines\":2}}").build()).getExecutionArn();
        await().atMost(Duration.ofSeconds(10)).until(() -> types(exec).contains("WaitStateEntered"));

        fx.stop();
        fx.start();
        api = fx.api;
        clock.advance(Duration.ofHours(1).plusSeconds(1));

        await().atMost(Duration.ofSeconds(10)).until(() -> !describe(exec).getStatus().equals("RUNNING"));
        DescribeExecutionResponse described = describe(exec);
        assertThat(described.getStatus()).isEqualTo("SUCCEEDED");
        JsonNode output = Json.parse(described.getOutput());
        assertThat(Json.write(output)).isEqualTo("{\"order\":{\"id\":\"o-17\",\"lines\":2},\"attempt\":1,\"fromBranch\":\"o-17\"}");
        HistoryEvent remembered = api.getExecutionHistory(GetExecutionHistoryRequest.newBuilder().setExecutionArn(exec).build())
                .getEventsList().stream().filter(e -> e.getType().equals("PassStateExited")).findFirst().orElseThrow();
        assertThat(remembered.getStateExitedEventDetails().getAssignedVariablesMap())
                .containsEntry("order", "{\"id\":\"o-17\",\"lines\":2}").containsEntry("attempt", "1");
    }

    private DescribeExecutionResponse describe(String exec) {
        return api.describeExecution(DescribeExecutionRequest.newBuilder().setExecutionArn(exec).build());
    }

    private java.util.List<String> types(String exec) {
        return api.getExecutionHistory(GetExecutionHistoryRequest.newBuilder().setExecutionArn(exec).build())
                .getEventsList().stream().map(HistoryEvent::getType).toList();
    }
}
