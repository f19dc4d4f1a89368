package dev.baton.samples.approval;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.worker.client.BatonClient;
import dev.baton.worker.client.TaskTokenClient;
import io.grpc.Channel;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;

/**
 * The approval desk as one running thing: sets up the activity and state machine, polls for
 * approval tasks, and serves the page. Closing it stops the poller, then the page.
 */
public final class ApprovalServer implements AutoCloseable {

    /**
     * @param bind address the page listens on
     * @param port the page's port; 0 for a free one
     * @param pendingFile where the waiting approvals (with their tokens) are kept
     * @param workerName recorded in each ActivityStarted event
     * @param clock when approvals were received
     */
    public record Options(String bind, int port, Path pendingFile, String workerName, Clock clock) {
        public static final String DEFAULT_BIND = "127.0.0.1";
        public static final int DEFAULT_PORT = 8080;
        public static final Path DEFAULT_PENDING_FILE = Path.of("approval-data", "pending-approvals.json");
        public static final String DEFAULT_WORKER_NAME = "approval-desk";
        public static final Options DEFAULT = new Options(
                DEFAULT_BIND, DEFAULT_PORT, DEFAULT_PENDING_FILE, DEFAULT_WORKER_NAME, Clock.systemUTC());

        public Options {
            Objects.requireNonNull(bind, "bind");
            Objects.requireNonNull(pendingFile, "pendingFile");
            Objects.requireNonNull(workerName, "workerName");
            Objects.requireNonNull(clock, "clock");
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be 0 to 65535: " + port);
            }
        }

        public Options withPort(int port) {
            return new Options(bind, port, pendingFile, workerName, clock);
        }

        public Options withBind(String bind) {
            return new Options(bind, port, pendingFile, workerName, clock);
        }

        public Options withPendingFile(Path pendingFile) {
            return new Options(bind, port, pendingFile, workerName, clock);
        }
    }

    private final ExpenseApproval.Resources resources;
    private final ApprovalDesk desk;
    private final ApprovalPoller poller;
    private final ApprovalWebApp web;
    private final TaskTokenClient tokens;

    private ApprovalServer(ExpenseApproval.Resources resources, ApprovalDesk desk, ApprovalPoller poller,
                           ApprovalWebApp web, TaskTokenClient tokens) {
        this.resources = resources;
        this.desk = desk;
        this.poller = poller;
        this.web = web;
        this.tokens = tokens;
    }

    /** Starts the desk on a channel the caller owns (and closes after this server). */
    public static ApprovalServer start(Channel channel, BatonClient client, Options options) throws IOException {
        ObjectMapper json = ExpenseApproval.json();
        ExpenseApproval.Resources resources = ExpenseApproval.ensureResources(client);
        PendingApprovals pending = PendingApprovals.open(options.pendingFile(), json);
        TaskTokenClient tokens = TaskTokenClient.create(channel);
        ApprovalDesk desk = new ApprovalDesk(client, tokens, pending, resources.stateMachineArn(), json, options.clock());
        ApprovalWebApp web = ApprovalWebApp.start(desk, json, options.bind(), options.port());
        ApprovalPoller poller = new ApprovalPoller(channel, resources.activityArn(), options.workerName(), pending,
                tokens, json, options.clock()).start();
        return new ApprovalServer(resources, desk, poller, web, tokens);
    }

    public ExpenseApproval.Resources resources() {
        return resources;
    }

    public ApprovalDesk desk() {
        return desk;
    }

    /** The page's port. */
    public int port() {
        return web.port();
    }

    @Override
    public void close() throws InterruptedException {
        try {
            poller.close();
        } finally {
            web.close();
            tokens.close();
        }
    }
}
