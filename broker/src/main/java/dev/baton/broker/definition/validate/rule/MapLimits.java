package dev.baton.broker.definition.validate.rule;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.broker.definition.validate.Checks;
import dev.baton.broker.definition.validate.DefinitionTree;
import dev.baton.broker.definition.validate.Diagnostics;
import dev.baton.broker.definition.validate.StateRule;

import java.math.BigDecimal;

/**
 * A Map's limits: MaxConcurrency a non-negative integer (0 = no limit), ToleratedFailurePercentage
 * a number from 0 to 100, ToleratedFailureCount a non-negative integer; each given at most one
 * way (value or {@code *Path}); JSONata states may use an expression.
 */
public final class MapLimits implements StateRule {
    @Override
    public void check(DefinitionTree.StateSite state, Diagnostics out) {
        if (!state.is("Map")) {
            return;
        }
        limit(state, "MaxConcurrency", "a non-negative integer", v -> Checks.isIntegerIn(v, 0, Integer.MAX_VALUE), out);
        limit(state, "ToleratedFailurePercentage", "a number from 0 to 100",
                v -> Checks.isNumberIn(v, BigDecimal.ZERO, BigDecimal.valueOf(100)), out);
        limit(state, "ToleratedFailureCount", "a non-negative integer", v -> Checks.isIntegerIn(v, 0, Integer.MAX_VALUE), out);
    }

    private static void limit(DefinitionTree.StateSite state, String field, String what,
                              java.util.function.Predicate<JsonNode> valid, Diagnostics out) {
        JsonNode value = state.field(field);
        if (value != null && !valid.test(value) && !(state.jsonata() && Checks.isJsonata(value))) {
            out.schema(Checks.mustBe(field, what + (state.jsonata() ? " or a JSONata expression" : "")),
                    state.fieldLocation(field));
        }
        if (value != null && state.has(field + "Path")) {
            out.schema(Checks.exclusive(field, field + "Path"), state.location());
        }
    }
}
