package dev.baton.broker.dataflow;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A JSON value some of whose parts are computed: a JSONPath payload template ({@code ".$"} keys)
 * or a JSONata template ({@code "{% expression %}"} strings). Parameters, ResultSelector,
 * ItemSelector, Arguments, Output and Assign are value templates.
 */
public interface ValueTemplate {
    /** The template as written in the definition. */
    JsonNode source();
}
