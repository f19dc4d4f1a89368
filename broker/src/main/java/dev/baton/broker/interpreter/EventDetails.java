package dev.baton.broker.interpreter;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.baton.broker.dataflow.Json;

import java.io.IOException;
import java.util.Map;

/**
 * The details of a history event, shaped as AWS's details objects: record component names are
 * AWS's member names. Payloads (input, output, parameters) are held as JSON values and written as
 * JSON text, as AWS reports them; that keeps the interpreter from serialising on its hot path.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public sealed interface EventDetails {

    /** {@code {"truncated": false}}: Baton never truncates payloads in history. */
    record DataDetails(boolean truncated) {
        public static final DataDetails NOT_TRUNCATED = new DataDetails(false);
    }

    /** Writes a JSON value as its JSON text (a string), as AWS does for payloads in history. */
    final class JsonText extends JsonSerializer<JsonNode> {
        @Override
        public void serialize(JsonNode value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            gen.writeString(Json.write(value));
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    /** @param input the execution's input exactly as the caller sent it */
    record ExecutionStarted(String input, DataDetails inputDetails, String roleArn) implements EventDetails {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ExecutionSucceeded(@JsonSerialize(using = JsonText.class) JsonNode output, DataDetails outputDetails)
            implements EventDetails {
    }

    /** ExecutionFailed, ExecutionAborted, ExecutionTimedOut, Activity/Lambda failures and time-outs. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ErrorCause(String error, String cause) implements EventDetails {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record StateEntered(String name, @JsonSerialize(using = JsonText.class) JsonNode input, DataDetails inputDetails)
            implements EventDetails {
    }

    /** @param assignedVariables variable name -> JSON text of its new value, or null */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record StateExited(String name, @JsonSerialize(using = JsonText.class) JsonNode output, DataDetails outputDetails,
                       Map<String, String> assignedVariables, DataDetails assignedVariablesDetails)
            implements EventDetails {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ActivityScheduled(String resource, @JsonSerialize(using = JsonText.class) JsonNode input,
                             DataDetails inputDetails, Long timeoutInSeconds, Long heartbeatInSeconds)
            implements EventDetails {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ActivityStarted(String workerName) implements EventDetails {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ActivitySucceeded(@JsonSerialize(using = JsonText.class) JsonNode output, DataDetails outputDetails)
            implements EventDetails {
    }

    /** {@code taskCredentials}: the role a Task state's Credentials name. */
    record TaskCredentials(String roleArn) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record LambdaFunctionScheduled(String resource, @JsonSerialize(using = JsonText.class) JsonNode input,
                                   DataDetails inputDetails, Long timeoutInSeconds, TaskCredentials taskCredentials)
            implements EventDetails {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record LambdaFunctionSucceeded(@JsonSerialize(using = JsonText.class) JsonNode output, DataDetails outputDetails)
            implements EventDetails {
    }

    /**
     * TaskScheduled of a service integration.
     *
     * @param resourceType the service ({@code lambda}, {@code states}, {@code aws-sdk:sfn})
     * @param resource     the action with its pattern suffix ({@code invoke.waitForTaskToken})
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record TaskScheduled(String resourceType, String resource, String region,
                         @JsonSerialize(using = JsonText.class) JsonNode parameters, Long timeoutInSeconds,
                         Long heartbeatInSeconds, TaskCredentials taskCredentials) implements EventDetails {
    }

    /** TaskStarted. */
    record TaskStarted(String resourceType, String resource) implements EventDetails {
    }

    /** TaskSubmitted and TaskSucceeded: the service's response. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record TaskOutput(String resourceType, String resource, @JsonSerialize(using = JsonText.class) JsonNode output,
                      DataDetails outputDetails) implements EventDetails {
    }

    /** TaskFailed, TaskTimedOut, TaskStartFailed, TaskSubmitFailed. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record TaskError(String resourceType, String resource, String error, String cause) implements EventDetails {
    }

    /** MapStateStarted: the number of items. */
    record MapStateStarted(int length) implements EventDetails {
    }

    /** MapIterationStarted/Succeeded/Failed/Aborted: the Map state's name and the item's index. */
    record MapIteration(String name, int index) implements EventDetails {
    }

    record MapRunStarted(String mapRunArn) implements EventDetails {
    }

    /** MapRunRedriven: the map run that continues, and how many times it was redriven. */
    record MapRunRedriven(String mapRunArn, int redriveCount) implements EventDetails {
    }

    /**
     * EvaluationFailed: a JSONata expression (or the value it gave) failed a state.
     *
     * @param location the field the expression sat in ({@code Output/a}, {@code Items}), or null
     *                 when the failure belongs to no field (a Map's input that is not an array)
     * @param state    the state's name
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record EvaluationFailed(String error, String cause, String location, String state) implements EventDetails {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ExecutionRedriven(int redriveCount) implements EventDetails {
    }
}
