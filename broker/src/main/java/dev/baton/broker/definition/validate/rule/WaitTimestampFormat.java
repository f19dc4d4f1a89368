package dev.baton.broker.definition.validate.rule;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.broker.definition.validate.Checks;
import dev.baton.broker.definition.validate.DefinitionTree;
import dev.baton.broker.definition.validate.Diagnostics;
import dev.baton.broker.definition.validate.StateRule;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * A literal Wait Timestamp is an RFC 3339 date-time with an uppercase T and a Z or numeric offset
 * (ASL's profile of ISO 8601); AWS: "String does not match RFC3339 timestamp". In a JSONPath state
 * a {@code "{% %}"} string is just such a literal, so it is rejected too (as AWS does).
 */
public final class WaitTimestampFormat implements StateRule {
    private static final Pattern RFC3339 = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})");

    @Override
    public void check(DefinitionTree.StateSite state, Diagnostics out) {
        JsonNode timestamp = state.field("Timestamp");
        if (!state.is("Wait") || timestamp == null || !timestamp.isTextual()
                || (state.jsonata() && Checks.isJsonata(timestamp))) {
            return;
        }
        if (!isTimestamp(timestamp.textValue())) {
            out.schema("String does not match RFC3339 timestamp", state.fieldLocation("Timestamp"));
        }
    }

    /** True for an RFC 3339 timestamp as ASL accepts it. */
    public static boolean isTimestamp(String text) {
        if (!RFC3339.matcher(text).matches()) {
            return false;
        }
        try {
            OffsetDateTime.parse(text);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
