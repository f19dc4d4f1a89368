package dev.baton.broker.interpreter;

import java.math.BigDecimal;

/**
 * A map run as DescribeMapRun reports it, written with every decision that changes it (see
 * {@link Command.SaveMapRun}).
 *
 * @param executionArn    the execution whose Distributed Map started the map run
 * @param stateMachineArn that execution's state machine
 * @param status          RUNNING, SUCCEEDED, FAILED or ABORTED
 * @param startDate       epoch ms
 * @param stopDate        epoch ms, 0 while it runs
 * @param redriveDate     epoch ms of the last redrive, 0 when never redriven
 */
public record MapRunRecord(String mapRunArn, String executionArn, String stateMachineArn, String status, long startDate,
                           long stopDate, int maxConcurrency, long toleratedFailureCount,
                           BigDecimal toleratedFailurePercentage, Counts itemCounts, Counts executionCounts,
                           int redriveCount, long redriveDate) {

    /** AWS's MapRunStatus values. */
    public static final String RUNNING = "RUNNING";
    public static final String SUCCEEDED = "SUCCEEDED";
    public static final String FAILED = "FAILED";
    public static final String ABORTED = "ABORTED";

    /** AWS's MapRunItemCounts / MapRunExecutionCounts. */
    public record Counts(long pending, long running, long succeeded, long failed, long timedOut, long aborted,
                         long total, long resultsWritten, long failuresNotRedrivable, long pendingRedrive) {
    }
}
