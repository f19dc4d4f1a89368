package dev.baton.broker.interpreter;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * Task tokens: opaque, unforgeable, and deterministic for the interpreter. A token names its
 * execution and a sequence number, and carries an HMAC-SHA256 tag (128 bits) under the broker's
 * secret key, so a token cannot be guessed or altered, yet the interpreter makes the same token
 * for the same decision, and the API finds the execution without a lookup table.
 */
public final class TaskTokens {
    private static final int TAG_BYTES = 16;
    private static final int BODY_BYTES = Long.BYTES + Integer.BYTES;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    /** Length of every token Baton issues. */
    public static final int TOKEN_LENGTH = ENCODER.encodeToString(new byte[BODY_BYTES + TAG_BYTES]).length();

    private final SecretKeySpec key;

    public TaskTokens(byte[] secret) {
        if (secret.length < 16) {
            throw new IllegalArgumentException("the task token key needs at least 128 bits");
        }
        this.key = new SecretKeySpec(secret.clone(), "HmacSHA256");
    }

    /**
     * The request id of the call a task stands for (AWS reports one with every service response
     * and in a Lambda function's error): derived from the token, so the interpreter, the API and the
     * worker agree on it without storing it.
     */
    public static String requestId(String token) {
        return java.util.UUID.nameUUIDFromBytes(token.getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
    }

    /** What a valid token names. */
    public record Decoded(long executionId, int sequence) {
    }

    public String issue(long executionId, int sequence) {
        ByteBuffer buf = ByteBuffer.allocate(BODY_BYTES + TAG_BYTES);
        buf.putLong(executionId).putInt(sequence);
        buf.put(tag(buf.array(), BODY_BYTES));
        return ENCODER.encodeToString(buf.array());
    }

    /** Decodes a token; null when it is malformed or its tag does not verify. */
    public Decoded decode(String token) {
        if (token == null || token.length() != TOKEN_LENGTH) {
            return null;
        }
        byte[] bytes;
        try {
            bytes = DECODER.decode(token);
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (bytes.length != BODY_BYTES + TAG_BYTES) {
            return null;
        }
        byte[] expected = tag(bytes, BODY_BYTES);
        byte[] actual = java.util.Arrays.copyOfRange(bytes, BODY_BYTES, bytes.length);
        if (!MessageDigest.isEqual(expected, actual)) {
            return null;
        }
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        return new Decoded(buf.getLong(), buf.getInt());
    }

    private byte[] tag(byte[] data, int length) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(data, 0, length);
            return java.util.Arrays.copyOf(mac.doFinal(), TAG_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
