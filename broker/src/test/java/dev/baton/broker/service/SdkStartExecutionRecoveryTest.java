package dev.baton.broker.service;

import dev.baton.broker.BrokerFixture;
import dev.baton.broker.interpreter.ExecutionSnapshot;
import dev.baton.broker.interpreter.RunState;
import dev.baton.broker.persistence.Database;
import dev.baton.broker.runtime.SnapshotCodec;
import dev.baton.proto.v1.CreateStateMachineRequest;
import dev.baton.proto.v1.GetExecutionHistoryRequest;
import dev.baton.proto.v1.HistoryEvent;
import dev.baton.proto.v1.ListExecutionsRequest;
import dev.baton.proto.v1.StartExecutionRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Review finding: TaskCalls.recover() makes an aws-sdk:sfn call again when the task's snapshot does
 * not show it answered. For startExecution without a Name, ExecutionService.start picks a fresh
 * random name, so a crash after the started execution's commit and before the parent's
 * ServiceResponded commit starts a second execution after the restart.
 *
 * <p>The crash state is built exactly: the parent's row is put back as it was committed before the
 * ServiceResponded decision (task not started, that decision's history chunk gone), the broker_call
 * row and the started execution stay, as they are in the database at that instant.
 */
class SdkStartExecutionRecoveryTest {
    @TempDir
    Path dir;
    BrokerFixture fx;

    @AfterEach
    void stop() throws Exception {
        fx.close();
    }

    @Test
    void anSdkStartExecutionMadeAgainAfterACrashDoesNotStartASecondExecution() throws Exception {
        fx = new BrokerFixture(dir);
        String child = fx.api.createStateMachine(CreateStateMachineRequest.newBuilder().setName("child").setDefinition("""
                {"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":3600,"End":true}}}""").build()).getStateMachineArn();
        String parent = fx.api.createStateMachine(CreateStateMachineRequest.newBuilder().setName("parent").setDefinition("""
                {"StartAt":"Call","States":{"Call":{"Type":"Task",
                  "Resource":"arn:aws:states:::aws-sdk:sfn:startExecution.waitForTaskToken",
                  "Parameters":{"StateMachineArn":"%s","Input":{"token.$":"$$.Task.Token"}},"End":true}}}"""
                .formatted(child)).build()).getStateMachineArn();
        String exec = fx.api.startExecution(StartExecutionRequest.newBuilder().setStateMachineArn(parent).setName("p")
                .build()).getExecutionArn();
        await().atMost(Duration.ofSeconds(20)).until(() -> types(exec).contains("TaskSubmitted"));
        assertThat(children(child)).isEqualTo(1);
        fx.stop();

        // The database as a crash left it after the child's commit, before the parent heard back.
        try (Database db = Database.openEmbedded(dir); Connection c = db.connection()) {
            long id;
            byte[] stored;
            try (PreparedStatement ps = c.prepareStatement("SELECT id, snapshot FROM execution WHERE arn = ?")) {
                ps.setString(1, exec);
                try (ResultSet rs = ps.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    id = rs.getLong(1);
                    stored = rs.getBytes(2);
                }
            }
            int lastChunk;
            try (PreparedStatement ps = c.prepareStatement("SELECT MAX(first_id) FROM history_chunk WHERE execution_id = ?")) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    lastChunk = rs.getInt(1);
                }
            }
            ExecutionSnapshot s = SnapshotCodec.decode(stored);
            RunState root = s.runs.get(RunState.ROOT);
            RunState.PendingTask t = root.task;
            assertThat(t.started()).isTrue();
            root.task = new RunState.PendingTask(t.token(), t.resource(), t.input(), t.timeoutSeconds(), t.heartbeatSeconds(),
                    false, t.timeoutTimer(), null, null, false, null);
            s.lastEventId = lastChunk - 1;
            root.source = lastChunk - 1;
            root.last = lastChunk - 1;
            try (PreparedStatement ps = c.prepareStatement("UPDATE execution SET snapshot = ? WHERE id = ?")) {
                ps.setBytes(1, SnapshotCodec.encode(s));
                ps.setLong(2, id);
                assertThat(ps.executeUpdate()).isEqualTo(1);
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM history_chunk WHERE execution_id = ? AND first_id = ?")) {
                ps.setLong(1, id);
                ps.setInt(2, lastChunk);
                assertThat(ps.executeUpdate()).isEqualTo(1);
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM broker_call WHERE execution_id = ?")) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    assertThat(rs.getInt(1)).as("the call's row is still there").isEqualTo(1);
                }
            }
        }

        fx.start();
        await().atMost(Duration.ofSeconds(20)).until(() -> types(exec).contains("TaskSubmitted"));
        assertThat(children(child)).as("executions of the child state machine after the restart").isEqualTo(1);
    }

    private java.util.List<String> types(String exec) {
        return fx.api.getExecutionHistory(GetExecutionHistoryRequest.newBuilder().setExecutionArn(exec).build())
                .getEventsList().stream().map(HistoryEvent::getType).toList();
    }

    private int children(String child) {
        return fx.api.listExecutions(ListExecutionsRequest.newBuilder().setStateMachineArn(child).build()).getExecutionsCount();
    }
}
