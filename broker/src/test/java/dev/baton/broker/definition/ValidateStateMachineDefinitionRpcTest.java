package dev.baton.broker.definition;

import dev.baton.broker.BrokerFixture;
import dev.baton.proto.v1.ValidateStateMachineDefinitionDiagnostic;
import dev.baton.proto.v1.ValidateStateMachineDefinitionRequest;
import dev.baton.proto.v1.ValidateStateMachineDefinitionResponse;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** ValidateStateMachineDefinition against a real broker over gRPC. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ValidateStateMachineDefinitionRpcTest {
    @TempDir
    static Path dir;
    BrokerFixture fx;

    @BeforeAll
    void start() throws Exception {
        fx = new BrokerFixture(dir);
    }

    @AfterAll
    void stop() throws Exception {
        fx.close();
    }

    private ValidateStateMachineDefinitionResponse validate(ValidateStateMachineDefinitionRequest.Builder req) {
        return fx.api.validateStateMachineDefinition(req.build());
    }

    @Test
    void aValidDefinitionIsOk() {
        var response = validate(ValidateStateMachineDefinitionRequest.newBuilder()
                .setDefinition("{\"StartAt\":\"S\",\"States\":{\"S\":{\"Type\":\"Succeed\"}}}"));
        assertThat(response.getResult()).isEqualTo("OK");
        assertThat(response.getDiagnosticsList()).isEmpty();
        assertThat(response.getTruncated()).isFalse();
    }

    @Test
    void everyProblemIsReportedWithCodeAndLocation() {
        var response = validate(ValidateStateMachineDefinitionRequest.newBuilder().setDefinition("""
                {"StartAt":"A","States":{
                  "A":{"Type":"Pass","Next":"Missing"},
                  "B":{"Type":"Wait","Seconds":-1,"End":true}}}"""));
        assertThat(response.getResult()).isEqualTo("FAIL");
        assertThat(response.getDiagnosticsList())
                .extracting(ValidateStateMachineDefinitionDiagnostic::getSeverity,
                        ValidateStateMachineDefinitionDiagnostic::getCode,
                        ValidateStateMachineDefinitionDiagnostic::getLocation)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("ERROR", "SCHEMA_VALIDATION_FAILED", "/States/B/Seconds"),
                        org.assertj.core.groups.Tuple.tuple("ERROR", "MISSING_TRANSITION_TARGET", "/States/A/Next"),
                        org.assertj.core.groups.Tuple.tuple("ERROR", "MISSING_TRANSITION_TARGET", "/States/B"));
    }

    @Test
    void warningsOnlyWhenAskedFor() {
        String definition = "{\"StartAt\":\"S\",\"States\":{\"S\":{\"Type\":\"Pass\",\"Parameters\":{\"a\":\"$.x\"},\"End\":true}}}";
        var errorsOnly = validate(ValidateStateMachineDefinitionRequest.newBuilder().setDefinition(definition));
        assertThat(errorsOnly.getResult()).isEqualTo("OK");
        assertThat(errorsOnly.getDiagnosticsList()).isEmpty();
        var withWarnings = validate(ValidateStateMachineDefinitionRequest.newBuilder().setDefinition(definition)
                .setSeverity("WARNING"));
        assertThat(withWarnings.getResult()).isEqualTo("OK");
        assertThat(withWarnings.getDiagnosticsList()).singleElement().satisfies(d -> {
            assertThat(d.getSeverity()).isEqualTo("WARNING");
            assertThat(d.getCode()).isEqualTo("NO_DOLLAR");
            assertThat(d.getLocation()).isEqualTo("/States/S/Parameters");
        });
    }

    @Test
    void maxResultsTruncates() {
        StringBuilder states = new StringBuilder();
        for (int i = 0; i < 5; i++) {
            states.append(i == 0 ? "" : ",").append("\"S").append(i).append("\":{\"Type\":\"Succeed\",\"Comment\":1}");
        }
        var response = validate(ValidateStateMachineDefinitionRequest.newBuilder()
                .setDefinition("{\"StartAt\":\"S0\",\"States\":{" + states + "}}").setMaxResults(3));
        assertThat(response.getResult()).isEqualTo("FAIL");
        assertThat(response.getDiagnosticsCount()).isEqualTo(3);
        assertThat(response.getTruncated()).isTrue();
    }

    @Test
    void expressOnlyRulesFollowTheType() {
        String definition = "{\"StartAt\":\"T\",\"States\":{\"T\":{\"Type\":\"Task\","
                + "\"Resource\":\"arn:aws:states:us-east-1:123456789012:activity:a\",\"End\":true}}}";
        assertThat(validate(ValidateStateMachineDefinitionRequest.newBuilder().setDefinition(definition)).getResult())
                .isEqualTo("OK");
        var express = validate(ValidateStateMachineDefinitionRequest.newBuilder().setDefinition(definition).setType("EXPRESS"));
        assertThat(express.getResult()).isEqualTo("FAIL");
        assertThat(express.getDiagnostics(0).getMessage()).isEqualTo("Express state machine does not support Activity ARN");
    }

    @Test
    void badRequestsAreValidationExceptions() {
        for (var req : new ValidateStateMachineDefinitionRequest.Builder[]{
                ValidateStateMachineDefinitionRequest.newBuilder(),
                ValidateStateMachineDefinitionRequest.newBuilder().setDefinition("{}").setType("FAST"),
                ValidateStateMachineDefinitionRequest.newBuilder().setDefinition("{}").setSeverity("INFO"),
                ValidateStateMachineDefinitionRequest.newBuilder().setDefinition("{}").setMaxResults(101)}) {
            StatusRuntimeException e = catchThrowableOfType(StatusRuntimeException.class, () -> validate(req));
            assertThat(BrokerFixture.awsError(e)).isEqualTo("ValidationException");
            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        }
    }
}
