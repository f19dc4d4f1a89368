package dev.baton.broker.dataflow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

/** Small helpers for tests that compare JSON. */
final class JsonAssertions {
    private JsonAssertions() {
    }

    /** Parses JSON written with single quotes for readability ({@code {'a': 1}}). */
    static JsonNode json(String singleQuoted) {
        try {
            return Json.parse(singleQuoted.replace('\'', '"'));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(singleQuoted, e);
        }
    }
}
