package dev.baton.broker.runtime;

import dev.baton.broker.BrokerConfig;
import dev.baton.broker.BrokerFixture;
import dev.baton.broker.SettableClock;
import dev.baton.proto.v1.CreateActivityRequest;
import dev.baton.proto.v1.CreateStateMachineRequest;
import dev.baton.proto.v1.DescribeExecutionRequest;
import dev.baton.proto.v1.StartExecutionRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import static org.awaitility.Awaitility.await;

/**
 * Review finding: a timer's decision runs on the broker's only timer thread (TimerService.deliver ->
 * ExecutionRuntime.submit -> drain, synchronously when the execution is idle). One decision is not
 * bounded in time (each JSONata expression may take 5 s, a Catch loop multiplies it; a single $pad
 * call is not interruptible at all), so one execution whose Wait ends in such a decision stops every
 * other execution's Wait, retry, TimeoutSeconds and HeartbeatSeconds timers for as long.
 */
class TimerIsolationTest {
    @TempDir
    Path dir;
    BrokerFixture fx;
    final SettableClock clock = new SettableClock(Instant.parse("2026-01-01T00:00:00Z"));

    @AfterEach
    void stop() throws Exception {
        fx.close();
    }

    @Test
    void aSlowDecisionAfterOneExecutionsWaitDoesNotHoldUpOtherExecutionsTimers() throws Exception {
        fx = new BrokerFixture(dir, BrokerConfig.DEFAULT_POLL_TIMEOUT, clock);
        String activity = fx.api.createActivity(CreateActivityRequest.newBuilder().setName("work").build()).getActivityArn();
        String slow = fx.api.createStateMachine(CreateStateMachineRequest.newBuilder().setName("slow").setDefinition("""
                {"QueryLanguage":"JSONata","StartAt":"Sleep","States":{
                  "Sleep":{"Type":"Wait","Seconds":1,"Next":"Init"},
                  "Init":{"Type":"Pass","Assign":{"n":0},"Next":"Spin"},
                  "Spin":{"Type":"Task","Resource":"%s",
                    "Arguments":"{%% ($f := function($i) { $f($i + 1) }; $f(0)) %%}",
                    "Catch":[{"ErrorEquals":["States.QueryEvaluationError"],"Assign":{"n":"{%% $n + 1 %%}"},"Next":"Again"}],
                    "End":true},
                  "Again":{"Type":"Choice","Choices":[{"Condition":"{%% $n < 3 %%}","Next":"Spin"}],"Default":"Done"},
                  "Done":{"Type":"Succeed"}}}""".formatted(activity)).build()).getStateMachineArn();
        String plain = fx.api.createStateMachine(CreateStateMachineRequest.newBuilder().setName("plain").setDefinition("""
                {"StartAt":"Sleep","States":{"Sleep":{"Type":"Wait","Seconds":2,"End":true}}}""").build())
                .getStateMachineArn();
        fx.api.startExecution(StartExecutionRequest.newBuilder().setStateMachineArn(slow).setName("slow").build());
        String other = fx.api.startExecution(StartExecutionRequest.newBuilder().setStateMachineArn(plain).setName("other")
                .build()).getExecutionArn();

        clock.advance(Duration.ofSeconds(3)); // both Waits are due; the slow execution's first

        // The other execution's timer fires while the slow one's decision runs: well before the slow
        // decision's JSONata budget is spent.
        await().atMost(Duration.ofSeconds(3)).until(() -> fx.api.describeExecution(
                DescribeExecutionRequest.newBuilder().setExecutionArn(other).build()).getStatus().equals("SUCCEEDED"));
    }
}
