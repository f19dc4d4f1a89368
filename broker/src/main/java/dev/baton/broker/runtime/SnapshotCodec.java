package dev.baton.broker.runtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.baton.broker.dataflow.Json;
import dev.baton.broker.interpreter.EventDetails;
import dev.baton.broker.interpreter.ExecutionSnapshot;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * How snapshots and event details are stored: JSON, with large snapshots gzip-compressed (a Map
 * state's snapshot holds its iterations' results).
 */
public final class SnapshotCodec {
    /** Snapshots larger than this are compressed. */
    static final int COMPRESS_ABOVE_BYTES = 16 * 1024;
    /**
     * Snapshots hold user JSON (accepted up to {@link Json#MAX_DEPTH} levels) a few levels down, and
     * states can nest it further (ResultPath): read them with a depth limit of their own, well above what
     * the API accepts, so that whatever the broker stored it can read back.
     */
    static final int MAX_STORED_DEPTH = 4 * Json.MAX_DEPTH;
    private static final com.fasterxml.jackson.databind.ObjectMapper STORAGE = storageMapper();

    private static com.fasterxml.jackson.databind.ObjectMapper storageMapper() {
        com.fasterxml.jackson.databind.ObjectMapper m = Json.MAPPER.copy();
        m.getFactory().setStreamReadConstraints(com.fasterxml.jackson.core.StreamReadConstraints.builder()
                .maxNestingDepth(MAX_STORED_DEPTH)
                .maxNumberLength(Json.MAX_NUMBER_LENGTH)
                .maxStringLength(Integer.MAX_VALUE)
                .build());
        return m;
    }
    private static final byte PLAIN = 'P';
    private static final byte GZIP = 'Z';

    private SnapshotCodec() {
    }

    public static byte[] encode(ExecutionSnapshot snapshot) {
        try {
            byte[] json = STORAGE.writeValueAsBytes(snapshot);
            if (json.length <= COMPRESS_ABOVE_BYTES) {
                byte[] out = new byte[json.length + 1];
                out[0] = PLAIN;
                System.arraycopy(json, 0, out, 1, json.length);
                return out;
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(json.length / 4);
            bytes.write(GZIP);
            try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
                gz.write(json);
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("An execution snapshot could not be encoded", e);
        }
    }

    public static ExecutionSnapshot decode(byte[] stored) {
        try {
            if (stored[0] == PLAIN) {
                return STORAGE.readValue(stored, 1, stored.length - 1, ExecutionSnapshot.class);
            }
            try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(stored, 1, stored.length - 1))) {
                return STORAGE.readValue(in, ExecutionSnapshot.class);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("A stored execution snapshot could not be read", e);
        }
    }

    /** AWS's details object of an event, as JSON text. */
    public static String details(EventDetails details) {
        try {
            return Json.MAPPER.writeValueAsString(details);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("History event details could not be encoded", e);
        }
    }
}
