package dev.baton.broker.interpreter;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Timestamps as ASL reads them (Wait's Timestamp, Choice's Timestamp* operators): ISO-8601 extended
 * offset date-times, RFC 3339 profile: {@code 2016-03-14T01:59:00Z}, with optional fractional
 * seconds and a {@code Z} or {@code ±hh:mm} offset. A date, a local time without offset, a space
 * instead of {@code T} or an impossible field (month 13, hour 25) is not a timestamp.
 */
final class Timestamps {
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

    private Timestamps() {
    }

    /** The instant, or null when the text is not an ASL timestamp. */
    static Instant parse(String text) {
        if (text == null || text.length() < 20 || text.charAt(10) != 'T') {
            return null;
        }
        try {
            return OffsetDateTime.parse(text, FORMAT).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
