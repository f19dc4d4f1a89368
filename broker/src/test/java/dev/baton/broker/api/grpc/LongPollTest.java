package dev.baton.broker.api.grpc;

import dev.baton.broker.BrokerFixture;
import dev.baton.proto.v1.CreateActivityRequest;
import dev.baton.proto.v1.CreateStateMachineRequest;
import dev.baton.proto.v1.DescribeExecutionRequest;
import dev.baton.proto.v1.GetActivityTaskRequest;
import dev.baton.proto.v1.GetActivityTaskResponse;
import dev.baton.proto.v1.SendTaskSuccessRequest;
import dev.baton.proto.v1.StartExecutionRequest;
import dev.baton.proto.v1.StepFunctionsGrpc;
import io.grpc.Context;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** GetActivityTask long polling: parked polls, hand-off, time-out, cancelled callers. */
class LongPollTest {
    @TempDir
    Path dir;
    BrokerFixture fx;
    String activity;
    String stateMachine;

    @BeforeEach
    void start() throws Exception {
        fx = new BrokerFixture(dir, Duration.ofSeconds(2));
        activity = fx.api.createActivity(CreateActivityRequest.newBuilder().setName("work").build()).getActivityArn();
        stateMachine = fx.api.createStateMachine(CreateStateMachineRequest.newBuilder().setName("sm").setDefinition("""
                {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"%s","End":true}}}""".formatted(activity))
                .build()).getStateMachineArn();
    }

    @AfterEach
    void stop() throws Exception {
        fx.close();
    }

    private String startExecution(String name) {
        return fx.api.startExecution(StartExecutionRequest.newBuilder().setStateMachineArn(stateMachine).setName(name)
                .setInput("{\"n\":\"" + name + "\"}").build()).getExecutionArn();
    }

    private GetActivityTaskRequest poll(String worker) {
        return GetActivityTaskRequest.newBuilder().setActivityArn(activity).setWorkerName(worker).build();
    }

    private int waitingPolls() {
        return fx.broker.dispatcherForTests().waitingPolls(activity);
    }

    @Test
    void aPollParkedBeforeTheExecutionStartsReceivesTheTask() throws Exception {
        var stub = StepFunctionsGrpc.newFutureStub(fx.channel);
        var parked = stub.getActivityTask(poll("early"));
        await().atMost(Duration.ofSeconds(5)).until(() -> waitingPolls() == 1);

        startExecution("e1");

        GetActivityTaskResponse task = parked.get(5, TimeUnit.SECONDS);
        assertThat(task.getTaskToken()).isNotEmpty();
        assertThat(task.getInput()).isEqualTo("{\"n\":\"e1\"}");
    }

    @Test
    void aPollWithNoTaskReturnsAnEmptyTokenAtItsTimeout() {
        long started = System.nanoTime();
        GetActivityTaskResponse none = fx.api.getActivityTask(poll("idle"));
        assertThat(none.getTaskToken()).isEmpty();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(1900));
        assertThat(waitingPolls()).isZero();
    }

    @Test
    void aCancelledPollLeavesTheQueueAndDoesNotTakeTheTask() throws Exception {
        Context.CancellableContext call = Context.current().withCancellation();
        CompletableFuture<Throwable> cancelledOutcome = new CompletableFuture<>();
        call.run(() -> {
            var stub = StepFunctionsGrpc.newFutureStub(fx.channel);
            var future = stub.getActivityTask(poll("gone"));
            future.addListener(() -> {
                try {
                    future.get();
                    cancelledOutcome.complete(null);
                } catch (Exception e) {
                    cancelledOutcome.complete(e);
                }
            }, Runnable::run);
        });
        await().atMost(Duration.ofSeconds(5)).until(() -> waitingPolls() == 1);
        call.cancel(null);
        assertThat(cancelledOutcome.get(5, TimeUnit.SECONDS)).isNotNull();
        await().atMost(Duration.ofSeconds(5)).until(() -> waitingPolls() == 0);

        String exec = startExecution("e2");
        GetActivityTaskResponse task = fx.api.getActivityTask(poll("live"));
        assertThat(task.getTaskToken()).as("the task goes to the live poller").isNotEmpty();
        fx.api.sendTaskSuccess(SendTaskSuccessRequest.newBuilder().setTaskToken(task.getTaskToken()).setOutput("{}").build());
        assertThat(fx.api.describeExecution(DescribeExecutionRequest.newBuilder().setExecutionArn(exec).build()).getStatus())
                .isEqualTo("SUCCEEDED");
    }

    @Test
    void manyParkedPollsHoldNoThreadAndEachGetsOneTask() throws Exception {
        var stub = StepFunctionsGrpc.newFutureStub(fx.channel);
        var futures = new java.util.ArrayList<com.google.common.util.concurrent.ListenableFuture<GetActivityTaskResponse>>();
        for (int i = 0; i < 400; i++) {
            futures.add(stub.getActivityTask(poll("p" + i)));
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> waitingPolls() == 400);
        // A thread per parked poll would mean 400 threads or more; the broker, its client and the JVM
        // together use a few dozen.
        assertThat(Thread.activeCount()).as("threads while 400 polls are parked").isLessThan(100);

        for (int i = 0; i < 10; i++) {
            startExecution("m" + i);
        }
        var tokens = new java.util.HashSet<String>();
        for (var f : futures) {
            String token = f.get(5, TimeUnit.SECONDS).getTaskToken();
            if (!token.isEmpty()) {
                tokens.add(token);
            }
        }
        assertThat(tokens).hasSize(10);
    }
}
