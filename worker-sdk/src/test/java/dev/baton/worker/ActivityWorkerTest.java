package dev.baton.worker;

import static dev.baton.worker.testing.FakeBroker.ACTIVITY_ARN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.baton.worker.testing.FakeBroker;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class ActivityWorkerTest {

  private static final BackoffPolicy FAST = new BackoffPolicy(Duration.ofMillis(5), Duration.ofMillis(20), 2.0, 0.0);
  private static final Duration WAIT = Duration.ofSeconds(10);

  private FakeBroker broker;
  private ManagedChannel channel;
  private final List<ActivityWorker> workers = new CopyOnWriteArrayList<>();

  @BeforeEach
  void startBroker() throws Exception {
    broker = new FakeBroker();
    channel = broker.channel();
  }

  @AfterEach
  void stop() throws Exception {
    for (ActivityWorker worker : workers) {
      worker.shutdownNow();
      assertThat(worker.awaitTermination(WAIT)).isTrue();
    }
    channel.shutdownNow();
    broker.close();
  }

  private ActivityWorker.OptionsStep worker(ActivityHandler handler) {
    return ActivityWorker.builder(channel)
        .activityArn(ACTIVITY_ARN)
        .handler(handler)
        .options(fastOptions().build());
  }

  private static ActivityWorkerOptions.Builder fastOptions() {
    return ActivityWorkerOptions.builder()
        .workerName("test-worker")
        .pollBackoff(FAST)
        .resourceExhaustedBackoff(FAST)
        .completionBackoff(FAST);
  }

  private ActivityWorker started(ActivityWorker.OptionsStep step) {
    ActivityWorker worker = step.build();
    workers.add(worker);
    return worker.start();
  }

  @Test
  void handlerOutputIsReportedAsSuccess() {
    started(worker((input, context) -> "{\"echo\":" + input + "}"));

    String token = broker.addTask("{\"n\":1}");

    await().atMost(WAIT).until(() -> broker.successes().containsKey(token));
    assertThat(broker.successes()).containsEntry(token, "{\"echo\":{\"n\":1}}");
    assertThat(broker.workerNames()).contains("test-worker");
  }

  @Test
  void nullOutputIsSentAsJsonNull() {
    started(worker((input, context) -> null));

    String token = broker.addTask("{}");

    await().atMost(WAIT).until(() -> broker.successes().containsKey(token));
    assertThat(broker.successes()).containsEntry(token, "null");
  }

  @Test
  void exceptionBecomesFailureNamedAfterItsClassWithItsMessageAsCause() {
    started(worker((input, context) -> {
      throw new IllegalStateException("the ledger is closed");
    }));

    String token = broker.addTask("{}");

    await().atMost(WAIT).until(() -> broker.failures().containsKey(token));
    assertThat(broker.failures().get(token))
        .isEqualTo(new FakeBroker.Failure("IllegalStateException", "the ledger is closed"));
  }

  @Test
  void activityFailureChoosesTheErrorName() {
    started(worker((input, context) -> {
      throw new ActivityFailure("PaymentDeclined", "card expired 2024-01");
    }));

    String token = broker.addTask("{}");

    await().atMost(WAIT).until(() -> broker.failures().containsKey(token));
    assertThat(broker.failures().get(token))
        .isEqualTo(new FakeBroker.Failure("PaymentDeclined", "card expired 2024-01"));
  }

  @Test
  void exceptionWithoutMessageIsReportedWithoutCause() {
    started(worker((input, context) -> {
      throw new UnsupportedOperationException();
    }));

    String token = broker.addTask("{}");

    await().atMost(WAIT).until(() -> broker.failures().containsKey(token));
    assertThat(broker.failures().get(token)).isEqualTo(new FakeBroker.Failure("UnsupportedOperationException", null));
  }

  @Test
  void overlongErrorAndCauseAreCutToAwsLimits() {
    started(worker((input, context) -> {
      throw new ActivityFailure("E".repeat(300), "c".repeat(40_000));
    }));

    String token = broker.addTask("{}");

    await().atMost(WAIT).until(() -> broker.failures().containsKey(token));
    FakeBroker.Failure failure = broker.failures().get(token);
    assertThat(failure.error()).hasSize(256);
    assertThat(failure.cause()).hasSize(32_768);
  }

  record Order(String id, int quantity) {}

  record Receipt(String orderId, int total) {}

  @Test
  void typedHandlerMapsInputAndOutputWithJackson() {
    started(ActivityWorker.builder(channel)
        .activityArn(ACTIVITY_ARN)
        .handler(Order.class, (order, context) -> new Receipt(order.id(), order.quantity() * 3))
        .options(fastOptions().build()));

    // Fields the input type lacks are ignored: a state's input often carries more.
    String token = broker.addTask("{\"id\":\"o-1\",\"quantity\":4,\"customer\":\"c-9\"}");

    await().atMost(WAIT).until(() -> broker.successes().containsKey(token));
    assertThat(broker.successes()).containsEntry(token, "{\"orderId\":\"o-1\",\"total\":12}");
  }

  @Test
  void typedHandlerAcceptsGenericInputTypes() {
    started(ActivityWorker.builder(channel)
        .activityArn(ACTIVITY_ARN)
        .handler(new TypeReference<List<Order>>() {},
            (orders, context) -> Map.of("count", orders.size(), "first", orders.get(0).id()))
        .options(fastOptions().build()));

    String token = broker.addTask("[{\"id\":\"a\",\"quantity\":1},{\"id\":\"b\",\"quantity\":2}]");

    await().atMost(WAIT).until(() -> broker.successes().containsKey(token));
    assertThat(broker.successes().get(token)).contains("\"count\":2").contains("\"first\":\"a\"");
  }

  @Test
  void inputThatDoesNotMapFailsTheTaskWithInvalidActivityInput() {
    AtomicInteger calls = new AtomicInteger();
    started(ActivityWorker.builder(channel)
        .activityArn(ACTIVITY_ARN)
        .handler(Order.class, (order, context) -> calls.incrementAndGet())
        .options(fastOptions().build()));

    String token = broker.addTask("{\"id\":\"o-1\",\"quantity\":\"many\"}");

    await().atMost(WAIT).until(() -> broker.failures().containsKey(token));
    FakeBroker.Failure failure = broker.failures().get(token);
    assertThat(failure.error()).isEqualTo(ActivityFailure.INVALID_INPUT);
    assertThat(failure.cause()).contains("Order").contains("many");
    assertThat(calls).hasValue(0);
  }

  @Test
  void jsonHandlerWorksOnTrees() {
    started(ActivityWorker.builder(channel)
        .activityArn(ACTIVITY_ARN)
        .jsonHandler((input, context) ->
            JsonNodeFactory.instance.objectNode().put("doubled", input.get("n").asInt() * 2))
        .options(fastOptions().build()));

    String token = broker.addTask("{\"n\":21}");

    await().atMost(WAIT).until(() -> broker.successes().containsKey(token));
    assertThat(broker.successes()).containsEntry(token, "{\"doubled\":42}");
  }

  @Test
  void outputTheBrokerRefusesBecomesAFailureInsteadOfAHangingTask() {
    started(worker((input, context) -> "this is not JSON"));

    String token = broker.addTask("{}");

    await().atMost(WAIT).until(() -> broker.failures().containsKey(token));
    assertThat(broker.failures().get(token).error()).isEqualTo(ActivityFailure.INVALID_OUTPUT);
    assertThat(broker.failures().get(token).cause()).contains("not JSON");
  }

  @Test
  void contextAndMdcDescribeTheTask() {
    AtomicReference<String> seen = new AtomicReference<>();
    started(worker((input, context) -> {
      seen.set(context.taskToken() + "|" + context.activityArn() + "|" + context.workerName() + "|"
          + MDC.get(ActivityWorker.MDC_ACTIVITY_ARN) + "|" + MDC.get(ActivityWorker.MDC_TASK_TOKEN));
      return "{}";
    }));

    String token = broker.addTask("{}");

    await().atMost(WAIT).until(() -> broker.successes().containsKey(token));
    String shortToken = token.substring(0, 6) + "..." + token.substring(token.length() - 6);
    assertThat(seen.get()).isEqualTo(
        token + "|" + ACTIVITY_ARN + "|test-worker|" + ACTIVITY_ARN + "|" + shortToken);
  }

  @Test
  void slotIsReservedBeforePollingSoPollsPlusTasksNeverExceedTheSlots() throws Exception {
    int slots = 3;
    AtomicInteger running = new AtomicInteger();
    AtomicInteger maxRunning = new AtomicInteger();
    CountDownLatch release = new CountDownLatch(1);
    started(worker((input, context) -> {
      maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
      release.await();
      running.decrementAndGet();
      return "{}";
    }).maxConcurrentTasks(slots).pollers(6));

    List<String> tokens = IntStream.range(0, 10).mapToObj(i -> broker.addTask("{}")).toList();

    await().atMost(WAIT).until(() -> running.get() == slots);
    // Every slot runs a task: no poll may be outstanding, and no further task was taken.
    assertThat(broker.outstandingPolls()).isZero();
    assertThat(broker.handedOut()).hasSize(slots);
    assertThat(broker.queued()).isEqualTo(10 - slots);

    release.countDown();
    await().atMost(WAIT).until(() -> broker.successes().keySet().containsAll(tokens));
    assertThat(maxRunning).hasValue(slots);
    assertThat(broker.maxInFlight()).isLessThanOrEqualTo(slots);
  }

  @Test
  void virtualThreadsRunHandlers() {
    AtomicReference<Boolean> virtual = new AtomicReference<>();
    started(worker((input, context) -> {
      virtual.set(Thread.currentThread().isVirtual());
      return "{}";
    }).virtualThreads(true));

    String token = broker.addTask("{}");

    await().atMost(WAIT).until(() -> broker.successes().containsKey(token));
    assertThat(virtual.get()).isTrue();
  }

  @Test
  void completionIsRetriedWhileTheBrokerIsUnavailable() {
    broker.failNext("SendTaskSuccess", 3, FakeBroker.unavailable());
    started(worker((input, context) -> "{\"ok\":true}"));

    String token = broker.addTask("{}");

    await().atMost(WAIT).until(() -> broker.successes().containsKey(token));
    assertThat(broker.calls("SendTaskSuccess")).isEqualTo(4);
  }

  @Test
  void failureIsRetriedAfterDeadlineExceeded() {
    broker.failNext("SendTaskFailure", 2,
        Status.DEADLINE_EXCEEDED.withDescription("slow").asRuntimeException());
    started(worker((input, context) -> {
      throw new ActivityFailure("Nope", "no");
    }));

    String token = broker.addTask("{}");

    await().atMost(WAIT).until(() -> broker.failures().containsKey(token));
    assertThat(broker.calls("SendTaskFailure")).isEqualTo(3);
  }

  @Test
  void aCompletionThatLandedButLostItsAnswerIsNotCompletedTwice() throws Exception {
    RecordingListener listener = new RecordingListener();
    broker.loseNextResponse("SendTaskSuccess");
    started(worker((input, context) -> "{}").listener(listener));

    String token = broker.addTask("{}");

    await().atMost(WAIT).until(() -> broker.calls("SendTaskSuccess") == 2);
    await().atMost(WAIT).until(() -> listener.events.contains("reportFailed TaskTimedOut"));
    assertThat(broker.successes()).containsOnlyKeys(token);
  }

  @Test
  void taskTimedOutOnCompletionIsNotRetried() {
    RecordingListener listener = new RecordingListener();
    broker.failNext("SendTaskSuccess", 1,
        FakeBroker.awsError(Status.Code.FAILED_PRECONDITION, "TaskTimedOut", "Task timed out"));
    started(worker((input, context) -> "{}").listener(listener));

    broker.addTask("{}");

    await().atMost(WAIT).until(() -> listener.events.contains("reportFailed TaskTimedOut"));
    assertThat(broker.calls("SendTaskSuccess")).isEqualTo(1);
  }

  @Test
  void invalidTokenOnCompletionIsNotRetried() {
    RecordingListener listener = new RecordingListener();
    broker.failNext("SendTaskFailure", 1,
        FakeBroker.awsError(Status.Code.INVALID_ARGUMENT, "InvalidToken", "Invalid token"));
    started(worker((input, context) -> {
      throw new IllegalArgumentException("x");
    }).listener(listener));

    broker.addTask("{}");

    await().atMost(WAIT).until(() -> listener.events.contains("reportFailed InvalidToken"));
    assertThat(broker.calls("SendTaskFailure")).isEqualTo(1);
  }

  @Test
  void completionRetriesStopAfterTheRetryTimeout() {
    RecordingListener listener = new RecordingListener();
    broker.failNext("SendTaskSuccess", 1_000, FakeBroker.unavailable());
    started(ActivityWorker.builder(channel)
        .activityArn(ACTIVITY_ARN)
        .handler((input, context) -> "{}")
        .options(fastOptions().completionRetryTimeout(Duration.ofMillis(200)).build())
        .listener(listener));

    broker.addTask("{}");

    await().atMost(WAIT).until(() -> listener.events.contains("reportFailed UNAVAILABLE"));
    assertThat(broker.calls("SendTaskSuccess")).isGreaterThan(1).isLessThan(1_000);
  }

  @Test
  void pollErrorsBackOffAndTheWorkerRecovers() {
    RecordingListener listener = new RecordingListener();
    broker.failNext("GetActivityTask", 3, FakeBroker.awsError(
        Status.Code.RESOURCE_EXHAUSTED, "ActivityWorkerLimitExceeded", "too many pollers"));
    broker.failNext("GetActivityTask", 2, FakeBroker.unavailable());
    started(worker((input, context) -> "{}").pollers(1).listener(listener));

    String token = broker.addTask("{}");

    await().atMost(WAIT).until(() -> listener.events.contains("taskSucceeded"));
    assertThat(broker.successes()).containsKey(token);
    assertThat(listener.events).containsSubsequence(
        "pollFailed ActivityWorkerLimitExceeded",
        "pollFailed ActivityWorkerLimitExceeded",
        "pollFailed ActivityWorkerLimitExceeded",
        "pollFailed UNAVAILABLE",
        "pollFailed UNAVAILABLE",
        "taskStarted",
        "taskSucceeded");
  }

  @Test
  void listenerHearsEmptyPollsStartsSuccessesAndFailures() {
    RecordingListener listener = new RecordingListener();
    broker.pollWait(Duration.ofMillis(20));
    started(worker((input, context) -> {
      if (input.contains("fail")) {
        throw new ActivityFailure("Bad", "bad");
      }
      return "{}";
    }).pollers(1).listener(listener));

    await().atMost(WAIT).until(() -> listener.events.contains("pollEmpty"));
    String ok = broker.addTask("{}");
    await().atMost(WAIT).until(() -> listener.events.contains("taskSucceeded"));
    assertThat(broker.successes()).containsKey(ok);
    String bad = broker.addTask("{\"fail\":true}");
    await().atMost(WAIT).until(() -> broker.failures().containsKey(bad));

    await().atMost(WAIT).until(() -> listener.events.contains("taskFailed Bad"));
    assertThat(listener.events).containsSubsequence(
        "pollEmpty", "taskStarted", "taskSucceeded", "taskStarted", "taskFailed Bad");
    assertThat(listener.negativeDurations).hasValue(0);
  }

  @Test
  void aFailingListenerDoesNotStopTheWorker() {
    started(worker((input, context) -> "{}").listener(new ActivityWorkerListener() {
      @Override
      public void taskStarted(String activityArn, Duration waited) {
        throw new IllegalStateException("listener bug");
      }
    }));

    String token = broker.addTask("{}");

    await().atMost(WAIT).until(() -> broker.successes().containsKey(token));
  }

  @Test
  void heartbeatsAreThrottledToTheInterval() {
    Duration interval = Duration.ofMillis(200);
    started(ActivityWorker.builder(channel)
        .activityArn(ACTIVITY_ARN)
        .handler((input, context) -> {
          long end = System.nanoTime() + Duration.ofMillis(1_100).toNanos();
          int calls = 0;
          while (System.nanoTime() < end) {
            context.heartbeat();
            calls++;
            Thread.sleep(1);
          }
          return "{\"calls\":" + calls + "}";
        })
        .options(fastOptions().heartbeatInterval(interval).build()));

    String token = broker.addTask("{}");

    await().atMost(WAIT).until(() -> broker.successes().containsKey(token));
    List<FakeBroker.Heartbeat> beats = broker.heartbeats();
    // ~1000 calls over 1.1 s folded into one heartbeat per 200 ms: 6, give or take scheduling.
    assertThat(beats).hasSizeBetween(4, 7);
    for (int i = 1; i < beats.size(); i++) {
      long gap = beats.get(i).nanoTime() - beats.get(i - 1).nanoTime();
      assertThat(Duration.ofNanos(gap)).isGreaterThan(interval.multipliedBy(3).dividedBy(4));
    }
  }

  @Test
  void automaticHeartbeatsKeepASilentHandlerAlive() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    started(worker((input, context) -> {
      release.await();
      return "{}";
    }).options(fastOptions().heartbeatInterval(Duration.ofMillis(50)).autoHeartbeat(true).build()));

    String token = broker.addTask("{}");

    await().atMost(WAIT).until(() -> broker.heartbeats().size() >= 3);
    release.countDown();
    await().atMost(WAIT).until(() -> broker.successes().containsKey(token));
    int afterReturn = broker.heartbeats().size();
    // No heartbeats once the task has reported.
    await().during(Duration.ofMillis(200)).atMost(WAIT).until(() -> broker.heartbeats().size() == afterReturn);
  }

  @Test
  void handlerCanAskForAutomaticHeartbeats() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    started(worker((input, context) -> {
      context.autoHeartbeat();
      release.await();
      return "{}";
    }).options(fastOptions().heartbeatInterval(Duration.ofMillis(50)).build()));

    String token = broker.addTask("{}");

    await().atMost(WAIT).until(() -> broker.heartbeats().size() >= 3);
    release.countDown();
    await().atMost(WAIT).until(() -> broker.successes().containsKey(token));
  }

  @Test
  void heartbeatAnsweredTaskTimedOutCancelsTheContextAndDropsTheResult() throws Exception {
    RecordingListener listener = new RecordingListener();
    AtomicReference<Cancellation> fromStage = new AtomicReference<>();
    AtomicReference<Throwable> laterHeartbeat = new AtomicReference<>();
    CountDownLatch started = new CountDownLatch(1);
    started(worker((input, context) -> {
      context.cancellation().thenAccept(fromStage::set);
      started.countDown();
      while (!context.isCancelled()) {
        context.heartbeat();
        Thread.sleep(5);
      }
      try {
        context.heartbeat();
      } catch (ActivityCancelledException e) {
        laterHeartbeat.set(e);
      }
      return "{\"late\":true}";
    }).options(fastOptions().heartbeatInterval(Duration.ofMillis(20)).build()).listener(listener));

    String token = broker.addTask("{}");
    assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
    broker.endTask(token);

    await().atMost(WAIT).until(() -> listener.events.contains("taskCancelled TASK_TIMED_OUT"));
    assertThat(fromStage.get().reason()).isEqualTo(Cancellation.Reason.TASK_TIMED_OUT);
    assertThat(laterHeartbeat.get()).isInstanceOf(ActivityCancelledException.class);
    assertThat(broker.calls("SendTaskSuccess")).isZero();
    assertThat(broker.calls("SendTaskFailure")).isZero();
  }

  @Test
  void heartbeatsOutlastABrokerHiccup() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    broker.failNext("SendTaskHeartbeat", 2, FakeBroker.unavailable());
    started(worker((input, context) -> {
      context.autoHeartbeat();
      release.await();
      return "{}";
    }).options(fastOptions().heartbeatInterval(Duration.ofMillis(30)).build()));

    String token = broker.addTask("{}");

    await().atMost(WAIT).until(() -> broker.heartbeats().size() >= 2);
    release.countDown();
    await().atMost(WAIT).until(() -> broker.successes().containsKey(token));
  }

  @Test
  void shutdownLetsRunningTasksFinishAndReportAndLeavesTheRestQueued() throws Exception {
    AtomicInteger handled = new AtomicInteger();
    ActivityWorker worker = started(worker((input, context) -> {
      Thread.sleep(20);
      handled.incrementAndGet();
      return input;
    }).maxConcurrentTasks(4).pollers(4));
    List<String> tokens = IntStream.range(0, 60).mapToObj(i -> broker.addTask("{\"i\":" + i + "}")).toList();

    await().atMost(WAIT).until(() -> broker.successes().size() >= 8);
    worker.shutdown();
    assertThat(worker.awaitTermination(WAIT)).isTrue();

    // Every task handed to the worker was reported once; the others wait for another worker.
    assertThat(broker.successes().keySet()).isEqualTo(broker.handedOut());
    assertThat(broker.handedOut().size() + broker.queued()).isEqualTo(60);
    assertThat(handled).hasValue(broker.handedOut().size());

    started(worker((input, context) -> input).maxConcurrentTasks(4));
    await().atMost(WAIT).until(() -> broker.successes().keySet().containsAll(tokens));
    assertThat(broker.failures()).isEmpty();
  }

  @Test
  void aTaskThatArrivesOnAPollInFlightDuringShutdownIsStillRun() throws Exception {
    broker.pollWait(Duration.ofSeconds(30));
    ActivityWorker worker = started(worker((input, context) -> "{\"ran\":true}").pollers(1));
    await().atMost(WAIT).until(() -> broker.outstandingPolls() == 1);

    worker.shutdown();
    String token = broker.addTask("{}");

    assertThat(worker.awaitTermination(WAIT)).isTrue();
    assertThat(broker.successes()).containsEntry(token, "{\"ran\":true}");
    assertThat(broker.outstandingPolls()).isZero();
  }

  @Test
  void shutdownNowCancelsPollsAndInterruptsHandlers() throws Exception {
    broker.pollWait(Duration.ofSeconds(60));
    AtomicReference<Cancellation> seen = new AtomicReference<>();
    CountDownLatch started = new CountDownLatch(1);
    ActivityWorker worker = started(worker((input, context) -> {
      context.cancellation().thenAccept(seen::set);
      started.countDown();
      new CountDownLatch(1).await();
      return "{}";
    }).pollers(2).maxConcurrentTasks(2));
    String token = broker.addTask("{}");
    assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
    await().atMost(WAIT).until(() -> broker.outstandingPolls() == 1);

    worker.shutdownNow();

    assertThat(worker.awaitTermination(WAIT)).isTrue();
    assertThat(seen.get().reason()).isEqualTo(Cancellation.Reason.WORKER_SHUTDOWN);
    // The interrupted handler's exception is still reported, so the task does not hang.
    assertThat(broker.failures().get(token).error()).isEqualTo("InterruptedException");
    await().atMost(WAIT).until(() -> broker.outstandingPolls() == 0);
  }

  @Test
  void workerOnItsOwnTargetCanBeStoppedBeforeItStarts() throws Exception {
    ActivityWorker worker = ActivityWorker.builder("localhost:1")
        .activityArn(ACTIVITY_ARN)
        .handler((input, context) -> "{}")
        .build();

    worker.shutdown();

    assertThat(worker.awaitTermination(WAIT)).isTrue();
  }

  @Test
  void aWorkerStartsOnce() {
    ActivityWorker worker = started(worker((input, context) -> "{}"));

    org.assertj.core.api.Assertions.assertThatIllegalStateException()
        .isThrownBy(worker::start)
        .withMessageContaining("already started");
  }

  /** Records listener calls as short strings, in order. */
  static final class RecordingListener implements ActivityWorkerListener {
    final List<String> events = new CopyOnWriteArrayList<>();
    final AtomicInteger negativeDurations = new AtomicInteger();
    final Map<String, Duration> last = new ConcurrentHashMap<>();

    private void check(Duration duration) {
      if (duration.isNegative()) {
        negativeDurations.incrementAndGet();
      }
    }

    @Override
    public void pollEmpty(String activityArn, Duration waited) {
      check(waited);
      if (!events.contains("pollEmpty")) {
        events.add("pollEmpty");
      }
    }

    @Override
    public void pollFailed(String activityArn, String errorName, Duration waited) {
      check(waited);
      events.add("pollFailed " + errorName);
    }

    @Override
    public void taskStarted(String activityArn, Duration waited) {
      check(waited);
      events.add("taskStarted");
    }

    @Override
    public void taskSucceeded(String activityArn, Duration duration) {
      check(duration);
      events.add("taskSucceeded");
    }

    @Override
    public void taskFailed(String activityArn, String error, Duration duration) {
      check(duration);
      events.add("taskFailed " + error);
    }

    @Override
    public void taskCancelled(String activityArn, Cancellation cancellation, Duration duration) {
      check(duration);
      events.add("taskCancelled " + cancellation.reason());
    }

    @Override
    public void reportFailed(String activityArn, String errorName) {
      events.add("reportFailed " + errorName);
    }
  }
}
