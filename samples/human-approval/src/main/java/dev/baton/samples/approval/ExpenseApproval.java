package dev.baton.samples.approval;

import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.baton.worker.client.BatonClient;
import dev.baton.worker.client.BatonException;
import dev.baton.worker.client.StateMachineAlreadyExistsException;
import dev.baton.worker.client.StateMachineSummary;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * The human-approval sample: an expense-approval state machine whose approval step waits for a
 * person, and the approval desk (a web page) where that person approves or rejects.
 *
 * <pre>
 * samples/run human-approval server [--port 8080] [--bind 127.0.0.1] [--pending-file FILE]
 * samples/run human-approval submit AMOUNT SUBMITTER [DESCRIPTION...]
 * </pre>
 * Both take {@code --target host:port} (default localhost:7070, or $BATON_TARGET).
 */
public final class ExpenseApproval {
    public static final String ACTIVITY_NAME = "expense-approval";
    public static final String STATE_MACHINE_NAME = "expense-approval";

    /** The ARNs the sample works with. */
    public record Resources(String activityArn, String stateMachineArn) {
    }

    private ExpenseApproval() {
    }

    /** Creates the approval activity and the state machine (both calls are idempotent). */
    public static Resources ensureResources(BatonClient client) {
        String activityArn = client.createActivity(ACTIVITY_NAME).activityArn();
        String definition = definition().replace("${ApprovalActivityArn}", activityArn);
        try {
            return new Resources(activityArn, client.createStateMachine(STATE_MACHINE_NAME, definition).stateMachineArn());
        } catch (StateMachineAlreadyExistsException e) {
            throw new IllegalStateException("A state machine named " + STATE_MACHINE_NAME
                    + " exists with another definition; delete it or use a fresh --data-dir", e);
        }
    }

    static String definition() {
        try (InputStream in = ExpenseApproval.class.getResourceAsStream("/expense-approval.asl.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("the sample's definition is missing from its jar", e);
        }
    }

    /**
     * Task inputs carry more than a record needs (e.g. the expense's submittedAt); amounts are read as
     * decimals (1200.00 stays 1200.00, never a double) and written as 20, never 2E+1.
     */
    static ObjectMapper json() {
        return JsonMapper.builder()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
                .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
                .build();
    }

    public static void main(String[] args) throws Exception {
        String target = System.getenv().getOrDefault("BATON_TARGET", "localhost:7070");
        ApprovalServer.Options options = ApprovalServer.Options.DEFAULT;
        List<String> rest = new ArrayList<>();
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--target" -> target = value(args, ++i);
                    case "--port" -> options = options.withPort(Integer.parseInt(value(args, ++i)));
                    case "--bind" -> options = options.withBind(value(args, ++i));
                    case "--pending-file" -> options = options.withPendingFile(Path.of(value(args, ++i)));
                    default -> rest.add(args[i]);
                }
            }
        } catch (IllegalArgumentException e) {
            usage(e.getMessage());
        }
        String command = rest.isEmpty() ? "" : rest.removeFirst();
        ManagedChannel channel = Grpc.newChannelBuilder(target, InsecureChannelCredentials.create()).build();
        try (BatonClient client = BatonClient.create(channel)) {
            switch (command) {
                case "server" -> serve(channel, client, options);
                case "submit" -> submit(client, rest);
                default -> usage(command.isEmpty() ? "no command" : "unknown command " + command);
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

    private static void serve(ManagedChannel channel, BatonClient client, ApprovalServer.Options options)
            throws IOException, InterruptedException {
        ApprovalServer server = ApprovalServer.start(channel, client, options);
        System.out.println("Approval desk on http://" + options.bind() + ":" + server.port() + "/ (Ctrl-C to stop)");
        System.out.println("State machine " + server.resources().stateMachineArn());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            stopped.countDown();
        }));
        stopped.await();
    }

    private static void submit(BatonClient client, List<String> args) {
        if (args.size() < 2) {
            usage("submit needs AMOUNT and SUBMITTER");
        }
        Expense expense;
        try {
            expense = Expense.of(new BigDecimal(args.get(0)), args.get(1), String.join(" ", args.subList(2, args.size())));
        } catch (IllegalArgumentException e) {
            usage("not an expense: " + e.getMessage());
            return;
        }
        // The server creates the state machine; submitting only finds it.
        String stateMachineArn = client.stateMachines()
                .filter(s -> s.name().equals(STATE_MACHINE_NAME))
                .map(StateMachineSummary::stateMachineArn)
                .findFirst()
                .orElse(null);
        if (stateMachineArn == null) {
            System.err.println("There is no state machine " + STATE_MACHINE_NAME
                    + " yet: start the approval desk first (samples/run human-approval server).");
            System.exit(1);
        }
        ApprovalDesk.Submitted submitted = ApprovalDesk.submit(client, stateMachineArn, expense, json());
        System.out.println(submitted.expenseId() + " " + submitted.executionArn());
        System.out.println("Amounts up to 100 are approved at once (state CheckAmount); others wait on the approval page.");
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            throw new IllegalArgumentException(args[i - 1] + " needs a value");
        }
        return args[i];
    }

    private static void usage(String problem) {
        System.err.println(problem);
        System.err.println("usage: human-approval [--target host:port] server [--port N] [--bind ADDRESS] [--pending-file FILE]");
        System.err.println("       human-approval [--target host:port] submit AMOUNT SUBMITTER [DESCRIPTION...]");
        System.exit(2);
    }
}
