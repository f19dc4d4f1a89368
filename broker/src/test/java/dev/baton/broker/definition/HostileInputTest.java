package dev.baton.broker.definition;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile definitions are rejected with a clear error, without exhausting the stack or memory:
 * more than 1 MiB, JSON nested beyond the broker's limit, enormous numbers, deeply nested JSONata.
 */
class HostileInputTest {
    private static final String MINIMAL_PREFIX = "{\"StartAt\":\"S\",\"States\":{\"S\":{\"Type\":\"Pass\",\"End\":true,\"Result\":";

    @Test
    void aDefinitionOfOneMebibyteLoads() {
        String prefix = "{\"StartAt\":\"S\",\"States\":{\"S\":{\"Type\":\"Succeed\",\"Comment\":\"";
        String suffix = "\"}}}";
        String definition = prefix + "x".repeat(1024 * 1024 - prefix.length() - suffix.length()) + suffix;
        assertThat(definition.length()).isEqualTo(1024 * 1024);
        assertThat(Definitions.load(definition).ok()).isTrue();
    }

    @Test
    void aLargerDefinitionIsRejectedBeforeParsing() {
        String definition = MINIMAL_PREFIX + "\"" + "x".repeat(1024 * 1024) + "\"}}}";
        DefinitionResult result = Definitions.load(definition);
        assertThat(result.errors()).singleElement().satisfies(d -> {
            assertThat(d.code()).isEqualTo(Diagnostic.INVALID_JSON_DESCRIPTION);
            assertThat(d.message()).contains("larger than the maximum of 1048576 bytes");
        });
    }

    @Test
    void multiByteCharactersCountInBytes() {
        String definition = MINIMAL_PREFIX + "\"" + "é".repeat(600 * 1024) + "\"}}}";
        assertThat(definition.length()).isLessThan(1024 * 1024);
        assertThat(Definitions.load(definition).errors()).extracting(Diagnostic::message)
                .singleElement().asString().contains("larger than the maximum");
    }

    @Test
    void deeplyNestedJsonIsRejected() {
        int depth = 100_000;
        String definition = MINIMAL_PREFIX + "[".repeat(depth) + "]".repeat(depth) + "}}}";
        DefinitionResult result = Definitions.load(definition);
        assertThat(result.errors()).singleElement().satisfies(d -> {
            assertThat(d.code()).isEqualTo(Diagnostic.INVALID_JSON_DESCRIPTION);
            assertThat(d.message()).contains("nesting depth");
        });
    }

    @Test
    void hugeNumbersAreRejected() {
        String definition = MINIMAL_PREFIX + "1" + "0".repeat(5000) + "}}}";
        DefinitionResult result = Definitions.load(definition);
        assertThat(result.errors()).singleElement().satisfies(d -> {
            assertThat(d.code()).isEqualTo(Diagnostic.INVALID_JSON_DESCRIPTION);
            assertThat(d.message()).containsIgnoringCase("number");
        });
    }

    @Test
    void aHugeTimeoutIsAValidationErrorNotAnOverflow() {
        String definition = "{\"StartAt\":\"S\",\"TimeoutSeconds\":99999999999999999999,\"States\":{\"S\":{\"Type\":\"Succeed\"}}}";
        assertThat(Definitions.load(definition).errors()).extracting(Diagnostic::location).containsExactly("/TimeoutSeconds");
    }

    @Test
    void deeplyNestedJsonataIsReportedNotAStackOverflow() {
        int depth = 200_000;
        String expression = "{% " + "(".repeat(depth) + "1" + ")".repeat(depth) + " %}";
        String definition = "{\"QueryLanguage\":\"JSONata\",\"StartAt\":\"S\",\"States\":{\"S\":{\"Type\":\"Pass\","
                + "\"Output\":\"" + expression + "\",\"End\":true}}}";
        DefinitionResult result = Definitions.load(definition);
        assertThat(result.errors()).singleElement().satisfies(d -> {
            assertThat(d.code()).isEqualTo("INVALID_JSONATA_EXPRESSION");
            assertThat(d.location()).isEqualTo("/States/S/Output");
        });
    }

    @Test
    void manyStatesInALongChainLoad() {
        StringBuilder states = new StringBuilder();
        int count = 20_000;
        for (int i = 0; i < count; i++) {
            states.append(i == 0 ? "" : ",").append("\"S").append(i).append("\":{\"Type\":\"Pass\",")
                    .append(i == count - 1 ? "\"End\":true}" : "\"Next\":\"S" + (i + 1) + "\"}");
        }
        DefinitionResult result = Definitions.load("{\"StartAt\":\"S0\",\"States\":{" + states + "}}");
        assertThat(result.ok()).isTrue();
        assertThat(result.stateMachine().graph().states()).hasSize(count);
    }

    @Test
    void duplicateStateNamesAreReported() {
        DefinitionResult result = Definitions.load("""
                {"StartAt":"S","States":{"S":{"Type":"Pass","End":true},"S":{"Type":"Succeed"}}}""");
        assertThat(result.errors()).extracting(Diagnostic::code, Diagnostic::location)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Diagnostic.DUPLICATE_STATE_NAME, "/States/S"));
    }
}
