package dev.baton.broker.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.broker.dataflow.EvaluationContext;
import dev.baton.broker.dataflow.Json;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * The evaluation context of a state: the context object ({@code $$}) built only when a path asks
 * for it, so states that never read it pay nothing.
 */
final class ContextObject implements EvaluationContext {
    private static final DateTimeFormatter ISO_MILLIS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private final ExecutionSnapshot execution;
    private final RunState run;
    private final String taskToken;
    private JsonNode built;

    ContextObject(ExecutionSnapshot execution, RunState run, String taskToken) {
        this.execution = execution;
        this.run = run;
        this.taskToken = taskToken;
    }

    static String timestamp(long epochMillis) {
        return ISO_MILLIS.format(Instant.ofEpochMilli(epochMillis).truncatedTo(ChronoUnit.MILLIS));
    }

    @Override
    public JsonNode contextObject() {
        if (built == null) {
            ObjectNode root = Json.MAPPER.createObjectNode();
            ObjectNode ex = root.putObject("Execution");
            ex.put("Id", execution.executionArn);
            ex.set("Input", execution.input);
            ex.put("Name", execution.name);
            ex.put("RoleArn", execution.roleArn);
            ex.put("StartTime", timestamp(execution.startTime));
            ex.put("RedriveCount", 0);
            ObjectNode state = root.putObject("State");
            state.put("EnteredTime", timestamp(run.enteredTime));
            state.put("Name", run.state);
            state.put("RetryCount", 0);
            ObjectNode sm = root.putObject("StateMachine");
            sm.put("Id", execution.stateMachineArn);
            sm.put("Name", execution.stateMachineName);
            if (taskToken != null) {
                root.putObject("Task").put("Token", taskToken);
            }
            built = root;
        }
        return built;
    }

    @Override
    public JsonNode variable(String name) {
        return null;
    }
}
