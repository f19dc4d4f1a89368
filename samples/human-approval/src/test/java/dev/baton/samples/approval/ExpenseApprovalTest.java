package dev.baton.samples.approval;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.worker.client.Execution;
import dev.baton.worker.client.ExecutionStatus;
import dev.baton.proto.v1.HistoryEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The approval demo end to end over HTTP: a real broker, the sample's approval server, and its page's
 * forms posted as a browser posts them.
 */
class ExpenseApprovalTest {
    /** The definition's TimeoutSeconds of AwaitApproval and AwaitEscalatedApproval, and a second more. */
    static final Duration PAST_MANAGER_TIMEOUT = Duration.ofSeconds(121);
    static final Duration PAST_DIRECTOR_TIMEOUT = Duration.ofSeconds(601);

    @TempDir
    Path dir;
    ApprovalDeskFixture desk;

    @BeforeEach
    void start() throws Exception {
        desk = new ApprovalDeskFixture(dir);
    }

    @AfterEach
    void stop() throws Exception {
        desk.close();
    }

    @Test
    void smallAmountIsApprovedWithoutAsking() throws Exception {
        String id = desk.submit("20", "Ada", "Taxi to the client");

        Execution done = desk.awaitEnd(id);
        assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        JsonNode output = desk.output(done);
        assertThat(output.path("outcome").asText()).isEqualTo("Approved");
        assertThat(output.path("approval").path("approver").asText()).isEqualTo("auto");
        assertThat(output.path("expense").path("amount").decimalValue()).isEqualByComparingTo("20");
        assertThat(desk.listing().path("pending")).isEmpty();
        assertThat(desk.get("/api/expenses").body()).as("amounts are written plainly").contains("\"amount\":20,");
        assertThat(desk.recent(id)).hasValueSatisfying(r -> {
            assertThat(r.path("outcome").asText()).isEqualTo("Approved");
            assertThat(r.path("approver").asText()).isEqualTo("auto");
        });
    }

    @Test
    void approvedOnThePageEndsApproved() throws Exception {
        String id = desk.submit("250", "Ada", "Team dinner <after release>");

        JsonNode pending = desk.awaitPending(id, "manager");
        assertThat(pending.path("amount").decimalValue()).isEqualByComparingTo("250");
        assertThat(pending.path("submitter").asText()).isEqualTo("Ada");
        assertThat(pending.path("escalated").asBoolean()).isFalse();
        String page = desk.get("/").body();
        assertThat(page).contains("id=\"pending-" + id + "\"", "Team dinner &lt;after release&gt;",
                "value=\"approve\">Approve</button>", "value=\"reject\">Reject</button>");

        HttpResponse<String> answer = desk.decide(id, "approve", "enjoy");
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(303);
        assertThat(answer.headers().firstValue("Location")).hasValue("/?decided=" + id);

        Execution done = desk.awaitEnd(id);
        assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        JsonNode output = desk.output(done);
        assertThat(output.path("outcome").asText()).isEqualTo("Approved");
        assertThat(output.path("approval").path("decision").asText()).isEqualTo("Approved");
        assertThat(output.path("approval").path("approver").asText()).isEqualTo("manager");
        assertThat(output.path("approval").path("comment").asText()).isEqualTo("enjoy");
        assertThat(output.has("escalation")).isFalse();
        assertThat(desk.pending(id)).isEmpty();
        assertThat(desk.recent(id)).hasValueSatisfying(r -> assertThat(r.path("outcome").asText()).isEqualTo("Approved"));
        assertThat(desk.get("/").body()).contains("id=\"recent-" + id + "\" data-outcome=\"Approved\"");
    }

    @Test
    void rejectedOnThePageEndsRejected() throws Exception {
        String id = desk.submit("1200.00", "Grace", "New laptop");
        assertThat(desk.awaitPending(id, "manager").path("amount").toString()).as("money keeps its decimals").isEqualTo("1200.00");

        HttpResponse<String> answer = desk.decide(id, "reject", "use the spare one");
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(303);

        Execution done = desk.awaitEnd(id);
        assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        JsonNode output = desk.output(done);
        assertThat(output.path("outcome").asText()).isEqualTo("Rejected");
        assertThat(output.path("approval").path("Error").asText()).isEqualTo(ApprovalDesk.REJECTED_ERROR);
        assertThat(output.path("approval").path("Cause").asText()).isEqualTo("Rejected by the manager: use the spare one");
        assertThat(desk.recent(id)).hasValueSatisfying(r -> {
            assertThat(r.path("outcome").asText()).isEqualTo("Rejected");
            assertThat(r.path("comment").asText()).contains("use the spare one");
        });

        HttpResponse<String> again = desk.decide(id, "approve", "changed my mind");
        assertThat(again.statusCode()).as("a decided expense takes no second decision").isEqualTo(404);
    }

    @Test
    void undecidedApprovalIsEscalatedToTheFinanceDirector() throws Exception {
        String id = desk.submit("900", "Ada", "Conference ticket");
        desk.awaitPending(id, "manager");

        desk.clock.advance(PAST_MANAGER_TIMEOUT);

        JsonNode escalated = desk.awaitPending(id, "finance-director");
        assertThat(escalated.path("escalated").asBoolean()).isTrue();
        assertThat(desk.get("/").body()).contains("finance-director (escalated)");
        assertThat(desk.decide(id, "approve", "ok this once").statusCode()).isEqualTo(303);

        Execution done = desk.awaitEnd(id);
        assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        JsonNode output = desk.output(done);
        assertThat(output.path("outcome").asText()).isEqualTo("Approved");
        assertThat(output.path("escalation").path("to").asText()).isEqualTo("finance-director");
        assertThat(output.path("escalation").path("reason").asText()).isEqualTo("States.Timeout");
        assertThat(output.path("approval").path("approver").asText()).isEqualTo("finance-director");
        assertThat(desk.client.getExecutionHistory(done.executionArn()).stream().map(HistoryEvent::getType))
                .contains("ActivityTimedOut");
        assertThat(desk.recent(id)).hasValueSatisfying(r -> assertThat(r.path("escalated").asBoolean()).isTrue());
    }

    @Test
    void nobodyDecidingEndsWithNoDecision() throws Exception {
        String id = desk.submit("5000", "Grace", "Team offsite");
        desk.awaitPending(id, "manager");
        desk.clock.advance(PAST_MANAGER_TIMEOUT);
        desk.awaitPending(id, "finance-director");

        desk.clock.advance(PAST_DIRECTOR_TIMEOUT);

        Execution done = desk.awaitEnd(id);
        assertThat(done.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(done.error()).hasValue("NoDecision");
        await().atMost(ApprovalDeskFixture.WAIT).until(() -> desk.pending(id).isEmpty());
        assertThat(desk.recent(id)).hasValueSatisfying(r -> assertThat(r.path("outcome").asText()).isEqualTo("NoDecision"));
    }

    @Test
    void decidingAfterTheExecutionStoppedSaysTooLate() throws Exception {
        String id = desk.submit("300", "Ada", "Hotel");
        desk.awaitPending(id, "manager");
        desk.client.stopExecution(desk.executionArn(id));

        HttpResponse<String> answer = desk.decide(id, "approve", "");
        assertThat(answer.statusCode()).isEqualTo(409);
        assertThat(answer.body()).contains("ended before your decision");
        assertThat(desk.pending(id)).isEmpty();
    }

    @Test
    void waitingApprovalsSurviveARestartOfTheDesk() throws Exception {
        String id = desk.submit("640", "Grace", "Training course");
        desk.awaitPending(id, "manager");

        desk.stopServer();
        desk.startServer();

        assertThat(desk.pending(id)).as("the token was kept in the pending file").isPresent();
        assertThat(desk.decide(id, "approve", "after restart").statusCode()).isEqualTo(303);
        assertThat(desk.awaitEnd(id).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    }

    @Test
    void badRequestsGetClearAnswers() throws Exception {
        HttpResponse<String> notANumber = desk.postForm("/expenses", Map.of("amount", "lots", "submitter", "Ada"));
        assertThat(notANumber.statusCode()).isEqualTo(400);
        assertThat(notANumber.body()).contains("amount must be a number such as 125.50, not &#39;lots&#39;");

        HttpResponse<String> negative = desk.postForm("/expenses", Map.of("amount", "-5", "submitter", "Ada"));
        assertThat(negative.statusCode()).isEqualTo(400);
        assertThat(negative.body()).contains("amount must be positive");

        HttpResponse<String> noSubmitter = desk.postForm("/expenses", Map.of("amount", "5"));
        assertThat(noSubmitter.statusCode()).isEqualTo(400);
        assertThat(noSubmitter.body()).contains("submitter is required");

        assertThat(desk.decide("expense-unknown", "approve", "").statusCode()).isEqualTo(404);
        assertThat(desk.decide("expense-unknown", "maybe", "").statusCode()).isEqualTo(400);
        assertThat(desk.get("/expenses").statusCode()).isEqualTo(405);
        assertThat(desk.get("/nothing-here").statusCode()).isEqualTo(404);
        assertThat(desk.listing().path("pending")).isEmpty();
    }
}
