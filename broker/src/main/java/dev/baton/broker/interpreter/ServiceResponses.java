package dev.baton.broker.interpreter;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.broker.dataflow.Json;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The HTTP metadata AWS's optimised integrations add to a service's response
 * ({@code SdkHttpMetadata}, {@code SdkResponseMetadata}), describing the response Baton gave: its
 * status, length, type, date and request id. Only what describes that response is reported; no
 * trace ids are made up.
 */
final class ServiceResponses {
    /** HTTP's date format (RFC 7231 IMF-fixdate). */
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter
            .ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private ServiceResponses() {
    }

    /**
     * Adds {@code SdkHttpMetadata} and {@code SdkResponseMetadata} to a response.
     *
     * @param body        the response body whose length is reported
     * @param contentType the response's content type
     * @param extra       further headers of the service (e.g. Lambda's X-Amz-Executed-Version)
     */
    static void addMetadata(ObjectNode response, String body, String contentType, String requestId, long now,
                            Map<String, String> extra) {
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.put("Connection", "keep-alive");
        headers.put("Content-Length", Integer.toString(body.getBytes(StandardCharsets.UTF_8).length));
        headers.put("Content-Type", contentType);
        headers.put("Date", HTTP_DATE.format(Instant.ofEpochMilli(now)));
        headers.put("x-amzn-RequestId", requestId);
        headers.putAll(extra);
        ObjectNode http = Json.MAPPER.createObjectNode();
        ObjectNode all = http.putObject("AllHttpHeaders");
        headers.forEach((k, v) -> all.putArray(k).add(v));
        ObjectNode single = http.putObject("HttpHeaders");
        headers.forEach(single::put);
        http.put("HttpStatusCode", 200);
        response.set("SdkHttpMetadata", http);
        response.putObject("SdkResponseMetadata").put("RequestId", requestId);
    }

    /**
     * A service error as AWS's integrations report it: the SDK v1 exception's message
     * ({@code <message> (Service: ...; Status Code: 400; Error Code: ...; Request ID: ...; Proxy: null)}).
     */
    static String sdkV1Cause(String message, String service, int status, String errorCode, String requestId) {
        return message + " (Service: " + service + "; Status Code: " + status + "; Error Code: " + errorCode
                + "; Request ID: " + requestId + "; Proxy: null)";
    }
}
