package dev.baton.broker.dataflow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/**
 * The one JSON configuration of the broker. Numbers keep their exact decimal value (ASL data is
 * user data: 1.10 must not turn into a binary double), and reading is bounded so hostile input
 * fails fast instead of exhausting memory.
 */
public final class Json {
    /** Maximum nesting depth of any JSON document the broker reads. */
    public static final int MAX_DEPTH = 256;
    /** Maximum length of a number literal. */
    public static final int MAX_NUMBER_LENGTH = 1000;
    /** Maximum length of one string value (payloads are limited to 256 KiB, definitions to 1 MiB). */
    public static final int MAX_STRING_LENGTH = 2 * 1024 * 1024;

    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    static {
        MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(MAX_DEPTH)
                .maxNumberLength(MAX_NUMBER_LENGTH)
                .maxStringLength(MAX_STRING_LENGTH)
                .build());
    }

    private Json() {
    }

    /** Parses JSON text; throws {@link JsonProcessingException} with the position of the problem. */
    public static JsonNode parse(String text) throws JsonProcessingException {
        return MAPPER.readTree(text);
    }

    /** Compact JSON text of a node. */
    public static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A JsonNode could not be written", e);
        }
    }
}
