package dev.baton.e2e.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.baton.proto.v1.HistoryEvent;
import dev.baton.worker.ActivityFailure;
import dev.baton.worker.ActivityWorker;
import dev.baton.worker.ActivityWorkerOptions;
import dev.baton.worker.BackoffPolicy;
import dev.baton.worker.Cancellation;
import dev.baton.worker.client.BatonClient;
import dev.baton.worker.client.Execution;
import dev.baton.worker.client.ExecutionStatus;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The worker SDK against the real broker: executions run through real activity workers. */
class ActivityWorkerE2ETest {

  private static final Duration WAIT = Duration.ofSeconds(60);
  /** Short broker-side polls, so a gentle worker shutdown does not wait out a 60-second poll. */
  private static final Duration POLL_TIMEOUT = Duration.ofSeconds(2);

  @TempDir
  Path dataDir;

  private RunningBroker broker;
  private BatonClient baton;
  private final List<ActivityWorker> workers = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws Exception {
    broker = new RunningBroker(dataDir, POLL_TIMEOUT);
    baton = BatonClient.create(broker.channel());
  }

  @AfterEach
  void stop() throws Exception {
    for (ActivityWorker worker : workers) {
      worker.shutdownNow();
      assertThat(worker.awaitTermination(WAIT)).isTrue();
    }
    broker.close();
  }

  record Order(String id, int quantity) {}

  record Priced(String id, int total) {}

  private String activity(String name) {
    return baton.createActivity(name).activityArn();
  }

  private String stateMachine(String name, String activityArn) {
    return baton.createStateMachine(name, """
        {"StartAt":"Work","States":{"Work":{"Type":"Task","Resource":"%s","End":true}}}
        """.formatted(activityArn)).stateMachineArn();
  }

  private List<String> start(String stateMachineArn, int count) {
    return IntStream.range(0, count)
        .mapToObj(i -> baton.startExecution(stateMachineArn, "{\"id\":\"o-" + i + "\",\"quantity\":" + i + "}")
            .executionArn())
        .toList();
  }

  private Execution awaitEnd(String executionArn) {
    return await().atMost(WAIT).pollInterval(Duration.ofMillis(50))
        .until(() -> baton.describeExecution(executionArn), e -> e.status().isFinal());
  }

  private ActivityWorker started(ActivityWorker worker) {
    workers.add(worker);
    return worker.start();
  }

  @Test
  void aRealWorkerCompletesExecutions() {
    String activityArn = activity("price");
    String sm = stateMachine("pricing", activityArn);
    started(ActivityWorker.builder(broker.target())
        .activityArn(activityArn)
        .handler(Order.class, (order, context) -> new Priced(order.id(), order.quantity() * 10))
        .workerName("pricer-1")
        .build());

    List<String> executions = start(sm, 20);

    for (int i = 0; i < executions.size(); i++) {
      Execution done = awaitEnd(executions.get(i));
      assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
      assertThat(done.output()).contains("{\"id\":\"o-" + i + "\",\"total\":" + (i * 10) + "}");
    }
    List<HistoryEvent> history = baton.getExecutionHistory(executions.get(0));
    assertThat(history).extracting(HistoryEvent::getType)
        .containsSubsequence("ActivityScheduled", "ActivityStarted", "ActivitySucceeded");
    assertThat(history).filteredOn(e -> e.getType().equals("ActivityStarted"))
        .singleElement()
        .extracting(e -> e.getActivityStartedEventDetails().getWorkerName())
        .isEqualTo("pricer-1");
  }

  @Test
  void aHandlerFailureFailsTheExecutionWithItsErrorAndCause() {
    String activityArn = activity("charge");
    String sm = stateMachine("charging", activityArn);
    started(ActivityWorker.builder(broker.target())
        .activityArn(activityArn)
        .handler((input, context) -> {
          throw new ActivityFailure("PaymentDeclined", "card expired");
        })
        .build());

    Execution done = awaitEnd(start(sm, 1).get(0));

    assertThat(done.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(done.error()).contains("PaymentDeclined");
    assertThat(done.cause()).contains("card expired");
  }

  @Test
  void theConcurrencyLimitHolds() {
    String activityArn = activity("slow");
    String sm = stateMachine("slow-work", activityArn);
    int slots = 3;
    AtomicInteger running = new AtomicInteger();
    AtomicInteger maxRunning = new AtomicInteger();
    CountDownLatch allSlotsBusy = new CountDownLatch(slots);
    started(ActivityWorker.builder(broker.channel())
        .activityArn(activityArn)
        .handler((input, context) -> {
          maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
          allSlotsBusy.countDown();
          // Hold the first tasks until every slot is busy, so the limit is actually reached.
          allSlotsBusy.await(10, TimeUnit.SECONDS);
          running.decrementAndGet();
          return input;
        })
        .maxConcurrentTasks(slots)
        .pollers(6)
        .build());

    List<String> executions = start(sm, 18);

    executions.forEach(arn -> assertThat(awaitEnd(arn).status()).isEqualTo(ExecutionStatus.SUCCEEDED));
    assertThat(allSlotsBusy.getCount()).isZero();
    assertThat(maxRunning).hasValue(slots);
  }

  @Test
  void shutdownUnderLoadLosesNoTask() throws Exception {
    String activityArn = activity("bulk");
    String sm = stateMachine("bulk-work", activityArn);
    int slots = 4;
    int freeRuns = 10;
    Set<String> handledByFirst = ConcurrentHashMap.newKeySet();
    Set<String> handledBySecond = ConcurrentHashMap.newKeySet();
    AtomicInteger entered = new AtomicInteger();
    CountDownLatch shutdownCalled = new CountDownLatch(1);
    ManagedChannel channel = broker.channel();
    ActivityWorker first = started(ActivityWorker.builder(channel)
        .activityArn(activityArn)
        .handler((input, context) -> {
          // After the first tasks, hold every slot busy until shutdown() has been called.
          if (entered.incrementAndGet() > freeRuns) {
            shutdownCalled.await();
          }
          handledByFirst.add(context.taskToken());
          return input;
        })
        .maxConcurrentTasks(slots)
        .pollers(slots)
        .build());
    List<String> executions = start(sm, 60);

    await().atMost(WAIT).until(() -> entered.get() == freeRuns + slots);
    first.shutdown();
    shutdownCalled.countDown();
    assertThat(first.awaitTermination(WAIT)).isTrue();
    // The tasks running at shutdown finished and reported; no other task was taken.
    assertThat(handledByFirst).hasSize(freeRuns + slots);

    started(ActivityWorker.builder(channel)
        .activityArn(activityArn)
        .handler((input, context) -> {
          handledBySecond.add(context.taskToken());
          return input;
        })
        .build());

    for (String arn : executions) {
      assertThat(awaitEnd(arn).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
      assertThat(baton.getExecutionHistory(arn)).extracting(HistoryEvent::getType)
          .containsOnlyOnce("ActivityStarted", "ActivitySucceeded");
    }
    assertThat(handledByFirst).doesNotContainAnyElementsOf(handledBySecond);
    assertThat(handledByFirst.size() + handledBySecond.size()).isEqualTo(60);
  }

  @Test
  void automaticHeartbeatsKeepATaskAliveLongerThanItsHeartbeatSeconds() throws Exception {
    String activityArn = activity("slow");
    String sm = baton.createStateMachine("slow-work", """
        {"StartAt":"Work","States":{"Work":{"Type":"Task","Resource":"%s","HeartbeatSeconds":1,
          "TimeoutSeconds":60,"End":true}}}
        """.formatted(activityArn)).stateMachineArn();
    started(ActivityWorker.builder(broker.target())
        .activityArn(activityArn)
        .handler((input, context) -> {
          context.autoHeartbeat();
          Thread.sleep(3_500); // three and a half heartbeat timeouts
          return "{\"slow\":true}";
        })
        .heartbeatTimeout(Duration.ofSeconds(1))
        .build());
    Execution done = awaitEnd(start(sm, 1).get(0));
    assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(done.output()).contains("{\"slow\":true}");
  }

  @Test
  void aTaskThatTimesOutIsReportedToItsHandler() throws Exception {
    String activityArn = activity("too-slow");
    String sm = baton.createStateMachine("too-slow", """
        {"StartAt":"Work","States":{"Work":{"Type":"Task","Resource":"%s","TimeoutSeconds":1,"End":true}}}
        """.formatted(activityArn)).stateMachineArn();
    CompletableFuture<Cancellation> cancelled = new CompletableFuture<>();
    started(ActivityWorker.builder(broker.target())
        .activityArn(activityArn)
        .handler((input, context) -> {
          context.cancellation().thenAccept(cancelled::complete);
          while (!context.isCancelled()) {
            context.heartbeat();
            Thread.sleep(20);
          }
          return "{\"late\":true}";
        })
        .options(ActivityWorkerOptions.builder().heartbeatInterval(Duration.ofMillis(100)).build())
        .build());
    Execution done = awaitEnd(start(sm, 1).get(0));
    assertThat(done.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(done.error()).contains("States.Timeout");
    assertThat(cancelled.get(30, TimeUnit.SECONDS).reason()).isEqualTo(Cancellation.Reason.TASK_TIMED_OUT);
  }

  @Test
  void stoppingTheExecutionCancelsTheHandlerThroughItsHeartbeat() throws Exception {
    String activityArn = activity("long");
    String sm = stateMachine("long-work", activityArn);
    CompletableFuture<Cancellation> cancelled = new CompletableFuture<>();
    CountDownLatch started = new CountDownLatch(1);
    started(ActivityWorker.builder(broker.target())
        .activityArn(activityArn)
        .handler((input, context) -> {
          context.cancellation().thenAccept(cancelled::complete);
          started.countDown();
          while (!context.isCancelled()) {
            context.heartbeat();
            Thread.sleep(10);
          }
          return "{\"late\":true}";
        })
        .options(ActivityWorkerOptions.builder().heartbeatInterval(Duration.ofMillis(50)).build())
        .build());
    String execution = start(sm, 1).get(0);
    assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();

    baton.stopExecution(execution, "Operator.Stop", "no longer needed");

    assertThat(cancelled.get(30, TimeUnit.SECONDS).reason()).isEqualTo(Cancellation.Reason.TASK_TIMED_OUT);
    Execution done = awaitEnd(execution);
    assertThat(done.status()).isEqualTo(ExecutionStatus.ABORTED);
    assertThat(done.error()).contains("Operator.Stop");
    assertThat(baton.getExecutionHistory(execution)).extracting(HistoryEvent::getType)
        .doesNotContain("ActivitySucceeded", "ActivityFailed");
  }

  @Test
  void aResultIsReportedAfterTheBrokerRestarts() throws Exception {
    String activityArn = activity("across-restart");
    String sm = stateMachine("across-restart", activityArn);
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    CallRecorder calls = new CallRecorder();
    started(ActivityWorker.builder(calls.intercept(broker.channel()))
        .activityArn(activityArn)
        .handler((input, context) -> {
          started.countDown();
          release.await();
          return "{\"survived\":true}";
        })
        .options(ActivityWorkerOptions.builder()
            .pollers(1)
            .completionBackoff(new BackoffPolicy(Duration.ofMillis(100), Duration.ofMillis(500), 2.0, 0.1))
            .pollBackoff(new BackoffPolicy(Duration.ofMillis(100), Duration.ofMillis(500), 2.0, 0.1))
            .build())
        .build());
    String execution = start(sm, 1).get(0);
    assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();

    broker.stop();
    release.countDown();
    // The worker's SendTaskSuccess fails with UNAVAILABLE and is retried until the broker is back.
    await().atMost(WAIT).until(() -> calls.count("SendTaskSuccess", Status.Code.UNAVAILABLE) >= 2);
    broker.restart();

    Execution done = awaitEnd(execution);
    assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(done.output()).contains("{\"survived\":true}");
  }
}
