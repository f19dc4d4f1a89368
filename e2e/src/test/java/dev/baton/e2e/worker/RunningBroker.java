package dev.baton.e2e.worker;

import dev.baton.broker.Broker;
import dev.baton.broker.BrokerConfig;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real broker on a free port with a temporary data directory. It keeps its port across
 * {@link #restart()}, so workers and clients reconnect to it as to a restarted production broker.
 */
final class RunningBroker implements AutoCloseable {

  private final Path dataDir;
  private final Duration pollTimeout;
  private final int port;
  private final List<ManagedChannel> channels = new ArrayList<>();
  private Broker broker;

  RunningBroker(Path dataDir, Duration pollTimeout) throws IOException {
    this.dataDir = dataDir;
    this.pollTimeout = pollTimeout;
    try (ServerSocket socket = new ServerSocket(0)) {
      this.port = socket.getLocalPort();
    }
    start();
  }

  private void start() throws IOException {
    broker = Broker.start(BrokerConfig.builder()
        .dataDir(dataDir)
        .grpcPort(port)
        .httpPort(-1)
        .pollTimeout(pollTimeout)
        .build());
  }

  /** The gRPC target, as a worker's builder takes it. */
  String target() {
    return "127.0.0.1:" + port;
  }

  /** A new channel to the broker, closed with it. */
  synchronized ManagedChannel channel() {
    ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
    channels.add(channel);
    return channel;
  }

  void stop() {
    broker.close();
  }

  /** Stops the broker and starts it again on the same data directory and port. */
  void restart() throws IOException {
    broker.close();
    start();
  }

  @Override
  public void close() throws InterruptedException {
    for (ManagedChannel channel : channels) {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
    broker.close();
  }
}
