package dev.baton.worker.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.worker.ActivityFailure;

/**
 * Turns tree and typed handlers (of activities or functions, whose context is {@code C}) into text
 * handlers. Only the mapping done here becomes {@link ActivityFailure#INVALID_INPUT} or
 * {@link ActivityFailure#INVALID_OUTPUT}; a Jackson exception thrown by the handler's own code is
 * reported like any other exception.
 */
public final class JacksonHandlers {

  /** A handler of JSON text. */
  @FunctionalInterface
  public interface Text<C> {
    String handle(String input, C context) throws Exception;
  }

  /** A handler of Jackson trees. */
  @FunctionalInterface
  public interface Tree<C> {
    JsonNode handle(JsonNode input, C context) throws Exception;
  }

  /** A handler of the caller's types. */
  @FunctionalInterface
  public interface Typed<I, C> {
    Object handle(I input, C context) throws Exception;
  }

  private JacksonHandlers() {}

  public static <C> Text<C> tree(Tree<C> handler, ObjectMapper mapper) {
    return (input, context) -> {
      JsonNode tree;
      try {
        tree = mapper.readTree(input);
      } catch (JsonProcessingException e) {
        throw new ActivityFailure(ActivityFailure.INVALID_INPUT,
            "The task's input is not JSON: " + e.getOriginalMessage(), e);
      }
      return write(handler.handle(tree, context), mapper);
    };
  }

  public static <I, C> Text<C> typed(JavaType inputType, Typed<I, C> handler, ObjectMapper mapper) {
    return (input, context) -> {
      I value;
      try {
        value = mapper.readValue(input, inputType);
      } catch (JsonProcessingException e) {
        throw new ActivityFailure(ActivityFailure.INVALID_INPUT,
            "The task's input does not map to " + inputType.toCanonical() + ": "
                + e.getOriginalMessage(), e);
      }
      return write(handler.handle(value, context), mapper);
    };
  }

  private static String write(Object output, ObjectMapper mapper) {
    try {
      return mapper.writeValueAsString(output);
    } catch (JsonProcessingException e) {
      throw new ActivityFailure(ActivityFailure.INVALID_OUTPUT,
          "The handler's output cannot be written as JSON: " + e.getOriginalMessage(), e);
    }
  }
}
