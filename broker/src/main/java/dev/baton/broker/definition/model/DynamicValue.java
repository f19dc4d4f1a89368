package dev.baton.broker.definition.model;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.broker.dataflow.Path;
import dev.baton.broker.dataflow.intrinsic.IntrinsicCall;
import dev.baton.broker.dataflow.jsonata.JsonataTemplate;

/**
 * A field whose value is given literally, read from a path ({@code FooPath} in JSONPath states), or
 * computed by a JSONata expression ({@code "{% ... %}"} in JSONata states): TimeoutSeconds,
 * HeartbeatSeconds, a Wait's Seconds/Timestamp, a Fail's Error/Cause, MaxConcurrency,
 * ToleratedFailurePercentage/Count, a Map's Items, ItemBatcher and ReaderConfig limits.
 */
public sealed interface DynamicValue {
    record Literal(JsonNode value) implements DynamicValue {
    }

    record FromPath(Path path) implements DynamicValue {
    }

    /** An intrinsic function call, which AWS allows in a Fail state's ErrorPath and CausePath. */
    record FromIntrinsic(IntrinsicCall call) implements DynamicValue {
    }

    record FromJsonata(JsonataTemplate expression) implements DynamicValue {
    }
}
