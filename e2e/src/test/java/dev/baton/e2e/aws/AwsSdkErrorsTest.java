package dev.baton.e2e.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.client.config.SdkAdvancedClientOption;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ActivityDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.ExecutionAlreadyExistsException;
import software.amazon.awssdk.services.sfn.model.ExecutionDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.GetActivityTaskResponse;
import software.amazon.awssdk.services.sfn.model.InvalidArnException;
import software.amazon.awssdk.services.sfn.model.InvalidDefinitionException;
import software.amazon.awssdk.services.sfn.model.InvalidExecutionInputException;
import software.amazon.awssdk.services.sfn.model.InvalidNameException;
import software.amazon.awssdk.services.sfn.model.InvalidTokenException;
import software.amazon.awssdk.services.sfn.model.SfnException;
import software.amazon.awssdk.services.sfn.model.StateMachineAlreadyExistsException;
import software.amazon.awssdk.services.sfn.model.StateMachineDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.TaskTimedOutException;

/** Baton's errors reach AWS SDK users as the SDK's typed exceptions, with AWS's codes and a useful message. */
class AwsSdkErrorsTest {

    private static final String ACCOUNT_ARN = "arn:aws:states:us-east-1:123456789012:";
    private static final String ROLE = "arn:aws:iam::123456789012:role/baton-e2e";

    @TempDir
    static Path dataDir;
    static AwsEndpointBroker baton;
    static SfnClient sfn;
    static String activityArn;
    static String machineArn;

    @BeforeAll
    static void startBroker() throws IOException {
        baton = AwsEndpointBroker.start(dataDir, Duration.ofSeconds(5));
        sfn = baton.sfn;
        activityArn = sfn.createActivity(r -> r.name("errors")).activityArn();
        machineArn = sfn.createStateMachine(r -> r.name("errors").roleArn(ROLE).definition("""
                {"StartAt":"Work","States":{"Work":{"Type":"Task","Resource":"%s","End":true}}}""".formatted(activityArn)))
                .stateMachineArn();
    }

    @AfterAll
    static void stopBroker() throws InterruptedException {
        baton.close();
    }

    /** A client error: HTTP 400, AWS's code, a message naming the problem, and not retried. */
    private static <T extends SfnException> void assertClientError(SfnException e, Class<T> type, String code) {
        assertThat(e).isInstanceOf(type);
        assertThat(e.statusCode()).isEqualTo(400);
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
        assertThat(e.awsErrorDetails().errorMessage()).isNotBlank();
        assertThat(e.requestId()).isNotBlank();
        assertThat(e.numAttempts()).isEqualTo(1);
    }

    @Test
    void unknownResourcesAreTheirDoesNotExistExceptions() {
        assertThatThrownBy(() -> sfn.describeExecution(r -> r.executionArn(ACCOUNT_ARN + "execution:errors:never-started")))
                .isInstanceOfSatisfying(ExecutionDoesNotExistException.class, e -> {
                    assertClientError(e, ExecutionDoesNotExistException.class, "ExecutionDoesNotExist");
                    assertThat(e.awsErrorDetails().errorMessage()).contains("never-started");
                });
        assertThatThrownBy(() -> sfn.describeStateMachine(r -> r.stateMachineArn(ACCOUNT_ARN + "stateMachine:nothing")))
                .isInstanceOfSatisfying(StateMachineDoesNotExistException.class,
                        e -> assertClientError(e, StateMachineDoesNotExistException.class, "StateMachineDoesNotExist"));
        assertThatThrownBy(() -> sfn.describeActivity(r -> r.activityArn(ACCOUNT_ARN + "activity:nothing")))
                .isInstanceOfSatisfying(ActivityDoesNotExistException.class,
                        e -> assertClientError(e, ActivityDoesNotExistException.class, "ActivityDoesNotExist"));
        assertThatThrownBy(() -> sfn.startExecution(r -> r.stateMachineArn(ACCOUNT_ARN + "stateMachine:nothing")))
                .isInstanceOfSatisfying(StateMachineDoesNotExistException.class,
                        e -> assertClientError(e, StateMachineDoesNotExistException.class, "StateMachineDoesNotExist"));
    }

    @Test
    void malformedArgumentsAreTheirInvalidExceptions() {
        assertThatThrownBy(() -> sfn.describeExecution(r -> r.executionArn("not-an-arn")))
                .isInstanceOfSatisfying(InvalidArnException.class, e -> assertClientError(e, InvalidArnException.class, "InvalidArn"));
        assertThatThrownBy(() -> sfn.createStateMachine(r -> r.name("broken").roleArn(ROLE)
                .definition("{\"StartAt\":\"Missing\",\"States\":{\"Only\":{\"Type\":\"Succeed\"}}}")))
                .isInstanceOfSatisfying(InvalidDefinitionException.class, e -> {
                    assertClientError(e, InvalidDefinitionException.class, "InvalidDefinition");
                    assertThat(e.awsErrorDetails().errorMessage()).contains("Missing");
                });
        assertThatThrownBy(() -> sfn.createActivity(r -> r.name("has spaces and *")))
                .isInstanceOfSatisfying(InvalidNameException.class, e -> assertClientError(e, InvalidNameException.class, "InvalidName"));
        assertThatThrownBy(() -> sfn.startExecution(r -> r.stateMachineArn(machineArn).input("{not json")))
                .isInstanceOfSatisfying(InvalidExecutionInputException.class,
                        e -> assertClientError(e, InvalidExecutionInputException.class, "InvalidExecutionInput"));
        assertThatThrownBy(() -> sfn.sendTaskSuccess(r -> r.taskToken("a-token-baton-never-issued").output("{}")))
                .isInstanceOfSatisfying(InvalidTokenException.class, e -> assertClientError(e, InvalidTokenException.class, "InvalidToken"));
    }

    @Test
    void conflictsAreTheirAlreadyExistsExceptions() {
        assertThatThrownBy(() -> sfn.createStateMachine(r -> r.name("errors").roleArn(ROLE)
                .definition("{\"StartAt\":\"Done\",\"States\":{\"Done\":{\"Type\":\"Succeed\"}}}")))
                .isInstanceOfSatisfying(StateMachineAlreadyExistsException.class,
                        e -> assertClientError(e, StateMachineAlreadyExistsException.class, "StateMachineAlreadyExists"));
        sfn.startExecution(r -> r.stateMachineArn(machineArn).name("once").input("{\"a\":1}"));
        assertThatThrownBy(() -> sfn.startExecution(r -> r.stateMachineArn(machineArn).name("once").input("{\"a\":2}")))
                .isInstanceOfSatisfying(ExecutionAlreadyExistsException.class,
                        e -> assertClientError(e, ExecutionAlreadyExistsException.class, "ExecutionAlreadyExists"));
    }

    @Test
    void answeringATaskThatHasEndedIsTaskTimedOut() {
        // Its own activity, so that the task polled is this execution's.
        String lateActivity = sfn.createActivity(r -> r.name("late")).activityArn();
        String lateMachine = sfn.createStateMachine(r -> r.name("late").roleArn(ROLE).definition("""
                {"StartAt":"Work","States":{"Work":{"Type":"Task","Resource":"%s","End":true}}}""".formatted(lateActivity)))
                .stateMachineArn();
        String executionArn = sfn.startExecution(r -> r.stateMachineArn(lateMachine).input("{}")).executionArn();
        GetActivityTaskResponse task = sfn.getActivityTask(r -> r.activityArn(lateActivity).workerName("late"));
        assertThat(task.taskToken()).isNotNull();
        sfn.sendTaskSuccess(r -> r.taskToken(task.taskToken()).output("{}"));
        await().atMost(Duration.ofSeconds(30)).until(
                () -> sfn.describeExecution(r -> r.executionArn(executionArn)).status() == ExecutionStatus.SUCCEEDED);

        assertThatThrownBy(() -> sfn.sendTaskSuccess(r -> r.taskToken(task.taskToken()).output("{}")))
                .isInstanceOfSatisfying(TaskTimedOutException.class, e -> assertClientError(e, TaskTimedOutException.class, "TaskTimedOut"));
        assertThatThrownBy(() -> sfn.sendTaskHeartbeat(r -> r.taskToken(task.taskToken())))
                .isInstanceOfSatisfying(TaskTimedOutException.class, e -> assertClientError(e, TaskTimedOutException.class, "TaskTimedOut"));
    }

    @Test
    void anOperationBatonDoesNotHaveIsAnUnknownOperation() {
        // AWS clients send StartSyncExecution to a "sync-" host; a user pointing them at Baton turns that off.
        try (SfnClient plainHost = baton.sfnClient(c -> c.putAdvancedOption(SdkAdvancedClientOption.DISABLE_HOST_PREFIX_INJECTION, true))) {
            assertThatThrownBy(() -> plainHost.startSyncExecution(r -> r.stateMachineArn(machineArn)))
                    .isInstanceOfSatisfying(SfnException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(400);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("UnknownOperationException");
                        assertThat(e.awsErrorDetails().errorMessage()).contains("StartSyncExecution");
                    });
        }
    }
}
