package dev.baton.worker.client;

import java.time.Instant;
import java.util.Optional;

/**
 * An execution as ListExecutions describes it.
 *
 * @param executionArn its ARN
 * @param stateMachineArn the state machine it runs
 * @param name its name
 * @param status where it stands
 * @param startDate when it started
 * @param stopDate when it ended, if it has
 */
public record ExecutionSummary(
    String executionArn,
    String stateMachineArn,
    String name,
    ExecutionStatus status,
    Instant startDate,
    Optional<Instant> stopDate) {}
