package dev.baton.worker.client;

import java.time.Instant;

/**
 * What StartExecution returns.
 *
 * @param executionArn the execution's ARN
 * @param startDate when it started
 */
public record StartedExecution(String executionArn, Instant startDate) {}
