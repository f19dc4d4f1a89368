package dev.baton.broker.persistence;

import java.util.List;

/**
 * Everything one decision writes, committed in one transaction together with other executions'
 * writes: the execution row (inserted, or updated under its version), its new history events, and
 * the rows of the tasks, timers and broker calls it created or ended, and of the map runs it changed.
 *
 * @param mapRunArn the map run the execution is a child of, or null (written with the insert)
 * @param version   the execution's version after this write (1 for an insert); an update applies only
 *                  when the stored version is {@code version - 1}
 */
public record ExecutionWrite(long executionId, boolean insert, String arn, String stateMachineArn,
                             String definitionHash, String name, String mapRunArn,
                             String status, long startTime, Long stopTime, int redriveCount, Long redriveTime,
                             int version, byte[] snapshot,
                             List<StoredEvent> events, List<ActivityTaskRecord> tasksToInsert,
                             List<String> tasksToDelete, List<TimerRecord> timersToInsert,
                             List<String> timersToDelete, List<CallRecord> callsToInsert, List<String> callsToDelete,
                             List<CallEnded> callsEnded, List<MapRunRow> mapRuns) {

    /** A history event as stored: details are AWS's details object as JSON text, or null. */
    public record StoredEvent(int id, int previousId, String type, long timestamp, String details) {
    }

    public record ActivityTaskRecord(String token, long executionId, String activityArn, String input, long createdAt) {
    }

    public record TimerRecord(String id, long executionId, long dueAt) {
    }

    /** A call the broker makes for a task: {@code request} is the call as JSON. */
    public record CallRecord(String token, long executionId, String request) {
    }

    /** A child execution a parent's task waits for has ended (marked in the child's own transaction). */
    public record CallEnded(String token, String childArn) {
    }

    /**
     * A map run's row as DescribeMapRun shows it; {@code created} for its first write.
     *
     * @param itemCounts      AWS's MapRunItemCounts as a JSON object
     * @param executionCounts AWS's MapRunExecutionCounts as a JSON object
     */
    public record MapRunRow(String arn, boolean created, long executionId, String executionArn, String stateMachineArn,
                            String status, long startTime, Long stopTime, int maxConcurrency,
                            long toleratedFailureCount, double toleratedFailurePercentage, String itemCounts,
                            String executionCounts, int redriveCount, Long redriveTime) {
    }
}
