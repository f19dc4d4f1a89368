package dev.baton.broker.dataflow;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import static dev.baton.broker.dataflow.JsonAssertions.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PayloadLimitTest {

    private static ObjectNode withString(int length, char c) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("Arg1", String.valueOf(c).repeat(length));
        return o;
    }

    @Test
    void measuresUtf8BytesOfCompactJson() {
        assertThat(PayloadLimit.utf8Size(json("{'a': [1, 2]}"))).isEqualTo("{\"a\":[1,2]}".length());
        assertThat(PayloadLimit.utf8Size(Json.MAPPER.getNodeFactory().textNode("é"))).isEqualTo(4); // quotes + 2 bytes
        assertThat(PayloadLimit.utf8Size(Json.MAPPER.getNodeFactory().textNode("€"))).isEqualTo(5);
    }

    @Test
    void theLimitIs256KiBInclusive() {
        int overhead = "{\"Arg1\":\"\"}".length();
        assertThat(PayloadLimit.exceeds(withString(PayloadLimit.MAX_BYTES - overhead, 'a'))).isFalse();
        assertThat(PayloadLimit.exceeds(withString(PayloadLimit.MAX_BYTES - overhead + 1, 'a'))).isTrue();
        // multi-byte characters count by their UTF-8 size, not as one character
        assertThat(PayloadLimit.exceeds(withString(PayloadLimit.MAX_BYTES / 2, 'é'))).isTrue();
    }

    @Test
    void failsTheStateWithAwsErrorAndCause() {
        // AWS: conformance error_handling/test_start_large_input (a Pass Result of 263,168 characters).
        assertThatThrownBy(() -> PayloadLimit.checkStateResult("State_1", withString(263168, 'a')))
                .isInstanceOfSatisfying(DataflowException.class, e -> {
                    assertThat(e.error()).isEqualTo("States.DataLimitExceeded");
                    assertThat(e.cause()).isEqualTo("The state/task 'State_1' returned a result with a size exceeding the maximum number of bytes service limit.");
                });
        assertThatCode(() -> PayloadLimit.checkStateResult("S", json("{}"))).doesNotThrowAnyException();
    }

    @org.junit.jupiter.api.Test
    void theQuickBoundNeverUndercounts() throws Exception {
        String[] samples = {
            "{}", "[]", "\"\"", "0", "-1.10", "1E+300", "123456789012345678901234567890.000000001", "true", "null",
            "{\"ctl\":\"\\u0000\\u001f\\n\\t\\\"\\\\\"}",
            "{\"emoji\":\"\uD83D\uDE00\uD83D\uDE01\",\"cjk\":\"\u6F22\u5B57\",\"accent\":\"\u00E9t\u00E9\"}",
            "[[[[[{\"a\":[1,2,3,{\"b\":\"\u00ff\"}]}]]]]]",
            "{\"k\\u0001ey\":\"v\",\"big\":" + "9".repeat(500) + "}"
        };
        for (String text : samples) {
            com.fasterxml.jackson.databind.JsonNode node = Json.parse(text);
            org.assertj.core.api.Assertions.assertThat(PayloadLimit.upperBound(node, Long.MAX_VALUE))
                    .as(text).isGreaterThanOrEqualTo(PayloadLimit.utf8Size(node));
        }
    }

    @org.junit.jupiter.api.Test
    void valuesNearTheLimitAreStillMeasuredExactly() throws Exception {
        // 50,000 characters of which the bound counts 6 bytes each (300,000 > 256 KiB) but which take 1 byte:
        // the exact count decides.
        com.fasterxml.jackson.databind.JsonNode fits = Json.parse("\"" + "a".repeat(50_000) + "\"");
        org.assertj.core.api.Assertions.assertThat(PayloadLimit.exceeds(fits)).isFalse();
        com.fasterxml.jackson.databind.JsonNode tooBig = Json.parse("\"" + "a".repeat(PayloadLimit.MAX_BYTES) + "\"");
        org.assertj.core.api.Assertions.assertThat(PayloadLimit.exceeds(tooBig)).isTrue();
    }
}
