package dev.baton.worker.client;

import java.time.Instant;
import java.util.Optional;

/**
 * An execution, as DescribeExecution returns it.
 *
 * @param executionArn its ARN
 * @param stateMachineArn the state machine it runs
 * @param name its name
 * @param status where it stands
 * @param startDate when it started
 * @param stopDate when it ended, if it has
 * @param input its input, JSON text
 * @param output its output, JSON text, once it has succeeded
 * @param error the error it failed, timed out or was aborted with
 * @param cause the cause of that error
 * @param traceHeader the trace header given at start, or empty
 */
public record Execution(
    String executionArn,
    String stateMachineArn,
    String name,
    ExecutionStatus status,
    Instant startDate,
    Optional<Instant> stopDate,
    Optional<String> input,
    Optional<String> output,
    Optional<String> error,
    Optional<String> cause,
    String traceHeader) {}
