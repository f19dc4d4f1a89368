package dev.baton.samples.hello;

import dev.baton.worker.ActivityWorker;
import dev.baton.worker.client.BatonClient;
import dev.baton.worker.client.Execution;
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
import java.util.concurrent.CountDownLatch;

/**
 * The hello-activity sample: an activity worker that writes greetings, a state machine that calls
 * it, and a starter that runs one execution and prints its output.
 *
 * <pre>
 * samples/run hello-activity worker          # runs the worker until Ctrl-C
 * samples/run hello-activity start Ada       # starts an execution, waits, prints its output
 * </pre>
 * Both take {@code --target host:port} (default localhost:7070, or $BATON_TARGET).
 */
public final class HelloActivity {
    public static final String ACTIVITY_NAME = "hello-greeter";
    public static final String STATE_MACHINE_NAME = "hello-activity";

    /** What the state machine sends the worker. */
    public record GreetRequest(String name) {
    }

    /** What the worker answers. */
    public record Greeting(String text) {
    }

    /** The ARNs the sample works with. */
    public record Resources(String activityArn, String stateMachineArn) {
    }

    private HelloActivity() {
    }

    /** Creates the activity and the state machine (both calls are idempotent). */
    public static Resources ensureResources(BatonClient client) {
        String activityArn = client.createActivity(ACTIVITY_NAME).activityArn();
        String definition = definition().replace("${GreeterActivityArn}", activityArn);
        String stateMachineArn;
        try {
            stateMachineArn = client.createStateMachine(STATE_MACHINE_NAME, definition).stateMachineArn();
        } catch (StateMachineAlreadyExistsException e) {
            throw new IllegalStateException("A state machine named " + STATE_MACHINE_NAME
                    + " exists with another definition; delete it or use a fresh --data-dir", e);
        }
        return new Resources(activityArn, stateMachineArn);
    }

    static String definition() {
        try (InputStream in = HelloActivity.class.getResourceAsStream("/hello-activity.asl.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("the sample's definition is missing from its jar", e);
        }
    }

    /** The worker: greets whoever the task names. */
    public static ActivityWorker worker(Channel channel, String activityArn) {
        return ActivityWorker.builder(channel)
                .activityArn(activityArn)
                .handler(GreetRequest.class, (request, context) -> {
                    if (request.name() == null || request.name().isBlank()) {
                        throw new IllegalArgumentException("a greeting needs a name");
                    }
                    return new Greeting("Hello, " + request.name() + "!");
                })
                .workerName("hello-worker")
                .maxConcurrentTasks(4)
                .build();
    }

    /** Starts an execution for {@code name} and waits until it ends. */
    public static Execution greet(BatonClient client, String stateMachineArn, String name, Duration timeout)
            throws InterruptedException {
        String input = "{\"name\":\"" + name.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}";
        String executionArn = client.startExecution(stateMachineArn, input).executionArn();
        return client.awaitExecution(executionArn, timeout);
    }

    public static void main(String[] args) throws Exception {
        String target = System.getenv().getOrDefault("BATON_TARGET", "localhost:7070");
        String command = null;
        String name = "World";
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--target") && i + 1 < args.length) {
                target = args[++i];
            } else if (command == null) {
                command = args[i];
            } else {
                name = args[i];
            }
        }
        if (command == null || !(command.equals("worker") || command.equals("start"))) {
            System.err.println("usage: hello-activity [--target host:port] worker | start [NAME]");
            System.exit(2);
        }
        ManagedChannel channel = Grpc.newChannelBuilder(target, InsecureChannelCredentials.create()).build();
        try (BatonClient client = BatonClient.create(channel)) {
            Resources resources = ensureResources(client);
            if (command.equals("worker")) {
                runWorker(channel, resources);
            } else {
                Execution done = greet(client, resources.stateMachineArn(), name, Duration.ofMinutes(5));
                System.out.println(done.executionArn() + " " + done.status());
                done.output().ifPresent(System.out::println);
                done.error().ifPresent(error -> System.out.println(error + ": " + done.cause().orElse("")));
                if (done.status() == ExecutionStatus.RUNNING) {
                    System.out.println("(still running: is the worker up? samples/run hello-activity worker)");
                }
            }
        } finally {
            channel.shutdownNow();
        }
    }

    private static void runWorker(Channel channel, Resources resources) throws InterruptedException {
        ActivityWorker worker = worker(channel, resources.activityArn()).start();
        System.out.println("Worker polling " + resources.activityArn() + " (Ctrl-C to stop)");
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            // Let running tasks report; then stop waiting for polls in flight (they can last up to 60 s).
            worker.shutdown();
            try {
                if (!worker.awaitTermination(Duration.ofSeconds(10))) {
                    worker.shutdownNow();
                    worker.awaitTermination(Duration.ofSeconds(5));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            stopped.countDown();
        }));
        stopped.await();
    }
}
