package dev.baton.broker.definition;

import com.fasterxml.jackson.databind.node.IntNode;
import dev.baton.broker.dataflow.Path;
import dev.baton.broker.dataflow.ResultPath;
import dev.baton.broker.definition.model.DynamicValue;
import dev.baton.broker.definition.model.FailState;
import dev.baton.broker.definition.model.PassState;
import dev.baton.broker.definition.model.QueryLanguage;
import dev.baton.broker.definition.model.StateMachine;
import dev.baton.broker.definition.model.SucceedState;
import dev.baton.broker.definition.model.TaskResource;
import dev.baton.broker.definition.model.TaskState;
import dev.baton.broker.definition.model.Transition;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DefinitionsTest {

    @Test
    void loadsTheFourBasicStates() {
        DefinitionResult result = Definitions.load("""
                {
                  "Comment": "charge a card",
                  "StartAt": "Prepare",
                  "TimeoutSeconds": 300,
                  "States": {
                    "Prepare": {
                      "Type": "Pass",
                      "InputPath": "$.order",
                      "Result": {"currency": "EUR"},
                      "ResultPath": "$.defaults",
                      "Next": "Charge"
                    },
                    "Charge": {
                      "Type": "Task",
                      "Resource": "arn:aws:states:us-east-1:123456789012:activity:charge",
                      "Parameters": {"amount.$": "$.amount", "fixed": 1},
                      "ResultPath": null,
                      "OutputPath": null,
                      "TimeoutSeconds": 60,
                      "HeartbeatSecondsPath": "$.heartbeat",
                      "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Broken"}],
                      "Next": "Done"
                    },
                    "Done": {"Type": "Succeed", "InputPath": null},
                    "Broken": {"Type": "Fail", "Error": "Card.Declined", "CausePath": "$.why"}
                  }
                }
                """);

        assertThat(result.diagnostics()).isEmpty();
        assertThat(result.ok()).isTrue();
        StateMachine machine = result.stateMachine();
        assertThat(machine.startAt()).isEqualTo("Prepare");
        assertThat(machine.comment()).isEqualTo("charge a card");
        assertThat(machine.timeoutSeconds()).isEqualTo(300);
        assertThat(machine.queryLanguage()).isEqualTo(QueryLanguage.JSONPATH);

        PassState prepare = (PassState) machine.state("Prepare");
        assertThat(prepare.io().inputPath().text()).isEqualTo("$.order");
        assertThat(prepare.io().outputPath()).isSameAs(Path.ROOT);
        assertThat(prepare.io().resultPath().text()).isEqualTo("$.defaults");
        assertThat(prepare.result().get("currency").textValue()).isEqualTo("EUR");
        assertThat(prepare.transition()).isEqualTo(new Transition.Next("Charge"));

        TaskState charge = (TaskState) machine.state("Charge");
        assertThat(charge.resource()).isInstanceOf(TaskResource.Activity.class);
        assertThat(charge.resource().arn()).isEqualTo("arn:aws:states:us-east-1:123456789012:activity:charge");
        assertThat(charge.io().parameters().source().get("fixed").intValue()).isEqualTo(1);
        assertThat(charge.io().resultPath()).isNull();
        assertThat(charge.io().outputPath()).isNull();
        assertThat(charge.io().inputPath()).isSameAs(Path.ROOT);
        assertThat(charge.timeoutSeconds()).isEqualTo(new DynamicValue.Literal(IntNode.valueOf(60)));
        assertThat(charge.heartbeatSeconds()).isInstanceOf(DynamicValue.FromPath.class);
        assertThat(charge.catchers()).singleElement().satisfies(c -> {
            assertThat(c.errorEquals()).containsExactly("States.ALL");
            assertThat(c.next()).isEqualTo("Broken");
            assertThat(c.resultPath()).isSameAs(ResultPath.ROOT);
        });

        SucceedState done = (SucceedState) machine.state("Done");
        assertThat(done.io().inputPath()).isNull();

        FailState broken = (FailState) machine.state("Broken");
        assertThat(broken.error()).isEqualTo(new DynamicValue.Literal(com.fasterxml.jackson.databind.node.TextNode.valueOf("Card.Declined")));
        assertThat(broken.cause()).isInstanceOf(DynamicValue.FromPath.class);
    }

    @Test
    void reportsAMissingTargetInAwsWording() {
        DefinitionResult result = Definitions.load("""
                {"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "B"}, "C": {"Type": "Succeed"}}}""");
        assertThat(result.ok()).isFalse();
        assertThat(result.stateMachine()).isNull();
        assertThat(result.invalidDefinitionMessage()).isEqualTo(
                "Invalid State Machine Definition: 'MISSING_TRANSITION_TARGET: Missing 'Next' target: B at /States/A/Next, "
                        + "MISSING_TRANSITION_TARGET: State \"C\" is not reachable. at /States/C'");
    }

    @Test
    void badJsonIsAnInvalidJsonDescriptionNotAnException() {
        DefinitionResult result = Definitions.load("{\"StartAt\": ");
        assertThat(result.errors()).singleElement().satisfies(d -> {
            assertThat(d.code()).isEqualTo("INVALID_JSON_DESCRIPTION");
            assertThat(d.message()).contains("line 1");
        });
        assertThat(Definitions.load("").errors()).extracting(Diagnostic::code).containsExactly("MISSING_DESCRIPTION");
        assertThat(Definitions.load(null).errors()).extracting(Diagnostic::code).containsExactly("MISSING_DESCRIPTION");
    }

    @Test
    void statesInsideABranchOrMapCannotLeaveIt() {
        DefinitionResult result = Definitions.load("""
                {"StartAt":"P","States":{
                  "P":{"Type":"Parallel","Next":"M","Branches":[
                    {"StartAt":"A","States":{"A":{"Type":"Pass","Next":"M"}}}]},
                  "M":{"Type":"Map","End":true,"ItemProcessor":{"StartAt":"I","States":{
                    "I":{"Type":"Pass","Next":"P"}}},
                    "Catch":[{"ErrorEquals":["States.ALL"],"Next":"I"}]}}}""");
        assertThat(result.errors()).extracting(Diagnostic::code, Diagnostic::location).contains(
                org.assertj.core.groups.Tuple.tuple("MISSING_TRANSITION_TARGET", "/States/P/Branches/0/States/A/Next"),
                org.assertj.core.groups.Tuple.tuple("MISSING_TRANSITION_TARGET", "/States/M/ItemProcessor/States/I/Next"),
                org.assertj.core.groups.Tuple.tuple("MISSING_TRANSITION_TARGET", "/States/M/Catch/0/Next"));
        // Neither nested graph can end, so AWS's MISSING_END_STATE is reported for each, at its location.
        assertThat(result.errors()).extracting(Diagnostic::code, Diagnostic::location).contains(
                org.assertj.core.groups.Tuple.tuple("MISSING_END_STATE", "/States/P/Branches/0"),
                org.assertj.core.groups.Tuple.tuple("MISSING_END_STATE", "/States/M/ItemProcessor"));
    }

    @Test
    void everyProblemIsReportedAtOnceInAwsMessageForm() {
        DefinitionResult result = Definitions.load("""
                {"StartAt":"A","States":{
                  "A":{"Type":"Task","Resource":"arn:aws:states:us-east-1:123456789012:activity:a",
                       "TimeoutSeconds":5,"HeartbeatSeconds":5,"InputPath":"oops","Next":"B"},
                  "B":{"Type":"Wait","Timestamp":"tomorrow","End":true}}}""");
        assertThat(result.errors()).extracting(Diagnostic::location)
                .containsExactly("/States/A/InputPath", "/States/A/HeartbeatSeconds", "/States/B/Timestamp");
        assertThat(result.invalidDefinitionMessage())
                .startsWith("Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: The value for the field "
                        + "'InputPath' must be a valid JSONPath")
                .contains(", SCHEMA_VALIDATION_FAILED: String does not match RFC3339 timestamp at /States/B/Timestamp'");
    }
}
