package dev.baton.broker.dataflow.intrinsic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.broker.dataflow.Json;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** {@code States.Base64Encode(string)}: the Base64 (RFC 4648) encoding of the string's UTF-8 bytes; at most 10,000 characters. */
final class StatesBase64Encode extends IntrinsicFunction {
    /** AWS: the input string may hold up to 10,000 characters. */
    static final int MAX_CHARACTERS = 10_000;

    StatesBase64Encode() {
        super("States.Base64Encode", 1, 1);
    }

    @Override
    public JsonNode apply(ArgumentValues args) {
        String data = args.string(0);
        int length = data.codePointCount(0, data.length());
        if (length > MAX_CHARACTERS) {
            throw args.failure("the string has " + length + " characters, more than the " + MAX_CHARACTERS + " allowed");
        }
        return Json.MAPPER.getNodeFactory().textNode(Base64.getEncoder().encodeToString(data.getBytes(StandardCharsets.UTF_8)));
    }
}
