package dev.baton.broker.dataflow.jsonata;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.broker.dataflow.DataflowSyntaxException;
import dev.baton.broker.dataflow.ValueTemplate;

/**
 * A JSONata-mode template (Arguments, Output, Assign, ...): a JSON value in which any string of the
 * form {@code "{% expression %}"} is a JSONata expression. Parsed once, at definition time.
 */
public final class JsonataTemplate implements ValueTemplate {
    private final JsonNode source;

    private JsonataTemplate(JsonNode source) {
        this.source = source;
    }

    public static JsonataTemplate parse(JsonNode source) throws DataflowSyntaxException {
        return new JsonataTemplate(source);
    }

    @Override
    public JsonNode source() {
        return source;
    }
}
