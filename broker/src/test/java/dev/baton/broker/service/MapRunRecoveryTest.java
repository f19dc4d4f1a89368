package dev.baton.broker.service;

import dev.baton.broker.BrokerFixture;
import dev.baton.broker.interpreter.ExecutionSnapshot;
import dev.baton.broker.interpreter.MapRunProgress;
import dev.baton.broker.interpreter.RunState;
import dev.baton.broker.persistence.Database;
import dev.baton.broker.runtime.SnapshotCodec;
import dev.baton.proto.v1.CreateActivityRequest;
import dev.baton.proto.v1.CreateStateMachineRequest;
import dev.baton.proto.v1.DescribeExecutionRequest;
import dev.baton.proto.v1.DescribeMapRunRequest;
import dev.baton.proto.v1.ExecutionListItem;
import dev.baton.proto.v1.GetActivityTaskRequest;
import dev.baton.proto.v1.GetActivityTaskResponse;
import dev.baton.proto.v1.ListExecutionsRequest;
import dev.baton.proto.v1.ListMapRunsRequest;
import dev.baton.proto.v1.SendTaskSuccessRequest;
import dev.baton.proto.v1.StartExecutionRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A broker that crashed while a map run started a child: the database is put in the state the crash
 * left (built exactly, as in {@link SdkStartExecutionRecoveryTest}), and the restarted broker makes
 * the child's start again: the child is there once, under the same ARN, and the map run completes.
 */
class MapRunRecoveryTest {
    static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;
    BrokerFixture fx;
    String activity;
    String exec;
    String mapRun;

    @AfterEach
    void stop() throws Exception {
        fx.close();
    }

    /** A parent whose map run has started its first child (of two, one at a time), which waits for a worker. */
    void startMapRun() throws Exception {
        fx = new BrokerFixture(dir, Duration.ofMillis(300));
        activity = fx.api.createActivity(CreateActivityRequest.newBuilder().setName("work").build()).getActivityArn();
        String sm = fx.api.createStateMachine(CreateStateMachineRequest.newBuilder().setName("fan").setDefinition("""
                {"StartAt":"Fan","States":{"Fan":{"Type":"Map","MaxConcurrency":1,"End":true,"ItemProcessor":{
                  "ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},
                  "StartAt":"Work","States":{"Work":{"Type":"Task","Resource":"%s","End":true}}}}}}""".formatted(activity))
                .build()).getStateMachineArn();
        exec = fx.api.startExecution(StartExecutionRequest.newBuilder().setStateMachineArn(sm).setName("p")
                .setInput("[\"a\",\"b\"]").build()).getExecutionArn();
        await().atMost(WAIT).until(() -> fx.api.listMapRuns(ListMapRunsRequest.newBuilder().setExecutionArn(exec).build())
                .getMapRunsCount() == 1);
        mapRun = fx.api.listMapRuns(ListMapRunsRequest.newBuilder().setExecutionArn(exec).build()).getMapRuns(0).getMapRunArn();
        await().atMost(WAIT).until(() -> fx.api.describeMapRun(DescribeMapRunRequest.newBuilder().setMapRunArn(mapRun)
                .build()).getExecutionCounts().getRunning() == 1);
        fx.stop();
    }

    List<ExecutionListItem> children() {
        return fx.api.listExecutions(ListExecutionsRequest.newBuilder().setMapRunArn(mapRun).build()).getExecutionsList();
    }

    /** The parent's snapshot as committed before it heard that its first child started. */
    void forgetTheStartWasHeard(Connection c) throws Exception {
        byte[] stored;
        try (PreparedStatement ps = c.prepareStatement("SELECT snapshot FROM execution WHERE arn = ?")) {
            ps.setString(1, exec);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                stored = rs.getBytes(1);
            }
        }
        ExecutionSnapshot s = SnapshotCodec.decode(stored);
        MapRunProgress p = s.runs.get(RunState.ROOT).fork.mapRun;
        assertThat(p.running).containsEntry(0, MapRunProgress.Phase.RUNNING);
        p.running.put(0, MapRunProgress.Phase.STARTING);
        try (PreparedStatement ps = c.prepareStatement("UPDATE execution SET snapshot = ? WHERE arn = ?")) {
            ps.setBytes(1, SnapshotCodec.encode(s));
            ps.setString(2, exec);
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }
    }

    void finish() {
        for (int i = 0; i < 2; i++) {
            GetActivityTaskResponse[] task = new GetActivityTaskResponse[1];
            await().atMost(WAIT).until(() -> !(task[0] = fx.api.getActivityTask(GetActivityTaskRequest.newBuilder()
                    .setActivityArn(activity).build())).getTaskToken().isEmpty());
            fx.api.sendTaskSuccess(SendTaskSuccessRequest.newBuilder().setTaskToken(task[0].getTaskToken())
                    .setOutput(task[0].getInput()).build());
        }
        await().atMost(WAIT).until(() -> fx.api.describeExecution(DescribeExecutionRequest.newBuilder()
                .setExecutionArn(exec).build()).getStatus().equals("SUCCEEDED"));
        assertThat(fx.api.describeExecution(DescribeExecutionRequest.newBuilder().setExecutionArn(exec).build())
                .getOutput()).isEqualTo("[\"a\",\"b\"]");
        assertThat(children()).hasSize(2).allSatisfy(c -> assertThat(c.getStatus()).isEqualTo("SUCCEEDED"));
    }

    @Test
    void aChildStartedBeforeTheCrashIsNotStartedTwice() throws Exception {
        startMapRun();
        try (Database db = Database.openEmbedded(dir); Connection c = db.connection()) {
            forgetTheStartWasHeard(c);
        }
        fx.start();
        assertThat(children()).hasSize(1);
        finish();
    }

    @Test
    void aChildWhoseStartTheCrashLostIsStartedAfterTheRestart() throws Exception {
        startMapRun();
        String childArn;
        try (Database db = Database.openEmbedded(dir); Connection c = db.connection()) {
            forgetTheStartWasHeard(c);
            // The child's start never reached the database.
            long id;
            try (PreparedStatement ps = c.prepareStatement("SELECT id, arn FROM execution WHERE map_run_arn = ?")) {
                ps.setString(1, mapRun);
                try (ResultSet rs = ps.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    id = rs.getLong(1);
                    childArn = rs.getString(2);
                    assertThat(rs.next()).isFalse();
                }
            }
            for (String table : List.of("execution WHERE id", "history_chunk WHERE execution_id", "activity_task WHERE execution_id")) {
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " = ?")) {
                    ps.setLong(1, id);
                    ps.executeUpdate();
                }
            }
        }
        fx.start();
        await().atMost(WAIT).until(() -> children().size() == 1);
        assertThat(children().getFirst().getExecutionArn()).as("started again under the same name").isEqualTo(childArn);
        finish();
    }
}
