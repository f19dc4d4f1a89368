package dev.baton.samples.approval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.worker.client.BatonClient;
import dev.baton.worker.client.Execution;
import dev.baton.worker.client.ExecutionStatus;
import dev.baton.worker.client.ExecutionSummary;
import dev.baton.worker.client.InvalidTokenException;
import dev.baton.worker.client.TaskTimedOutException;
import dev.baton.worker.client.TaskTokenClient;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * What the approval page and the CLI do: submit an expense (StartExecution), answer a waiting
 * approval with its token (SendTaskSuccess / SendTaskFailure), and list what waits and what was
 * decided. The broker is the record of every decision; this desk only holds the tokens.
 */
public final class ApprovalDesk {
    /** The error a rejection sends; the state machine's Catch routes it to Rejected. */
    public static final String REJECTED_ERROR = "ExpenseRejected";
    public static final int DEFAULT_RECENT = 20;

    private final BatonClient client;
    private final TaskTokenClient tokens;
    private final PendingApprovals pending;
    private final String stateMachineArn;
    private final ObjectMapper json;
    private final Clock clock;
    /** Ended executions never change: each is described once. */
    private final Map<String, Decided> ended = new ConcurrentHashMap<>();

    public ApprovalDesk(BatonClient client, TaskTokenClient tokens, PendingApprovals pending,
                        String stateMachineArn, ObjectMapper json, Clock clock) {
        this.client = client;
        this.tokens = tokens;
        this.pending = pending;
        this.stateMachineArn = stateMachineArn;
        this.json = json;
        this.clock = clock;
    }

    /** A submitted expense. */
    public record Submitted(String expenseId, String executionArn) {
    }

    /** How an answer to an approval went. */
    public enum Answer {
        /** The broker took the decision; the execution moves on. */
        RECORDED,
        /** No approval of that expense waits here. */
        UNKNOWN,
        /** The task ended before the answer (its time ran out and it was escalated, or it was stopped). */
        TOO_LATE
    }

    /**
     * An expense whose execution has ended, or runs without waiting here (being escalated, or
     * waiting for an approval this desk has not received yet).
     *
     * @param outcome Approved, Rejected, or the execution's status or error otherwise
     * @param approver who decided: manager, finance-director, or auto
     * @param comment the approver's comment or the rejection's cause
     */
    public record Decided(String expenseId, String executionArn, ExecutionStatus status, BigDecimal amount,
                          String submitter, String description, String outcome, String approver,
                          String comment, boolean escalated) {
    }

    /** Starts an execution for the expense, named after a new expense id. */
    public Submitted submit(Expense expense) {
        return submit(client, stateMachineArn, expense, json);
    }

    static Submitted submit(BatonClient client, String stateMachineArn, Expense expense, ObjectMapper json) {
        String id = "expense-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        ObjectNode input = json.createObjectNode()
                .put("amount", expense.amount())
                .put("submitter", expense.submitter())
                .put("description", expense.description());
        String arn = client.startExecution(stateMachineArn, id, input.toString()).executionArn();
        return new Submitted(id, arn);
    }

    /** Approves: SendTaskSuccess with the decision, which the Decision state routes on. */
    public Answer approve(String expenseId, String comment) {
        return answer(expenseId, request -> tokens.sendSuccess(request.taskToken(), json.createObjectNode()
                .put("decision", "Approved")
                .put("approver", request.approver())
                .put("comment", comment == null ? "" : comment.strip())
                .toString()));
    }

    /** Rejects: SendTaskFailure with {@value #REJECTED_ERROR}, which the approval state's Catch routes on. */
    public Answer reject(String expenseId, String comment) {
        return answer(expenseId, request -> tokens.sendFailure(request.taskToken(), REJECTED_ERROR,
                "Rejected by the " + request.approver()
                        + (comment == null || comment.isBlank() ? "" : ": " + comment.strip())));
    }

    private Answer answer(String expenseId, Consumer<ApprovalRequest> send) {
        Optional<ApprovalRequest> found = pending.get(expenseId);
        if (found.isEmpty()) {
            return Answer.UNKNOWN;
        }
        ApprovalRequest request = found.get();
        Answer answer;
        try {
            send.accept(request);
            answer = Answer.RECORDED;
        } catch (TaskTimedOutException | InvalidTokenException e) {
            // AWS answers TaskTimedOut for a token whose task has ended: nobody can decide with it any more.
            answer = Answer.TOO_LATE;
        }
        // Other failures (broker unreachable) propagate and keep the approval: its token is still good.
        pending.remove(expenseId, request.taskToken());
        return answer;
    }

    /** The approvals waiting for a person, oldest first; those whose execution ended otherwise are dropped. */
    public List<ApprovalRequest> pending() {
        Instant listedAt = clock.instant();
        var running = client.executions(stateMachineArn, ExecutionStatus.RUNNING)
                .map(ExecutionSummary::executionArn)
                .collect(Collectors.toSet());
        pending.retainRunning(running, listedAt);
        return pending.all();
    }

    /** The newest expenses that are not waiting here, newest first. */
    public List<Decided> recent(int max) {
        var waiting = pending.all().stream().map(ApprovalRequest::executionArn).collect(Collectors.toSet());
        List<ExecutionSummary> newest = client.listExecutions(stateMachineArn, null, max, "").items();
        // Executions that dropped off the newest page do not come back: forget them.
        ended.keySet().retainAll(newest.stream().map(ExecutionSummary::executionArn).collect(Collectors.toSet()));
        return newest.stream()
                .filter(e -> !waiting.contains(e.executionArn()))
                .map(this::decided)
                .toList();
    }

    private Decided decided(ExecutionSummary summary) {
        Decided known = ended.get(summary.executionArn());
        if (known != null) {
            return known;
        }
        Decided d = describe(client.describeExecution(summary.executionArn()));
        if (d.status() != ExecutionStatus.RUNNING) {
            ended.put(d.executionArn(), d);
        }
        return d;
    }

    private Decided describe(Execution e) {
        JsonNode input = read(e.input().orElse("{}"));
        JsonNode output = read(e.output().orElse("{}"));
        JsonNode approval = output.path("approval");
        String outcome = switch (e.status()) {
            case SUCCEEDED -> output.path("outcome").asText("Succeeded");
            case RUNNING -> "In progress";
            default -> e.error().orElse(e.status().name());
        };
        String approver = approval.has("approver") ? approval.path("approver").asText() : null;
        String comment = approval.has("Cause") ? approval.path("Cause").asText()
                : approval.has("comment") ? approval.path("comment").asText()
                : e.cause().orElse(null);
        boolean escalated = output.has("escalation") || "NoDecision".equals(e.error().orElse(""));
        return new Decided(e.name(), e.executionArn(), e.status(), input.path("amount").decimalValue(),
                input.path("submitter").asText(), input.path("description").asText(),
                outcome, approver, comment, escalated);
    }

    private JsonNode read(String text) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            return json.createObjectNode();
        }
    }
}
