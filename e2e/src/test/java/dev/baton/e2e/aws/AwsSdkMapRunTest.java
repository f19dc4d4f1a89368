package dev.baton.e2e.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.DescribeMapRunResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;
import software.amazon.awssdk.services.sfn.model.ExecutionRedriveStatus;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.MapRunListItem;
import software.amazon.awssdk.services.sfn.model.MapRunStatus;
import software.amazon.awssdk.services.sfn.model.ResourceNotFoundException;
import software.amazon.awssdk.services.sfn.model.ValidationException;

/**
 * Map runs through the AWS SDK for Java v2: the SDK reads DescribeMapRun, ListMapRuns and
 * ListExecutions by map run in AWS's shapes, UpdateMapRun reaches the running map run, and the
 * errors are the SDK's typed exceptions.
 */
class AwsSdkMapRunTest {
    private static final String ROLE = "arn:aws:iam::123456789012:role/baton-e2e";

    @TempDir
    static Path dataDir;
    static AwsEndpointBroker baton;
    static SfnClient sfn;

    @BeforeAll
    static void startBroker() throws IOException {
        baton = AwsEndpointBroker.start(dataDir, Duration.ofSeconds(2));
        sfn = baton.sfn;
    }

    @AfterAll
    static void stopBroker() throws InterruptedException {
        baton.close();
    }

    @Test
    void theSdkDescribesAndUpdatesAMapRunAndListsItsChildren() {
        String activity = sfn.createActivity(r -> r.name("map-work")).activityArn();
        String machine = sfn.createStateMachine(r -> r.name("fan").roleArn(ROLE).definition("""
                {"StartAt":"Fan","States":{"Fan":{"Type":"Map","Label":"Items","MaxConcurrency":1,
                  "ToleratedFailurePercentage":10,"End":true,
                  "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},
                    "StartAt":"Work","States":{"Work":{"Type":"Task","Resource":"%s","End":true}}}}}}""".formatted(activity)))
                .stateMachineArn();
        String execution = sfn.startExecution(r -> r.stateMachineArn(machine).input("[1,2,3]")).executionArn();
        List<MapRunListItem> runs = await().atMost(Duration.ofSeconds(20))
                .until(() -> sfn.listMapRuns(r -> r.executionArn(execution)).mapRuns(), l -> l.size() == 1);
        MapRunListItem listed = runs.getFirst();
        assertThat(listed.executionArn()).isEqualTo(execution);
        assertThat(listed.stateMachineArn()).isEqualTo(machine);
        assertThat(listed.startDate()).isNotNull();
        String mapRun = listed.mapRunArn();

        DescribeMapRunResponse running = sfn.describeMapRun(r -> r.mapRunArn(mapRun));
        assertThat(running.status()).isEqualTo(MapRunStatus.RUNNING);
        assertThat(running.maxConcurrency()).isEqualTo(1);
        assertThat(running.toleratedFailurePercentage()).isEqualTo(10f);
        assertThat(running.toleratedFailureCount()).isZero();
        assertThat(running.itemCounts().total()).isEqualTo(3);
        assertThat(running.itemCounts().running()).isEqualTo(1);
        assertThat(running.itemCounts().pending()).isEqualTo(2);
        assertThat(running.stopDate()).isNull();
        assertThat(running.redriveCount()).isZero();

        sfn.updateMapRun(r -> r.mapRunArn(mapRun).maxConcurrency(3));
        assertThat(sfn.describeMapRun(r -> r.mapRunArn(mapRun)).maxConcurrency()).isEqualTo(3);
        for (int i = 0; i < 3; i++) {
            var task = await().atMost(Duration.ofSeconds(20)).until(
                    () -> sfn.getActivityTask(r -> r.activityArn(activity)), t -> t.taskToken() != null);
            sfn.sendTaskSuccess(r -> r.taskToken(task.taskToken()).output(task.input()));
        }
        DescribeExecutionResponse done = await().atMost(Duration.ofSeconds(20)).until(
                () -> sfn.describeExecution(r -> r.executionArn(execution)), d -> d.status() != ExecutionStatus.RUNNING);
        assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(done.output()).isEqualTo("[1,2,3]");

        DescribeMapRunResponse finished = sfn.describeMapRun(r -> r.mapRunArn(mapRun));
        assertThat(finished.status()).isEqualTo(MapRunStatus.SUCCEEDED);
        assertThat(finished.stopDate()).isAfterOrEqualTo(finished.startDate());
        assertThat(finished.itemCounts().succeeded()).isEqualTo(3);
        assertThat(finished.executionCounts().total()).isEqualTo(3);

        List<ExecutionListItem> children = sfn.listExecutions(r -> r.mapRunArn(mapRun)).executions();
        assertThat(children).hasSize(3).allSatisfy(c -> {
            assertThat(c.mapRunArn()).isEqualTo(mapRun);
            assertThat(c.itemCount()).isEqualTo(1);
            assertThat(c.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        });
        DescribeExecutionResponse child = sfn.describeExecution(r -> r.executionArn(children.getFirst().executionArn()));
        assertThat(child.mapRunArn()).isEqualTo(mapRun);
        assertThat(child.redriveStatus()).isEqualTo(ExecutionRedriveStatus.NOT_REDRIVABLE);

        String unknown = mapRun.substring(0, mapRun.lastIndexOf(':') + 1) + "00000000-0000-0000-0000-000000000000";
        assertThatThrownBy(() -> sfn.describeMapRun(r -> r.mapRunArn(unknown))).isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> sfn.updateMapRun(r -> r.mapRunArn(mapRun).maxConcurrency(2)))
                .isInstanceOf(ValidationException.class);
    }
}
