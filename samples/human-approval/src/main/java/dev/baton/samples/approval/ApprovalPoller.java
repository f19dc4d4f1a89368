package dev.baton.samples.approval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.proto.v1.GetActivityTaskRequest;
import dev.baton.proto.v1.GetActivityTaskResponse;
import dev.baton.proto.v1.StepFunctionsGrpc;
import dev.baton.worker.client.BatonException;
import dev.baton.worker.client.TaskTokenClient;
import io.grpc.Channel;
import io.grpc.Context;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;

/**
 * Long-polls the approval activity and files each task, with its token, in {@link PendingApprovals}.
 *
 * <p>Why not an {@link dev.baton.worker.ActivityWorker}: a worker's handler answers its task when it
 * returns, and a person may take days. Here the task is only received; the answer comes later, from
 * the approval page, through {@link TaskTokenClient}: exactly what a {@code .waitForTaskToken} task
 * does, where the token travels in the payload instead.
 */
final class ApprovalPoller implements AutoCloseable {
    /** Longer than the broker's 60-second poll, so an empty answer comes before the deadline. */
    static final Duration POLL_DEADLINE = Duration.ofSeconds(70);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    /** Error sent back for a task whose input is not an approval request. */
    static final String INVALID_REQUEST = "InvalidApprovalRequest";

    private static final Logger log = LoggerFactory.getLogger(ApprovalPoller.class);

    private final StepFunctionsGrpc.StepFunctionsBlockingStub stub;
    private final GetActivityTaskRequest request;
    private final PendingApprovals pending;
    private final TaskTokenClient tokens;
    private final ObjectMapper json;
    private final Clock clock;
    private final Thread thread;
    private volatile boolean closed;
    private volatile Context.CancellableContext poll;

    ApprovalPoller(Channel channel, String activityArn, String workerName, PendingApprovals pending,
                   TaskTokenClient tokens, ObjectMapper json, Clock clock) {
        this.stub = StepFunctionsGrpc.newBlockingStub(channel);
        this.request = GetActivityTaskRequest.newBuilder().setActivityArn(activityArn).setWorkerName(workerName).build();
        this.pending = pending;
        this.tokens = tokens;
        this.json = json;
        this.clock = clock;
        this.thread = Thread.ofPlatform().name("approval-poller").daemon(true).unstarted(this::run);
    }

    ApprovalPoller start() {
        thread.start();
        return this;
    }

    private void run() {
        Duration backoff = Duration.ZERO;
        while (!closed) {
            try {
                if (!backoff.isZero()) {
                    Thread.sleep(backoff);
                }
                GetActivityTaskResponse task = pollOnce();
                backoff = Duration.ZERO;
                if (!task.getTaskToken().isEmpty()) {
                    file(task);
                }
            } catch (StatusRuntimeException e) {
                if (closed && e.getStatus().getCode() == Status.Code.CANCELLED) {
                    return;
                }
                backoff = backoff.isZero() ? Duration.ofSeconds(1) : min(backoff.multipliedBy(2), MAX_BACKOFF);
                log.warn("Polling for approvals failed ({}); polling again in {} s",
                        e.getStatus().getCode(), backoff.toSeconds());
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                // E.g. the pending file cannot be written: keep polling; the approval stays in memory.
                log.error("Filing an approval failed: {}", e.toString());
            }
        }
    }

    private GetActivityTaskResponse pollOnce() {
        Context.CancellableContext context = Context.current().withCancellation();
        poll = context;
        try {
            if (closed) {
                throw Status.CANCELLED.asRuntimeException();
            }
            return context.call(() -> stub.withDeadlineAfter(POLL_DEADLINE).getActivityTask(request));
        } catch (StatusRuntimeException e) {
            throw e;
        } catch (Exception e) {
            // Context.call declares Exception; the blocking stub throws only StatusRuntimeException.
            throw Status.UNKNOWN.withCause(e).asRuntimeException();
        } finally {
            context.cancel(null);
        }
    }

    /** Files the task, or fails it at once when it is no approval request, so nobody waits for nothing. */
    private void file(GetActivityTaskResponse task) {
        ApprovalRequest approval;
        try {
            JsonNode input = json.readTree(task.getInput());
            approval = new ApprovalRequest(
                    input.path("expenseId").asText(),
                    input.path("executionArn").asText(),
                    json.treeToValue(input.path("expense"), Expense.class),
                    input.path("approver").asText("manager"),
                    input.path("escalated").asBoolean(false),
                    task.getTaskToken(),
                    clock.instant().toString());
            if (approval.expenseId().isEmpty() || approval.executionArn().isEmpty()) {
                throw new IllegalArgumentException("expenseId and executionArn are required");
            }
        } catch (Exception e) {
            log.warn("Task input is not an approval request; failing the task: {}", e.getMessage());
            try {
                tokens.sendFailure(task.getTaskToken(), INVALID_REQUEST,
                        "The approval task's input needs expenseId, executionArn and expense {amount, submitter, description}: "
                                + e.getMessage());
            } catch (BatonException failed) {
                log.warn("Could not fail the task: {}", failed.getMessage());
            }
            return;
        }
        pending.add(approval);
        log.info("Approval of {} ({} by {}) waits for the {}", approval.expenseId(),
                approval.expense().amount().toPlainString(), approval.expense().submitter(), approval.approver());
    }

    /** Stops polling; a poll in flight is cancelled (the broker keeps a task it had not handed over). */
    @Override
    public void close() throws InterruptedException {
        closed = true;
        Context.CancellableContext current = poll;
        if (current != null) {
            current.cancel(null);
        }
        thread.interrupt();
        thread.join(Duration.ofSeconds(10));
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
