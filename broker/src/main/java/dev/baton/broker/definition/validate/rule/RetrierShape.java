package dev.baton.broker.definition.validate.rule;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.broker.definition.validate.Checks;
import dev.baton.broker.definition.validate.DefinitionTree;
import dev.baton.broker.definition.validate.Diagnostics;
import dev.baton.broker.definition.validate.StateRule;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;

/**
 * Each retrier has a non-empty ErrorEquals and valid settings: IntervalSeconds 1..99999999,
 * MaxAttempts 0..99999999, BackoffRate at least 1.0, MaxDelaySeconds 1..31622400 (a year),
 * JitterStrategy FULL or NONE; no other fields.
 */
public final class RetrierShape implements StateRule {
    public static final long MAX_DELAY_SECONDS = 31_622_400L;
    private static final Set<String> FIELDS = Set.of("ErrorEquals", "IntervalSeconds", "MaxAttempts", "BackoffRate",
            "MaxDelaySeconds", "JitterStrategy", "Comment");

    @Override
    public void check(DefinitionTree.StateSite state, Diagnostics out) {
        for (ErrorMatchers.Element retrier : ErrorMatchers.elements(state, "Retry", out)) {
            JsonNode r = retrier.node();
            String at = retrier.location();
            ErrorMatchers.errorEquals(retrier, out);
            ErrorMatchers.comment(retrier, out);
            r.fieldNames().forEachRemaining(name -> {
                if (!FIELDS.contains(name)) {
                    out.schema(Checks.unsupported(name), at);
                }
            });
            if (r.has("IntervalSeconds") && !Checks.isIntegerIn(r.get("IntervalSeconds"), 1, Checks.MAX_SECONDS)) {
                out.schema(Checks.mustBe("IntervalSeconds", "an integer from 1 to " + Checks.MAX_SECONDS), at + "/IntervalSeconds");
            }
            if (r.has("MaxAttempts") && !Checks.isIntegerIn(r.get("MaxAttempts"), 0, Checks.MAX_SECONDS)) {
                out.schema(Checks.mustBe("MaxAttempts", "an integer from 0 to " + Checks.MAX_SECONDS), at + "/MaxAttempts");
            }
            if (r.has("BackoffRate") && !Checks.isNumberIn(r.get("BackoffRate"), BigDecimal.ONE, null)) {
                out.schema(Checks.mustBe("BackoffRate", "a number greater than or equal to 1.0"), at + "/BackoffRate");
            }
            if (r.has("MaxDelaySeconds") && !Checks.isIntegerIn(r.get("MaxDelaySeconds"), 1, MAX_DELAY_SECONDS)) {
                out.schema(Checks.mustBe("MaxDelaySeconds", "an integer from 1 to " + MAX_DELAY_SECONDS), at + "/MaxDelaySeconds");
            }
            JsonNode jitter = r.get("JitterStrategy");
            if (jitter != null && !(jitter.isTextual() && List.of("FULL", "NONE").contains(jitter.textValue()))) {
                out.schema(Checks.oneOf("JitterStrategy", List.of("FULL", "NONE")), at + "/JitterStrategy");
            }
        }
    }
}
