package dev.baton.broker.dataflow.intrinsic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.broker.dataflow.Json;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** {@code States.Base64Decode(base64)}: the UTF-8 text a Base64 string encodes; at most 10,000 characters. */
final class StatesBase64Decode extends IntrinsicFunction {
    StatesBase64Decode() {
        super("States.Base64Decode", 1, 1);
    }

    @Override
    public JsonNode apply(ArgumentValues args) {
        String data = args.string(0);
        if (data.length() > StatesBase64Encode.MAX_CHARACTERS) {
            throw args.failure("the string has " + data.length() + " characters, more than the "
                    + StatesBase64Encode.MAX_CHARACTERS + " allowed");
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(data);
        } catch (IllegalArgumentException e) {
            throw args.failure("the string is not valid Base64: " + ArgumentValues.show(args.value(0)));
        }
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
            return Json.MAPPER.getNodeFactory().textNode(text);
        } catch (CharacterCodingException e) {
            throw args.failure("the decoded bytes are not UTF-8 text");
        }
    }
}
