package dev.baton.broker;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code bin/baton}: runs a broker until SIGTERM/SIGINT, then shuts it down gracefully. */
@Command(name = "baton", mixinStandardHelpOptions = true, version = "Baton 0.1.0",
        description = {"Runs the Baton broker: AWS Step Functions state machines on your own machines.",
                "Every option can also be set with the environment variable shown; a flag wins over the variable."},
        sortOptions = false)
public final class BrokerMain implements Callable<Integer> {

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "${env:BATON_DATA_DIR:-./data}",
            description = "Directory of the embedded H2 database (env BATON_DATA_DIR, default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--grpc-port", paramLabel = "PORT", defaultValue = "${env:BATON_GRPC_PORT:-7070}",
            description = "Port of the gRPC API (env BATON_GRPC_PORT, default: ${DEFAULT-VALUE}; 0 picks a free port).")
    int grpcPort;

    @Option(names = "--http-port", paramLabel = "PORT", defaultValue = "${env:BATON_HTTP_PORT:-8083}",
            description = "Port of the AWS Step Functions JSON endpoint for the AWS CLI and SDKs "
                    + "(env BATON_HTTP_PORT, default: ${DEFAULT-VALUE}; 0 picks a free port, -1 turns it off).")
    int httpPort;

    @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = "${env:BATON_BIND:-127.0.0.1}",
            description = "Address both ports listen on (env BATON_BIND, default: ${DEFAULT-VALUE}; "
                    + "0.0.0.0 listens on every interface: Baton does not authenticate callers yet).")
    String bind;

    @Option(names = "--region", paramLabel = "REGION", defaultValue = "${env:BATON_REGION:-us-east-1}",
            description = "Region used in ARNs (env BATON_REGION, default: ${DEFAULT-VALUE}).")
    String region;

    @Option(names = "--account", paramLabel = "ACCOUNT", defaultValue = "${env:BATON_ACCOUNT:-123456789012}",
            description = "Account id used in ARNs (env BATON_ACCOUNT, default: ${DEFAULT-VALUE}).")
    String account;

    @Override
    public Integer call() throws Exception {
        BrokerConfig config;
        try {
            config = BrokerConfig.builder().dataDir(dataDir).grpcPort(grpcPort).httpPort(httpPort).bind(bind)
                    .region(region).account(account).build();
        } catch (IllegalArgumentException e) {
            System.err.println("baton: " + e.getMessage());
            return 2;
        }
        Broker broker;
        try {
            broker = Broker.start(config);
        } catch (Exception e) {
            System.err.println("baton: cannot start: " + e.getMessage());
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("baton-shutdown").unstarted(() -> {
            broker.close();
            stopped.countDown();
        }));
        broker.awaitTermination();
        stopped.await();
        return 0;
    }

    public static void main(String[] args) {
        // The broker jar carries its logging setup under its own name, so that embedding the broker
        // (tests, samples) never meets a second logback.xml; -Dlogback.configurationFile still wins.
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "baton-logback.xml");
        }
        System.exit(new CommandLine(new BrokerMain()).execute(args));
    }
}
