package dev.baton.worker.client;

import com.google.protobuf.Timestamp;
import dev.baton.proto.v1.StepFunctionsGrpc;
import dev.baton.proto.v1.StepFunctionsGrpc.StepFunctionsBlockingStub;
import io.grpc.Channel;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/** A client's channel (closed on close only when the client opened it) and its call deadline. */
final class Connection implements AutoCloseable {

  private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

  private final StepFunctionsBlockingStub stub;
  private final ManagedChannel owned;
  private final Duration callDeadline;

  private Connection(Channel channel, ManagedChannel owned, Duration callDeadline) {
    Objects.requireNonNull(callDeadline, "callDeadline");
    if (callDeadline.isNegative() || callDeadline.isZero()) {
      throw new IllegalArgumentException("callDeadline must be positive: " + callDeadline);
    }
    this.stub = StepFunctionsGrpc.newBlockingStub(channel);
    this.owned = owned;
    this.callDeadline = callDeadline;
  }

  static Connection on(Channel channel, Duration callDeadline) {
    return new Connection(Objects.requireNonNull(channel, "channel"), null, callDeadline);
  }

  static Connection to(String target, Duration callDeadline) {
    Objects.requireNonNull(target, "target");
    ManagedChannel channel = Grpc.newChannelBuilder(target, InsecureChannelCredentials.create()).build();
    return new Connection(channel, channel, callDeadline);
  }

  /** Makes one call with the deadline; a failure becomes a {@link BatonException}. */
  <T> T call(Function<StepFunctionsBlockingStub, T> rpc) {
    try {
      return rpc.apply(stub.withDeadlineAfter(callDeadline));
    } catch (StatusRuntimeException e) {
      throw BatonException.from(e);
    }
  }

  Channel channel() {
    return stub.getChannel();
  }

  Duration callDeadline() {
    return callDeadline;
  }

  static Instant instant(Timestamp timestamp) {
    return Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos());
  }

  @Override
  public void close() {
    if (owned == null) {
      return;
    }
    owned.shutdown();
    try {
      if (!owned.awaitTermination(CLOSE_WAIT.toNanos(), TimeUnit.NANOSECONDS)) {
        owned.shutdownNow();
      }
    } catch (InterruptedException e) {
      owned.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
