package dev.baton.worker.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.Any;
import dev.baton.proto.v1.AwsError;
import dev.baton.proto.v1.GetActivityTaskRequest;
import dev.baton.proto.v1.GetActivityTaskResponse;
import dev.baton.proto.v1.SendTaskFailureRequest;
import dev.baton.proto.v1.SendTaskFailureResponse;
import dev.baton.proto.v1.SendTaskHeartbeatRequest;
import dev.baton.proto.v1.SendTaskHeartbeatResponse;
import dev.baton.proto.v1.SendTaskSuccessRequest;
import dev.baton.proto.v1.SendTaskSuccessResponse;
import dev.baton.proto.v1.StepFunctionsGrpc;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small in-process stand-in for the broker's activity API, for SDK unit tests that need failure
 * injection the real broker cannot be made to produce on cue (RESOURCE_EXHAUSTED, UNAVAILABLE,
 * a lost response). Tasks are queued by the test; polls park until a task arrives or the poll wait
 * passes; tokens complete once, as on the broker.
 */
public final class FakeBroker extends StepFunctionsGrpc.StepFunctionsImplBase implements AutoCloseable {

  public static final String ACTIVITY_ARN = "arn:aws:states:us-east-1:123456789012:activity:test";

  /** One SendTaskFailure as received. */
  public record Failure(String error, String cause) {}

  /** One SendTaskHeartbeat as received, with the time it arrived. */
  public record Heartbeat(String token, long nanoTime) {}

  private record Task(String token, String input) {}

  private static final class Parked {
    final StreamObserver<GetActivityTaskResponse> observer;
    ScheduledFuture<?> timeout;

    Parked(StreamObserver<GetActivityTaskResponse> observer) {
      this.observer = observer;
    }
  }

  private final ObjectMapper json = new ObjectMapper();
  private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
  private final Server server;
  private final String name;
  private final AtomicInteger nextToken = new AtomicInteger();

  // All state below is guarded by this.
  private final Deque<Task> queue = new ArrayDeque<>();
  private final Deque<Parked> parked = new ArrayDeque<>();
  private final Set<String> handedOut = new HashSet<>();
  private final Set<String> ended = new HashSet<>();
  private final Map<String, String> successes = new LinkedHashMap<>();
  private final Map<String, Failure> failures = new LinkedHashMap<>();
  private final List<Heartbeat> heartbeats = new ArrayList<>();
  private final Map<String, Deque<StatusRuntimeException>> injected = new HashMap<>();
  private final Map<String, Integer> calls = new HashMap<>();
  private final Set<String> loseResponse = new HashSet<>();
  private final List<String> workerNames = new ArrayList<>();
  private Duration pollWait = Duration.ofMillis(200);
  private int inFlight;
  private int maxInFlight;
  private int outstandingPolls;

  public FakeBroker() throws IOException {
    name = InProcessServerBuilder.generateName();
    server = InProcessServerBuilder.forName(name).addService(this).build().start();
  }

  public ManagedChannel channel() {
    return InProcessChannelBuilder.forName(name).build();
  }

  /** How long a poll waits for a task before answering with an empty token. */
  public synchronized FakeBroker pollWait(Duration wait) {
    pollWait = wait;
    return this;
  }

  /** Queues a task and returns its token; a parked poll receives it at once. */
  public String addTask(String input) {
    String token = "token-" + nextToken.incrementAndGet() + "-abcdefghijklmnopqrstuvwxyz";
    Parked receiver;
    synchronized (this) {
      Task task = new Task(token, input);
      receiver = parked.pollFirst();
      if (receiver == null) {
        queue.addLast(task);
        return token;
      }
      receiver.timeout.cancel(false);
      handOut(task);
    }
    receiver.observer.onNext(response(token, input));
    receiver.observer.onCompleted();
    return token;
  }

  /** Ends a task as if it timed out: its heartbeats and completions answer TaskTimedOut. */
  public synchronized void endTask(String token) {
    ended.add(token);
  }

  /** The next {@code count} calls of the rpc fail with this error before doing anything. */
  public synchronized void failNext(String rpc, int count, StatusRuntimeException error) {
    Deque<StatusRuntimeException> errors = injected.computeIfAbsent(rpc, k -> new ArrayDeque<>());
    for (int i = 0; i < count; i++) {
      errors.addLast(error);
    }
  }

  /** The next call of the rpc takes effect but its answer is lost (DEADLINE_EXCEEDED). */
  public synchronized void loseNextResponse(String rpc) {
    loseResponse.add(rpc);
  }

  public static StatusRuntimeException awsError(Status.Code code, String errorName, String message) {
    return StatusProto.toStatusRuntimeException(com.google.rpc.Status.newBuilder()
        .setCode(code.value())
        .setMessage(errorName + ": " + message)
        .addDetails(Any.pack(AwsError.newBuilder().setErrorName(errorName).setMessage(message).build()))
        .build());
  }

  public static StatusRuntimeException unavailable() {
    return Status.UNAVAILABLE.withDescription("broker restarting").asRuntimeException();
  }

  public synchronized Map<String, String> successes() {
    return new LinkedHashMap<>(successes);
  }

  public synchronized Map<String, Failure> failures() {
    return new LinkedHashMap<>(failures);
  }

  public synchronized List<Heartbeat> heartbeats() {
    return new ArrayList<>(heartbeats);
  }

  public synchronized Set<String> handedOut() {
    return new HashSet<>(handedOut);
  }

  public synchronized int queued() {
    return queue.size();
  }

  public synchronized int calls(String rpc) {
    return calls.getOrDefault(rpc, 0);
  }

  /** Polls waiting plus tasks handed out and not yet completed: what holds the worker's slots. */
  public synchronized int inFlight() {
    return inFlight;
  }

  public synchronized int maxInFlight() {
    return maxInFlight;
  }

  public synchronized int outstandingPolls() {
    return outstandingPolls;
  }

  public synchronized List<String> workerNames() {
    return Collections.unmodifiableList(new ArrayList<>(workerNames));
  }

  @Override
  public void getActivityTask(GetActivityTaskRequest request, StreamObserver<GetActivityTaskResponse> observer) {
    Task task;
    Parked waiting;
    synchronized (this) {
      StatusRuntimeException error = injectedError("GetActivityTask");
      if (error != null) {
        observer.onError(error);
        return;
      }
      if (!ACTIVITY_ARN.equals(request.getActivityArn())) {
        observer.onError(awsError(Status.Code.NOT_FOUND, "ActivityDoesNotExist",
            "Activity does not exist: " + request.getActivityArn()));
        return;
      }
      workerNames.add(request.getWorkerName());
      task = queue.pollFirst();
      if (task != null) {
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        handedOut.add(task.token());
      } else {
        waiting = new Parked(observer);
        parked.addLast(waiting);
        outstandingPolls++;
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        waiting.timeout = timers.schedule(() -> expire(waiting), pollWait.toNanos(), TimeUnit.NANOSECONDS);
        ((ServerCallStreamObserver<GetActivityTaskResponse>) observer).setOnCancelHandler(() -> cancelled(waiting));
        return;
      }
    }
    observer.onNext(response(task.token(), task.input()));
    observer.onCompleted();
  }

  private void expire(Parked waiting) {
    synchronized (this) {
      if (!parked.remove(waiting)) {
        return;
      }
      outstandingPolls--;
      inFlight--;
    }
    waiting.observer.onNext(GetActivityTaskResponse.getDefaultInstance());
    waiting.observer.onCompleted();
  }

  private synchronized void cancelled(Parked waiting) {
    if (parked.remove(waiting)) {
      waiting.timeout.cancel(false);
      outstandingPolls--;
      inFlight--;
    }
  }

  /** Under the lock: a parked poll takes the task. */
  private void handOut(Task task) {
    outstandingPolls--;
    handedOut.add(task.token());
  }

  @Override
  public void sendTaskSuccess(SendTaskSuccessRequest request, StreamObserver<SendTaskSuccessResponse> observer) {
    StatusRuntimeException error;
    boolean lose;
    synchronized (this) {
      error = injectedError("SendTaskSuccess");
      if (error == null) {
        error = checkToken(request.getTaskToken());
      }
      if (error == null && !isJson(request.getOutput())) {
        error = awsError(Status.Code.INVALID_ARGUMENT, "InvalidOutput", "The output is not JSON");
      }
      if (error == null) {
        successes.put(request.getTaskToken(), request.getOutput());
        complete(request.getTaskToken());
      }
      lose = loseResponse.remove("SendTaskSuccess");
    }
    answer(observer, SendTaskSuccessResponse.getDefaultInstance(), error, lose);
  }

  @Override
  public void sendTaskFailure(SendTaskFailureRequest request, StreamObserver<SendTaskFailureResponse> observer) {
    StatusRuntimeException error;
    boolean lose;
    synchronized (this) {
      error = injectedError("SendTaskFailure");
      if (error == null) {
        error = checkToken(request.getTaskToken());
      }
      if (error == null) {
        failures.put(request.getTaskToken(),
            new Failure(request.getError(), request.hasCause() ? request.getCause() : null));
        complete(request.getTaskToken());
      }
      lose = loseResponse.remove("SendTaskFailure");
    }
    answer(observer, SendTaskFailureResponse.getDefaultInstance(), error, lose);
  }

  @Override
  public void sendTaskHeartbeat(SendTaskHeartbeatRequest request, StreamObserver<SendTaskHeartbeatResponse> observer) {
    StatusRuntimeException error;
    synchronized (this) {
      error = injectedError("SendTaskHeartbeat");
      if (error == null) {
        error = checkToken(request.getTaskToken());
      }
      if (error == null) {
        heartbeats.add(new Heartbeat(request.getTaskToken(), System.nanoTime()));
      }
    }
    answer(observer, SendTaskHeartbeatResponse.getDefaultInstance(), error, false);
  }

  private <T> void answer(StreamObserver<T> observer, T response, StatusRuntimeException error, boolean lose) {
    if (error != null) {
      observer.onError(error);
    } else if (lose) {
      observer.onError(Status.DEADLINE_EXCEEDED.withDescription("answer lost").asRuntimeException());
    } else {
      observer.onNext(response);
      observer.onCompleted();
    }
  }

  /** Under the lock. */
  private StatusRuntimeException injectedError(String rpc) {
    calls.merge(rpc, 1, Integer::sum);
    Deque<StatusRuntimeException> errors = injected.get(rpc);
    return errors == null ? null : errors.pollFirst();
  }

  /** Under the lock. */
  private StatusRuntimeException checkToken(String token) {
    if (!handedOut.contains(token)) {
      return awsError(Status.Code.INVALID_ARGUMENT, "InvalidToken", "Unknown task token");
    }
    if (ended.contains(token)) {
      return awsError(Status.Code.FAILED_PRECONDITION, "TaskTimedOut", "Task timed out or already completed");
    }
    return null;
  }

  /** Under the lock. */
  private void complete(String token) {
    ended.add(token);
    inFlight--;
  }

  private boolean isJson(String text) {
    try {
      json.readTree(text);
      return !text.isBlank();
    } catch (IOException e) {
      return false;
    }
  }

  private static GetActivityTaskResponse response(String token, String input) {
    return GetActivityTaskResponse.newBuilder().setTaskToken(token).setInput(input).build();
  }

  @Override
  public void close() throws InterruptedException {
    server.shutdownNow();
    server.awaitTermination(5, TimeUnit.SECONDS);
    timers.shutdownNow();
  }
}
