package dev.baton.samples.approval;

import java.time.Instant;
import java.util.Objects;

/**
 * One approval waiting for a person: what the AwaitApproval state sent (its Parameters) and the
 * task token that answers it.
 *
 * @param expenseId the expense's id (the execution's name)
 * @param executionArn the execution waiting for the decision
 * @param expense the expense
 * @param approver who is asked: {@code manager}, or {@code finance-director} once escalated
 * @param escalated whether the first approver let the time run out
 * @param taskToken the token that SendTaskSuccess / SendTaskFailure answer with
 * @param receivedAt when the approval desk received the task, as ISO-8601 text
 */
public record ApprovalRequest(
        String expenseId,
        String executionArn,
        Expense expense,
        String approver,
        boolean escalated,
        String taskToken,
        String receivedAt) {

    public ApprovalRequest {
        Objects.requireNonNull(expenseId, "expenseId");
        Objects.requireNonNull(executionArn, "executionArn");
        Objects.requireNonNull(expense, "expense");
        Objects.requireNonNull(approver, "approver");
        Objects.requireNonNull(taskToken, "taskToken");
        Objects.requireNonNull(receivedAt, "receivedAt");
    }

    /** When the desk received it. */
    public Instant received() {
        return Instant.parse(receivedAt);
    }
}
