package dev.baton.broker.dataflow.intrinsic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.broker.dataflow.DataflowSyntaxException;
import dev.baton.broker.dataflow.EvaluationContext;

/**
 * A call of an intrinsic function ({@code States.Format(...)}, ...) in a payload template.
 * Parsed once, at definition time.
 */
public final class IntrinsicCall {
    private final String text;

    private IntrinsicCall(String text) {
        this.text = text;
    }

    public static IntrinsicCall parse(String text) throws DataflowSyntaxException {
        throw new DataflowSyntaxException("Intrinsic functions are not available in this build: '" + text + "'");
    }

    public String text() {
        return text;
    }

    public JsonNode evaluate(JsonNode input, EvaluationContext context) {
        throw new IllegalStateException("unreachable: no IntrinsicCall can be parsed in this build");
    }
}
