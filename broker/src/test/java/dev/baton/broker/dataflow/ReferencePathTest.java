package dev.baton.broker.dataflow;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReferencePathTest {

    @Test
    void parsesFieldsAndIndexesInBothNotations() throws Exception {
        ReferencePath p = ReferencePath.parse("$.a['b c'][\"d\"][12].e");
        assertThat(p.root()).isEqualTo(Path.Root.INPUT);
        assertThat(p.steps()).containsExactly(new ReferencePath.Field("a"), new ReferencePath.Field("b c"),
                new ReferencePath.Field("d"), new ReferencePath.Index(12), new ReferencePath.Field("e"));
    }

    @Test
    void parsesRoots() throws Exception {
        assertThat(ReferencePath.parse("$").isRoot()).isTrue();
        assertThat(ReferencePath.parse("$$.Execution.Id").root()).isEqualTo(Path.Root.CONTEXT);
        ReferencePath var = ReferencePath.parse("$myVar.field");
        assertThat(var.root()).isEqualTo(Path.Root.VARIABLE);
        assertThat(var.variable()).isEqualTo("myVar");
        assertThat(var.steps()).isEqualTo(List.of(new ReferencePath.Field("field")));
    }

    @Test
    void quotedNamesMayEscapeTheirQuote() throws Exception {
        assertThat(ReferencePath.parse("$['it\\'s']").steps()).containsExactly(new ReferencePath.Field("it's"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a", "$.", "$..a", "$.a.*", "$.a[*]", "$.a[0:2]", "$.a[-1]", "$.a[?(@.b)]", "$.a['b','c']",
            "$.a[0,1]", "$.a.length()", "$.a[", "$.a['b'", "$.a[b]", "$.a b", "$@", "$.a@b", "$.a:b"})
    void rejectsOperatorsThatCanSelectSeveralNodes(String text) {
        // AWS: reference paths allow only '.' and '[]' notation; "@ .. , : ? *" and functions are not supported.
        assertThatThrownBy(() -> ReferencePath.parse(text)).isInstanceOf(DataflowSyntaxException.class)
                .hasMessageContaining("not a valid reference path");
    }
}
