package dev.baton.broker.definition.validate.rule;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.broker.definition.Diagnostic;
import dev.baton.broker.definition.validate.DefinitionTree;
import dev.baton.broker.definition.validate.Diagnostics;
import dev.baton.broker.definition.validate.StateRule;

/**
 * Warning PASS_RESULT_IS_STATIC: a Pass state's Result is static JSON, so a {@code "key.$"} path in
 * it is not evaluated; Parameters is the field that evaluates paths.
 */
public final class PassResultIsStatic implements StateRule {
    @Override
    public void check(DefinitionTree.StateSite state, Diagnostics out) {
        JsonNode result = state.field("Result");
        if (state.is("Pass") && result != null && hasDynamicKey(result)) {
            out.warning(Diagnostic.PASS_RESULT_IS_STATIC, "The Result of a Pass state is static: its '.$' fields are "
                    + "not evaluated; use Parameters to select values with paths", state.fieldLocation("Result"));
        }
    }

    private static boolean hasDynamicKey(JsonNode node) {
        if (node.isObject()) {
            var it = node.fields();
            while (it.hasNext()) {
                var e = it.next();
                if (e.getKey().endsWith(".$") || hasDynamicKey(e.getValue())) {
                    return true;
                }
            }
        } else if (node.isArray()) {
            for (JsonNode n : node) {
                if (hasDynamicKey(n)) {
                    return true;
                }
            }
        }
        return false;
    }
}
