package dev.baton.samples.orders;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.worker.client.BatonClient;
import dev.baton.worker.client.BatonException;
import dev.baton.worker.client.Execution;
import dev.baton.worker.client.ExecutionAlreadyExistsException;
import dev.baton.worker.client.ExecutionStatus;
import dev.baton.worker.client.StateMachineAlreadyExistsException;
import io.grpc.Channel;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The order-fulfillment sample: a state machine that validates an order, reserves stock (retrying
 * a busy warehouse), authorizes payment, ships and notifies in parallel and records the sale; and
 * the worker process that runs its seven activities.
 *
 * <pre>
 * samples/run order-fulfillment worker [--warehouse-outages N]
 * samples/run order-fulfillment start [--card NUMBER] [--order-id ID] [--name NAME] [--email ADDRESS] [SKU:QUANTITY...]
 * </pre>
 * Both take {@code --target host:port} (default localhost:7070, or $BATON_TARGET).
 */
public final class OrderFulfillment {
    public static final String STATE_MACHINE_NAME = "order-fulfillment";
    public static final List<String> DEFAULT_ITEMS = List.of("BOOK-42:2", "MUG-7:1");

    /** An order as the shop sends it: the execution's input. */
    public record Order(String orderId, Customer customer, List<OrderLine> items, String card) {
    }

    /** The ARNs of the sample's activities. */
    public record Activities(String validateOrder, String reserveInventory, String releaseInventory,
                             String authorizePayment, String shipOrder, String notifyCustomer, String recordAnalytics) {
    }

    /** The ARNs the sample works with. */
    public record Resources(Activities activities, String stateMachineArn) {
    }

    private OrderFulfillment() {
    }

    /** Creates the seven activities and the state machine (all calls are idempotent). */
    public static Resources ensureResources(BatonClient client) {
        Activities arns = new Activities(
                client.createActivity("validate-order").activityArn(),
                client.createActivity("reserve-inventory").activityArn(),
                client.createActivity("release-inventory").activityArn(),
                client.createActivity("authorize-payment").activityArn(),
                client.createActivity("ship-order").activityArn(),
                client.createActivity("notify-customer").activityArn(),
                client.createActivity("record-analytics").activityArn());
        String definition = definition()
                .replace("${ValidateOrderArn}", arns.validateOrder())
                .replace("${ReserveInventoryArn}", arns.reserveInventory())
                .replace("${ReleaseInventoryArn}", arns.releaseInventory())
                .replace("${AuthorizePaymentArn}", arns.authorizePayment())
                .replace("${ShipOrderArn}", arns.shipOrder())
                .replace("${NotifyCustomerArn}", arns.notifyCustomer())
                .replace("${RecordAnalyticsArn}", arns.recordAnalytics());
        try {
            return new Resources(arns, client.createStateMachine(STATE_MACHINE_NAME, definition).stateMachineArn());
        } catch (StateMachineAlreadyExistsException e) {
            throw new IllegalStateException("A state machine named " + STATE_MACHINE_NAME
                    + " exists with another definition; delete it or use a fresh --data-dir", e);
        }
    }

    static String definition() {
        try (InputStream in = OrderFulfillment.class.getResourceAsStream("/order-fulfillment.asl.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("the sample's definition is missing from its jar", e);
        }
    }

    /**
     * Starts the order's execution, named after the order, so an order is never fulfilled twice: as
     * on AWS, starting it again while it runs returns the same execution, and after it has ended
     * fails with ExecutionAlreadyExists.
     */
    public static String start(BatonClient client, String stateMachineArn, Order order) {
        try {
            return client.startExecution(stateMachineArn, order.orderId(), new ObjectMapper().writeValueAsString(order))
                    .executionArn();
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the order cannot be written as JSON", e);
        }
    }

    public static void main(String[] args) throws Exception {
        String target = System.getenv().getOrDefault("BATON_TARGET", "localhost:7070");
        String card = PaymentGateway.APPROVED_CARD;
        String orderId = "order-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        String name = "Ada";
        String email = "ada@example.com";
        int outages = 0;
        List<String> rest = new ArrayList<>();
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--target" -> target = value(args, ++i);
                    case "--card" -> card = value(args, ++i);
                    case "--order-id" -> orderId = value(args, ++i);
                    case "--name" -> name = value(args, ++i);
                    case "--email" -> email = value(args, ++i);
                    case "--warehouse-outages" -> outages = Integer.parseInt(value(args, ++i));
                    default -> rest.add(args[i]);
                }
            }
        } catch (IllegalArgumentException e) {
            usage(e.getMessage());
        }
        String command = rest.isEmpty() ? "" : rest.removeFirst();
        if (!command.equals("worker") && !command.equals("start")) {
            usage(command.isEmpty() ? "no command" : "unknown command " + command);
        }
        ManagedChannel channel = Grpc.newChannelBuilder(target, InsecureChannelCredentials.create()).build();
        try (BatonClient client = BatonClient.create(channel)) {
            Resources resources = ensureResources(client);
            if (command.equals("worker")) {
                runWorker(channel, resources, outages);
            } else {
                List<OrderLine> items = items(rest.isEmpty() ? DEFAULT_ITEMS : rest);
                Order order = new Order(orderId, new Customer(name, email), items, card);
                String arn;
                try {
                    arn = start(client, resources.stateMachineArn(), order);
                } catch (ExecutionAlreadyExistsException e) {
                    System.err.println("Order " + orderId + " was placed before, and an order runs once: " + e.errorMessage());
                    System.exit(1);
                    return;
                }
                Execution done = client.awaitExecution(arn, Duration.ofMinutes(5));
                System.out.println(done.executionArn() + " " + done.status());
                done.output().ifPresent(System.out::println);
                done.error().ifPresent(error -> System.out.println(error + ": " + done.cause().orElse("")));
                if (done.status() == ExecutionStatus.RUNNING) {
                    System.out.println("(still running: is the worker up? samples/run order-fulfillment worker)");
                }
            }
        } catch (BatonException | IllegalStateException e) {
            // The broker is unreachable or refused: a message, not a stack trace.
            System.err.println(e instanceof BatonException b
                    ? b.errorName() + ": " + b.errorMessage() + " (broker at " + target + ")"
                    : e.getMessage());
            System.exit(1);
        } finally {
            channel.shutdownNow();
        }
    }

    private static List<OrderLine> items(List<String> specs) {
        List<OrderLine> items = new ArrayList<>();
        for (String spec : specs) {
            String[] parts = spec.split(":", 2);
            try {
                items.add(new OrderLine(parts[0], parts.length == 2 ? Integer.parseInt(parts[1]) : 1));
            } catch (NumberFormatException e) {
                usage("an item is SKU:QUANTITY, e.g. BOOK-42:2, not " + spec);
            }
        }
        return items;
    }

    private static void runWorker(Channel channel, Resources resources, int outages) throws InterruptedException {
        FulfillmentWorker.Services services = FulfillmentWorker.Services.demo();
        services.warehouse().failNext(outages);
        FulfillmentWorker worker = FulfillmentWorker.start(channel, resources, services);
        System.out.println("Worker polling the " + STATE_MACHINE_NAME + " activities (Ctrl-C to stop); catalogue "
                + services.catalogue().prices());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                worker.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            stopped.countDown();
        }));
        stopped.await();
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            throw new IllegalArgumentException(args[i - 1] + " needs a value");
        }
        return args[i];
    }

    private static void usage(String problem) {
        System.err.println(problem);
        System.err.println("usage: order-fulfillment [--target host:port] worker [--warehouse-outages N]");
        System.err.println("       order-fulfillment [--target host:port] start [--card NUMBER] [--order-id ID]"
                + " [--name NAME] [--email ADDRESS] [SKU:QUANTITY...]");
        System.err.println("test cards: " + PaymentGateway.APPROVED_CARD + " (authorized), " + PaymentGateway.DECLINED_CARD
                + " (declined), " + PaymentGateway.INSUFFICIENT_FUNDS_CARD + " (insufficient funds)");
        System.exit(2);
    }
}
