package dev.baton.worker;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Handles one function invocation with its payload and result as Jackson trees. A {@code null}
 * result is sent as the JSON {@code null}; exceptions fail it as described on
 * {@link FunctionHandler}.
 */
@FunctionalInterface
public interface JsonFunctionHandler {

  /** Runs the function. */
  JsonNode handle(JsonNode payload, FunctionContext context) throws Exception;
}
