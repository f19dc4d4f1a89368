package dev.baton.broker.dataflow.intrinsic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.broker.dataflow.Json;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * {@code States.Hash(data, algorithm)}: the lowercase hexadecimal digest of the string's UTF-8
 * bytes with MD5, SHA-1, SHA-256, SHA-384 or SHA-512; the data may hold up to 10,000 characters.
 */
final class StatesHash extends IntrinsicFunction {
    static final List<String> ALGORITHMS = List.of("MD5", "SHA-1", "SHA-256", "SHA-384", "SHA-512");

    StatesHash() {
        super("States.Hash", 2, 2);
    }

    @Override
    public JsonNode apply(ArgumentValues args) {
        String data = args.string(0);
        String algorithm = args.string(1);
        int length = data.codePointCount(0, data.length());
        if (length > StatesBase64Encode.MAX_CHARACTERS) {
            throw args.failure("the data has " + length + " characters, more than the " + StatesBase64Encode.MAX_CHARACTERS + " allowed");
        }
        if (!ALGORITHMS.contains(algorithm)) {
            throw args.failure("the hash algorithm must be one of " + String.join(", ", ALGORITHMS) + ", but was '" + algorithm + "'");
        }
        try {
            byte[] digest = MessageDigest.getInstance(algorithm).digest(data.getBytes(StandardCharsets.UTF_8));
            return Json.MAPPER.getNodeFactory().textNode(HexFormat.of().formatHex(digest));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("The JDK lacks a standard digest: " + algorithm, e);
        }
    }
}
