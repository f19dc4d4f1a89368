package dev.baton.broker.definition.model;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.broker.dataflow.Path;
import dev.baton.broker.dataflow.jsonata.JsonataTemplate;

/**
 * A field whose value is given literally, read from a path ({@code FooPath} in JSONPath states), or
 * computed by a JSONata expression ({@code "{% ... %}"} in JSONata states): TimeoutSeconds,
 * HeartbeatSeconds, a Wait's Seconds/Timestamp, a Fail's Error/Cause, MaxConcurrency,
 * ToleratedFailurePercentage/Count, a Map's Items.
 */
public sealed interface DynamicValue {
    record Literal(JsonNode value) implements DynamicValue {
    }

    record FromPath(Path path) implements DynamicValue {
    }

    record FromJsonata(JsonataTemplate expression) implements DynamicValue {
    }
}
