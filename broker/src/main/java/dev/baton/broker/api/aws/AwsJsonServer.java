package dev.baton.broker.api.aws;

import dev.baton.proto.v1.StepFunctionsGrpc;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The AWS-compatible endpoint: AWS Step Functions' JSON 1.0 protocol over HTTP/1.1, so the AWS CLI and the
 * AWS SDKs work against Baton with only the endpoint URL changed.
 *
 * <p>Every request {@code POST /} with {@code X-Amz-Target: AWSStepFunctions.<Operation>} becomes a call of
 * the rpc of that name of {@code baton.v1.StepFunctions} on the given channel (the broker passes an in-process
 * channel to its own services), so there is one implementation of each operation. SigV4 signatures are
 * accepted and not checked.
 */
public final class AwsJsonServer implements AutoCloseable {

    /** The X-Amz-Target prefix of AWS Step Functions. */
    public static final String TARGET_PREFIX = "AWSStepFunctions";

    private static final Logger LOG = LoggerFactory.getLogger(AwsJsonServer.class);

    /**
     * How the endpoint listens.
     *
     * @param bindAddress interface to listen on
     * @param port TCP port; 0 picks a free one (see {@link #port()})
     * @param maxRequestBytes largest request body accepted; a larger one gets HTTP 413
     * @param shutdownGrace how long {@link #close()} lets requests in flight finish before cancelling them
     *     (a cancelled long poll is answered ServiceUnavailable, which AWS SDKs retry)
     * @param eventLoopThreads Netty I/O threads; requests never block them
     * @param idleTimeout a kept-alive connection with no request for this long is closed
     */
    public record Options(String bindAddress, int port, int maxRequestBytes, Duration shutdownGrace, int eventLoopThreads,
                          Duration idleTimeout) {

        public static final String DEFAULT_BIND_ADDRESS = "127.0.0.1";
        public static final int DEFAULT_PORT = 8083;
        /** A 1 MiB definition, JSON-escaped, plus the other members. */
        public static final int DEFAULT_MAX_REQUEST_BYTES = 2 * 1024 * 1024;
        public static final Duration DEFAULT_SHUTDOWN_GRACE = Duration.ofSeconds(5);
        public static final int DEFAULT_EVENT_LOOP_THREADS = 2;
        /** Longer than a long poll (60 s), so that only unused connections are closed. */
        public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(5);

        public Options {
            Objects.requireNonNull(bindAddress, "bindAddress");
            Objects.requireNonNull(shutdownGrace, "shutdownGrace");
            Objects.requireNonNull(idleTimeout, "idleTimeout");
            if (idleTimeout.isNegative() || idleTimeout.isZero()) {
                throw new IllegalArgumentException("idleTimeout must be positive, not " + idleTimeout);
            }
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be 0..65535, not " + port);
            }
            if (maxRequestBytes <= 0) {
                throw new IllegalArgumentException("maxRequestBytes must be positive, not " + maxRequestBytes);
            }
            if (shutdownGrace.isNegative()) {
                throw new IllegalArgumentException("shutdownGrace must not be negative, not " + shutdownGrace);
            }
            if (eventLoopThreads <= 0) {
                throw new IllegalArgumentException("eventLoopThreads must be positive, not " + eventLoopThreads);
            }
        }

        public static Builder builder() {
            return new Builder();
        }

        public static final class Builder {
            private String bindAddress = DEFAULT_BIND_ADDRESS;
            private int port = DEFAULT_PORT;
            private int maxRequestBytes = DEFAULT_MAX_REQUEST_BYTES;
            private Duration shutdownGrace = DEFAULT_SHUTDOWN_GRACE;
            private int eventLoopThreads = DEFAULT_EVENT_LOOP_THREADS;
            private Duration idleTimeout = DEFAULT_IDLE_TIMEOUT;

            private Builder() {}

            public Builder bindAddress(String bindAddress) {
                this.bindAddress = bindAddress;
                return this;
            }

            public Builder port(int port) {
                this.port = port;
                return this;
            }

            public Builder maxRequestBytes(int maxRequestBytes) {
                this.maxRequestBytes = maxRequestBytes;
                return this;
            }

            public Builder shutdownGrace(Duration shutdownGrace) {
                this.shutdownGrace = shutdownGrace;
                return this;
            }

            public Builder eventLoopThreads(int eventLoopThreads) {
                this.eventLoopThreads = eventLoopThreads;
                return this;
            }

            public Builder idleTimeout(Duration idleTimeout) {
                this.idleTimeout = idleTimeout;
                return this;
            }

            public Options build() {
                return new Options(bindAddress, port, maxRequestBytes, shutdownGrace, eventLoopThreads, idleTimeout);
            }
        }
    }

    private final Options options;
    private final io.grpc.Channel grpc;
    private final AwsOperations operations;
    private final InFlightExchanges inFlight = new InFlightExchanges();
    private EventLoopGroup eventLoops;
    private ChannelGroup connections;
    private Channel listener;
    private volatile int boundPort = -1;
    private boolean closed;

    /** An endpoint on {@code bindAddress:port} (port 0: a free port) with the default options otherwise. */
    public AwsJsonServer(String bindAddress, int port, io.grpc.Channel channel) {
        this(Options.builder().bindAddress(bindAddress).port(port).build(), channel);
    }

    public AwsJsonServer(Options options, io.grpc.Channel channel) {
        this.options = Objects.requireNonNull(options, "options");
        this.grpc = Objects.requireNonNull(channel, "channel");
        this.operations = AwsOperations.of(TARGET_PREFIX, StepFunctionsGrpc.getServiceDescriptor());
    }

    /**
     * Starts listening.
     *
     * @throws IOException when the address cannot be bound (e.g. the port is in use)
     */
    public synchronized AwsJsonServer start() throws IOException {
        if (closed || listener != null) {
            throw new IllegalStateException(closed ? "the AWS endpoint is closed" : "the AWS endpoint is already started");
        }
        eventLoops = new MultiThreadIoEventLoopGroup(options.eventLoopThreads(),
                new DefaultThreadFactory("baton-aws-http", true), NioIoHandler.newFactory());
        connections = new DefaultChannelGroup("baton-aws-http", GlobalEventExecutor.INSTANCE);
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(eventLoops)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        connections.add(channel);
                        channel.pipeline()
                                .addLast(new IdleStateHandler(0, 0, options.idleTimeout().toMillis(), TimeUnit.MILLISECONDS))
                                .addLast(new HttpServerCodec())
                                .addLast(new HttpServerKeepAliveHandler())
                                .addLast(new RequestSizeLimit(options.maxRequestBytes()))
                                .addLast(new AwsRequestHandler(grpc, operations, inFlight));
                    }
                });
        InetSocketAddress address = new InetSocketAddress(options.bindAddress(), options.port());
        try {
            listener = bootstrap.bind(address).sync().channel();
            boundPort = ((InetSocketAddress) listener.localAddress()).getPort();
        } catch (Exception e) {
            eventLoops.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IOException("Cannot listen on " + options.bindAddress() + ":" + options.port()
                    + " for the AWS endpoint: " + e.getMessage(), e);
        }
        LOG.info("AWS Step Functions endpoint listening on http://{}:{} ({} operations)",
                options.bindAddress(), port(), operations.byName().size());
        return this;
    }

    /** The bound port (the chosen one when the options said 0). */
    public int port() {
        int port = boundPort;
        if (port < 0) {
            throw new IllegalStateException("the AWS endpoint is not started");
        }
        return port;
    }

    /**
     * Stops accepting connections, lets requests in flight finish for the shutdown grace, answers the rest
     * (long polls) ServiceUnavailable, then closes all connections. Idempotent.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (listener == null) {
            return;
        }
        inFlight.startClosing();
        listener.close().syncUninterruptibly();
        try {
            if (!inFlight.awaitIdle(options.shutdownGrace())) {
                LOG.info("AWS endpoint closing: cancelling {} requests still in flight", inFlight.size());
                inFlight.cancelAll("the broker is shutting down");
                // Let the ServiceUnavailable replies of the cancelled calls go out.
                inFlight.awaitIdle(Duration.ofSeconds(1));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        connections.close().awaitUninterruptibly();
        eventLoops.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        LOG.info("AWS Step Functions endpoint on {}:{} stopped", options.bindAddress(), boundPort);
    }
}
