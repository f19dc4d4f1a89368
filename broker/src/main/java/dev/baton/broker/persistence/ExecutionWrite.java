package dev.baton.broker.persistence;

import java.util.List;

/**
 * Everything one decision writes, committed in one transaction together with other executions'
 * writes: the execution row (inserted, or updated under its version), its new history events, and
 * the rows of the tasks and timers it created or ended.
 *
 * @param version the execution's version after this write (1 for an insert); an update applies only
 *                when the stored version is {@code version - 1}
 */
public record ExecutionWrite(long executionId, boolean insert, String arn, String stateMachineArn,
                             String definitionHash, String name,
                             String status, long startTime, Long stopTime, int redriveCount, Long redriveTime,
                             int version, byte[] snapshot,
                             List<StoredEvent> events, List<ActivityTaskRecord> tasksToInsert,
                             List<String> tasksToDelete, List<TimerRecord> timersToInsert,
                             List<String> timersToDelete) {

    /** A history event as stored: details are AWS's details object as JSON text, or null. */
    public record StoredEvent(int id, int previousId, String type, long timestamp, String details) {
    }

    public record ActivityTaskRecord(String token, long executionId, String activityArn, String input, long createdAt) {
    }

    public record TimerRecord(String id, long executionId, long dueAt) {
    }
}
