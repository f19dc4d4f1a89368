package dev.baton.broker.dataflow;

import org.junit.jupiter.api.Test;

import static dev.baton.broker.dataflow.JsonAssertions.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PathOrIntrinsicTest {

    @Test
    void evaluatesAPathOrACall() throws Exception {
        assertThat(PathOrIntrinsic.parse("$.c").evaluate(json("{'c': 'boom'}"), EvaluationContext.EMPTY, "CausePath")).isEqualTo(json("'boom'"));
        PathOrIntrinsic call = PathOrIntrinsic.parse("States.Format('cause: {}', $.c)");
        assertThat(call.call()).isNotNull();
        assertThat(call.path()).isNull();
        assertThat(call.evaluate(json("{'c': 'boom'}"), EvaluationContext.EMPTY, "CausePath")).isEqualTo(json("'cause: boom'"));
    }

    @Test
    void reportsAMissingPathForItsField() {
        // AWS (conformance scenarios_other/test_invalid_jsonpath_ST.INVALID_JSONPATH_IN_CAUSEPATH)
        assertThatThrownBy(() -> PathOrIntrinsic.parse("$.NoSuchCausePath").evaluate(json("{'Error': 'error-value'}"), EvaluationContext.EMPTY, "CausePath"))
                .hasMessage("The JSONPath '$.NoSuchCausePath' specified for the field 'CausePath' could not be found in the input '{\"Error\":\"error-value\"}'");
    }

    @Test
    void rejectsOtherText() {
        assertThatThrownBy(() -> PathOrIntrinsic.parse("plain")).isInstanceOf(DataflowSyntaxException.class);
        assertThatThrownBy(() -> PathOrIntrinsic.parse("States.Nope()")).isInstanceOf(DataflowSyntaxException.class);
        assertThatThrownBy(() -> PathOrIntrinsic.parse(null)).isInstanceOf(DataflowSyntaxException.class);
    }
}
