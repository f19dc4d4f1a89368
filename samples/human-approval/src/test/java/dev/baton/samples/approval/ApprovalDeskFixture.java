package dev.baton.samples.approval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.broker.Broker;
import dev.baton.broker.BrokerConfig;
import dev.baton.worker.client.BatonClient;
import dev.baton.worker.client.Execution;
import dev.baton.worker.client.ExecutionStatus;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A real broker on a free port with a settable clock (so approval time-outs pass without waiting),
 * the approval server on a free port, and an HTTP client that talks to its page like a browser's
 * forms do.
 */
final class ApprovalDeskFixture implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(30);

    /** The broker's clock: tests move it past TimeoutSeconds. */
    static final class SettableClock implements InstantSource {
        private volatile Instant now = Instant.now();

        @Override
        public Instant instant() {
            return now;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }
    }

    final SettableClock clock = new SettableClock();
    final Broker broker;
    final ManagedChannel channel;
    final BatonClient client;
    final Path pendingFile;
    ApprovalServer server;
    final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    final ObjectMapper json = ExpenseApproval.json();

    ApprovalDeskFixture(Path dir) throws IOException {
        broker = Broker.start(BrokerConfig.builder().dataDir(dir.resolve("broker")).grpcPort(0).httpPort(-1)
                .clock(clock).build());
        channel = NettyChannelBuilder.forAddress("127.0.0.1", broker.grpcPort()).usePlaintext().build();
        client = BatonClient.create(channel);
        pendingFile = dir.resolve("desk").resolve("pending-approvals.json");
        startServer();
    }

    void startServer() throws IOException {
        server = ApprovalServer.start(channel, client,
                ApprovalServer.Options.DEFAULT.withPort(0).withPendingFile(pendingFile));
    }

    void stopServer() throws InterruptedException {
        server.close();
    }

    String base() {
        return "http://127.0.0.1:" + server.port();
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(base() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> postForm(String path, Map<String, String> fields) throws IOException, InterruptedException {
        String body = fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return http.send(HttpRequest.newBuilder(URI.create(base() + path))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Submits through the page's form and returns the new expense's id. */
    String submit(String amount, String submitter, String description) throws IOException, InterruptedException {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("amount", amount);
        form.put("submitter", submitter);
        form.put("description", description);
        HttpResponse<String> response = postForm("/expenses", form);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(303);
        String location = response.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith("/?submitted=expense-");
        return location.substring("/?submitted=".length());
    }

    HttpResponse<String> decide(String expenseId, String decision, String comment) throws IOException, InterruptedException {
        return postForm("/expenses/" + expenseId + "/decision", Map.of("decision", decision, "comment", comment));
    }

    JsonNode listing() throws IOException, InterruptedException {
        HttpResponse<String> response = get("/api/expenses");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    Optional<JsonNode> pending(String expenseId) throws IOException, InterruptedException {
        return find(listing().path("pending"), expenseId);
    }

    Optional<JsonNode> recent(String expenseId) throws IOException, InterruptedException {
        return find(listing().path("recent"), expenseId);
    }

    private static Optional<JsonNode> find(JsonNode items, String expenseId) {
        return StreamSupport.stream(items.spliterator(), false)
                .filter(item -> item.path("expenseId").asText().equals(expenseId))
                .findFirst();
    }

    /** Waits until the desk lists the expense as waiting for {@code approver}. */
    JsonNode awaitPending(String expenseId, String approver) {
        return await().atMost(WAIT).until(() -> pending(expenseId)
                .filter(p -> p.path("approver").asText().equals(approver)), Optional::isPresent).orElseThrow();
    }

    String executionArn(String expenseId) {
        return server.resources().stateMachineArn().replace(":stateMachine:", ":execution:") + ":" + expenseId;
    }

    /** Waits until the expense's execution has ended. */
    Execution awaitEnd(String expenseId) {
        String arn = executionArn(expenseId);
        return await().atMost(WAIT).until(() -> client.describeExecution(arn), e -> e.status() != ExecutionStatus.RUNNING);
    }

    JsonNode output(Execution execution) throws IOException {
        return json.readTree(execution.output().orElseThrow());
    }

    @Override
    public void close() throws Exception {
        try {
            server.close();
        } finally {
            client.close();
            channel.shutdownNow();
            broker.close();
        }
    }
}
