package dev.baton.broker.service;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Page sizes and next tokens of the List* and GetExecutionHistory calls. A token is an opaque,
 * versioned encoding of where the next page starts, bound to the call it came from; anything else is
 * InvalidToken, as on AWS.
 */
final class Pages {
    static final int DEFAULT_MAX_RESULTS = 100;
    static final int MAX_RESULTS = 1000;

    private Pages() {
    }

    /** AWS: 0 means the default; 1..1000 otherwise. */
    static int size(int maxResults) {
        if (maxResults < 0 || maxResults > MAX_RESULTS) {
            throw AwsException.validation("1 validation error detected: Value '" + maxResults
                    + "' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to "
                    + MAX_RESULTS + " and greater than or equal to 0");
        }
        return maxResults == 0 ? DEFAULT_MAX_RESULTS : maxResults;
    }

    static String encode(String scope, String position) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(("v1|" + scope + "|" + position).getBytes(StandardCharsets.UTF_8));
    }

    /** The position in a token issued for {@code scope}; null for an empty token. */
    static String decode(String scope, String token) {
        if (token == null || token.isEmpty()) {
            return null;
        }
        String text;
        try {
            text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw AwsException.invalidToken("Invalid pagination token");
        }
        String prefix = "v1|" + scope + "|";
        if (!text.startsWith(prefix)) {
            throw AwsException.invalidToken("Invalid pagination token");
        }
        return text.substring(prefix.length());
    }
}
