package dev.baton.broker;

import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;

/**
 * How a broker runs. Immutable; build with {@link #builder()}.
 *
 * @param grpcPort 0 picks a free port
 * @param httpPort 0 picks a free port; -1 turns the AWS-protocol HTTP endpoint off
 */
public record BrokerConfig(Path dataDir, String bind, int grpcPort, int httpPort, String region, String account,
                           Duration pollTimeout, InstantSource clock, int maxCachedExecutions) {
    public static final Path DEFAULT_DATA_DIR = Path.of("data");
    public static final String DEFAULT_BIND = "127.0.0.1";
    public static final int DEFAULT_GRPC_PORT = 7070;
    public static final int DEFAULT_HTTP_PORT = 8083;
    public static final String DEFAULT_REGION = "us-east-1";
    public static final String DEFAULT_ACCOUNT = "123456789012";
    /** AWS holds a GetActivityTask call for up to 60 seconds. */
    public static final Duration DEFAULT_POLL_TIMEOUT = Duration.ofSeconds(60);

    public static Builder builder() {
        return new Builder();
    }

    /** The role executions report when a state machine was created without a roleArn. */
    public String defaultRoleArn() {
        return "arn:aws:iam::" + account + ":role/baton-execution-role";
    }

    public static final class Builder {
        private Path dataDir = DEFAULT_DATA_DIR;
        private String bind = DEFAULT_BIND;
        private int grpcPort = DEFAULT_GRPC_PORT;
        private int httpPort = DEFAULT_HTTP_PORT;
        private String region = DEFAULT_REGION;
        private String account = DEFAULT_ACCOUNT;
        private Duration pollTimeout = DEFAULT_POLL_TIMEOUT;
        private InstantSource clock = InstantSource.system();
        private int maxCachedExecutions = dev.baton.broker.runtime.ExecutionRuntime.DEFAULT_MAX_CACHED_EXECUTIONS;

        public Builder dataDir(Path dataDir) {
            this.dataDir = dataDir;
            return this;
        }

        public Builder bind(String bind) {
            this.bind = bind;
            return this;
        }

        public Builder grpcPort(int grpcPort) {
            this.grpcPort = grpcPort;
            return this;
        }

        public Builder httpPort(int httpPort) {
            this.httpPort = httpPort;
            return this;
        }

        public Builder region(String region) {
            this.region = region;
            return this;
        }

        public Builder account(String account) {
            this.account = account;
            return this;
        }

        public Builder pollTimeout(Duration pollTimeout) {
            this.pollTimeout = pollTimeout;
            return this;
        }

        public Builder clock(InstantSource clock) {
            this.clock = clock;
            return this;
        }

        /** Most executions kept in memory; idle ones beyond it are reloaded from the database when needed. */
        public Builder maxCachedExecutions(int maxCachedExecutions) {
            this.maxCachedExecutions = maxCachedExecutions;
            return this;
        }

        public BrokerConfig build() {
            if (!region.matches("[a-z0-9-]+")) {
                throw new IllegalArgumentException("invalid region '" + region + "': use lower-case letters, digits and '-'");
            }
            if (!account.matches("\\d{12}")) {
                throw new IllegalArgumentException("invalid account '" + account + "': an AWS account id is 12 digits");
            }
            if (maxCachedExecutions < 1) {
                throw new IllegalArgumentException("maxCachedExecutions must be at least 1");
            }
            return new BrokerConfig(dataDir, bind, grpcPort, httpPort, region, account, pollTimeout, clock,
                    maxCachedExecutions);
        }
    }
}
