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
}
