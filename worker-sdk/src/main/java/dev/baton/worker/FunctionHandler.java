package dev.baton.worker;

/**
 * Handles one function invocation with its payload and result as JSON text, as a Lambda handler
 * does.
 *
 * <p>The returned text is the function's result and must be JSON; {@code null} is sent as the JSON
 * {@code null}. A thrown exception fails the invocation the way Lambda reports an unhandled error:
 * the error is the exception's type (its class's simple name, or the one a {@link FunctionFailure}
 * names), and the cause is Lambda's error object,
 * {@code {"errorMessage": ..., "errorType": ..., "requestId": ..., "stackTrace": [...]}}.
 */
@FunctionalInterface
public interface FunctionHandler {

  /**
   * Runs the function.
   *
   * @param payload the invocation's payload (the event), JSON text
   * @param context the invocation's token, request id, heartbeats and cancellation
   * @return the function's result as JSON text
   * @throws Exception to fail the invocation
   */
  String handle(String payload, FunctionContext context) throws Exception;
}
