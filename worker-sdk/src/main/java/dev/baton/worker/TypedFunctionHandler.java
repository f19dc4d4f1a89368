package dev.baton.worker;

/**
 * Handles one function invocation with its payload and result mapped by Jackson to the caller's
 * types. A payload that does not map to {@code I} fails the invocation with the error type
 * {@value ActivityFailure#INVALID_INPUT}; a result Jackson cannot write, with
 * {@value ActivityFailure#INVALID_OUTPUT}. Exceptions fail it as described on
 * {@link FunctionHandler}.
 *
 * @param <I> the payload type
 * @param <O> the result type
 */
@FunctionalInterface
public interface TypedFunctionHandler<I, O> {

  /** Runs the function. */
  O handle(I payload, FunctionContext context) throws Exception;
}
