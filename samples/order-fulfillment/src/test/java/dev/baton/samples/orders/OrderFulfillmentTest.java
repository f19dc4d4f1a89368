package dev.baton.samples.orders;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.broker.Broker;
import dev.baton.broker.BrokerConfig;
import dev.baton.proto.v1.HistoryEvent;
import dev.baton.worker.client.BatonClient;
import dev.baton.worker.client.Execution;
import dev.baton.worker.client.ExecutionAlreadyExistsException;
import dev.baton.worker.client.ExecutionStatus;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The sample end to end: a real broker (with a settable clock, so retry back-off passes without
 * waiting), the sample's worker process polling all seven activities, and orders started as the
 * starter starts them.
 */
class OrderFulfillmentTest {
    static final Duration WAIT = Duration.ofSeconds(30);
    static final Customer ADA = new Customer("Ada", "ada@example.com");

    /** The broker's clock: the retry test moves it through the back-off. */
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

    @TempDir
    Path dir;
    final SettableClock clock = new SettableClock();
    final ObjectMapper json = new ObjectMapper();
    Broker broker;
    ManagedChannel channel;
    BatonClient client;
    OrderFulfillment.Resources resources;
    FulfillmentWorker.Services services;
    FulfillmentWorker worker;

    @BeforeEach
    void start() throws Exception {
        broker = Broker.start(BrokerConfig.builder().dataDir(dir).grpcPort(0).httpPort(-1).clock(clock).build());
        channel = NettyChannelBuilder.forAddress("127.0.0.1", broker.grpcPort()).usePlaintext().build();
        client = BatonClient.create(channel);
        resources = OrderFulfillment.ensureResources(client);
        assertThat(OrderFulfillment.ensureResources(client)).as("setting up twice is harmless").isEqualTo(resources);
        services = FulfillmentWorker.Services.demo();
        worker = FulfillmentWorker.start(channel, resources, services);
    }

    @AfterEach
    void stop() throws Exception {
        // Every execution has ended: nothing runs, so polls parked at the broker can be cancelled.
        worker.shutdownNow();
        try {
            assertThat(worker.awaitTermination(WAIT)).isTrue();
        } finally {
            client.close();
            channel.shutdownNow();
            broker.close();
        }
    }

    @Test
    void paidOrderIsShippedNotifiedAndRecorded() throws Exception {
        OrderFulfillment.Order order = new OrderFulfillment.Order("order-1001", ADA,
                List.of(new OrderLine("BOOK-42", 2), new OrderLine("MUG-7", 1)), PaymentGateway.APPROVED_CARD);

        Execution done = run(order);

        assertThat(done.status()).as(done.toString()).isEqualTo(ExecutionStatus.SUCCEEDED);
        JsonNode output = json.readTree(done.output().orElseThrow());
        assertThat(output.path("orderId").asText()).isEqualTo("order-1001");
        assertThat(output.path("status").asText()).isEqualTo("FULFILLED");
        assertThat(output.path("total").decimalValue()).isEqualByComparingTo("59.30");
        assertThat(output.path("authorizationId").asText()).startsWith("auth-");
        assertThat(output.path("trackingNumber").asText()).startsWith("BP");
        assertThat(services.warehouse().inStock("BOOK-42")).isEqualTo(98);
        assertThat(services.notifications().sent()).singleElement().satisfies(m -> {
            assertThat(m.to()).isEqualTo("ada@example.com");
            assertThat(m.messageId()).isEqualTo(output.path("notificationId").asText());
        });
        assertThat(services.analytics().sales()).singleElement().satisfies(sale -> {
            assertThat(sale.orderId()).isEqualTo("order-1001");
            assertThat(sale.itemCount()).isEqualTo(2);
            assertThat(sale.trackingNumber()).isEqualTo(output.path("trackingNumber").asText());
        });
        assertThat(types(done)).contains("ParallelStateEntered", "ParallelStateSucceeded", "ChoiceStateEntered");

        assertThatThrownBy(() -> OrderFulfillment.start(client, resources.stateMachineArn(), order))
                .as("an order is fulfilled once")
                .isInstanceOf(ExecutionAlreadyExistsException.class);
    }

    @Test
    void busyWarehouseIsRetriedWithBackOff() throws Exception {
        services.warehouse().failNext(2);
        OrderFulfillment.Order order = new OrderFulfillment.Order("order-1002", ADA,
                List.of(new OrderLine("TEE-3", 3)), PaymentGateway.APPROVED_CARD);
        String arn = OrderFulfillment.start(client, resources.stateMachineArn(), order);

        // Retry: IntervalSeconds 2, BackoffRate 2.0: the second attempt after 2 s, the third 4 s later.
        awaitFailures(arn, 1);
        clock.advance(Duration.ofSeconds(2));
        awaitFailures(arn, 2);
        clock.advance(Duration.ofSeconds(4));

        Execution done = await().atMost(WAIT).until(() -> client.describeExecution(arn),
                e -> e.status() != ExecutionStatus.RUNNING);
        assertThat(done.status()).as(done.toString()).isEqualTo(ExecutionStatus.SUCCEEDED);
        List<HistoryEvent> history = client.getExecutionHistory(arn);
        assertThat(history.stream().filter(e -> e.getType().equals("ActivityFailed")))
                .hasSize(2)
                .allSatisfy(e -> assertThat(e.getActivityFailedEventDetails().getError()).isEqualTo(Warehouse.UNAVAILABLE));
        assertThat(services.warehouse().inStock("TEE-3")).as("reserved once, not three times").isEqualTo(97);
    }

    @Test
    void declinedCardReleasesTheStockAndFails() throws Exception {
        Execution done = run(new OrderFulfillment.Order("order-1003", ADA,
                List.of(new OrderLine("BOOK-42", 1)), PaymentGateway.DECLINED_CARD));

        assertThat(done.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(done.error()).hasValue("PaymentDeclined");
        assertThat(done.cause()).hasValue("card declined");
        assertThat(types(done)).contains("ChoiceStateEntered").doesNotContain("ParallelStateEntered");
        assertThat(services.warehouse().inStock("BOOK-42")).as("the reservation was released").isEqualTo(100);
        assertThat(services.notifications().sent()).isEmpty();
        assertThat(services.analytics().sales()).isEmpty();
    }

    @Test
    void invalidOrderFailsBeforeAnythingIsReserved() throws Exception {
        Execution done = run(new OrderFulfillment.Order("order-1004", ADA,
                List.of(new OrderLine("BOOK-42", 1), new OrderLine("PIANO-1", 1)), PaymentGateway.APPROVED_CARD));

        assertThat(done.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(done.error()).hasValue(Catalogue.INVALID_ORDER);
        assertThat(done.cause().orElseThrow()).contains("Unknown SKU PIANO-1", "BOOK-42");
        assertThat(services.warehouse().inStock("BOOK-42")).isEqualTo(100);
    }

    private Execution run(OrderFulfillment.Order order) throws InterruptedException {
        String arn = OrderFulfillment.start(client, resources.stateMachineArn(), order);
        return client.awaitExecution(arn, WAIT);
    }

    private void awaitFailures(String arn, int count) {
        await().atMost(WAIT).until(() -> client.getExecutionHistory(arn).stream()
                .filter(e -> e.getType().equals("ActivityFailed")).count() >= count);
    }

    private List<String> types(Execution execution) {
        return client.getExecutionHistory(execution.executionArn()).stream().map(HistoryEvent::getType).toList();
    }
}
