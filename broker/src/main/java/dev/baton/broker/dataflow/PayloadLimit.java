package dev.baton.broker.dataflow;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * AWS's payload size limit: a state's input, output or result, an execution's input and output,
 * and a task's result may hold at most 256 KiB, measured as the UTF-8 bytes of the compact JSON
 * text. A state whose result is larger fails with States.DataLimitExceeded.
 */
public final class PayloadLimit {
    /** 256 KiB, AWS's maximum payload size in bytes. */
    public static final int MAX_BYTES = 256 * 1024;

    private PayloadLimit() {
    }

    /** The size in bytes of the compact UTF-8 JSON text of {@code value}. */
    public static long utf8Size(JsonNode value) {
        CountingStream counter = new CountingStream(Long.MAX_VALUE);
        write(value, counter);
        return counter.count;
    }

    /** True when {@code value} is larger than {@link #MAX_BYTES}; stops measuring as soon as it is. */
    public static boolean exceeds(JsonNode value) {
        // Every state's result is checked: most are far below the limit, which a walk of the tree shows
        // without writing any JSON. Only values whose bound passes the limit are measured exactly.
        if (upperBound(value, MAX_BYTES) <= MAX_BYTES) {
            return false;
        }
        CountingStream counter = new CountingStream(MAX_BYTES);
        try {
            write(value, counter);
            return false;
        } catch (LimitReached e) {
            return true;
        }
    }

    /**
     * Fails a state whose result, input or output exceeds the limit.
     *
     * @param stateName the state's name, as AWS quotes it
     * @throws DataflowException States.DataLimitExceeded with AWS's cause: "The state/task 'name'
     *                           returned a result with a size exceeding the maximum number of bytes service limit."
     */
    public static void checkStateResult(String stateName, JsonNode result) {
        if (exceeds(result)) {
            throw new DataflowException(DataflowException.DATA_LIMIT_EXCEEDED, "The state/task '" + stateName
                    + "' returned a result with a size exceeding the maximum number of bytes service limit.");
        }
    }

    /**
     * An upper bound of the compact UTF-8 JSON size of {@code value}: 6 bytes per character of text
     * (the longest escape, {@code \u001f}, and more than any UTF-8 encoding of one UTF-16 unit), the
     * digits of numbers, and punctuation. Stops as soon as the bound passes {@code stopAbove}.
     */
    static long upperBound(JsonNode value, long stopAbove) {
        long bound = 0;
        java.util.ArrayDeque<JsonNode> pending = new java.util.ArrayDeque<>();
        pending.push(value);
        while (!pending.isEmpty() && bound <= stopAbove) {
            JsonNode node = pending.pop();
            switch (node.getNodeType()) {
                case OBJECT -> {
                    bound += 2;
                    var fields = node.fields();
                    while (fields.hasNext()) {
                        var field = fields.next();
                        bound += 6L * field.getKey().length() + 4;
                        pending.push(field.getValue());
                    }
                }
                case ARRAY -> {
                    bound += 2 + node.size();
                    for (JsonNode item : node) {
                        pending.push(item);
                    }
                }
                case STRING -> bound += 6L * node.textValue().length() + 2;
                case NUMBER -> bound += switch (node.numberType()) {
                    case INT, LONG -> 20;
                    case BIG_INTEGER -> node.bigIntegerValue().bitLength() / 3 + 2;
                    case BIG_DECIMAL -> node.decimalValue().precision() + 14L;
                    default -> 32;
                };
                default -> bound += 5; // true, false, null
            }
        }
        return bound;
    }

    private static void write(JsonNode value, OutputStream out) {
        try {
            Json.MAPPER.writeValue(out, value);
        } catch (LimitReached e) {
            throw e;
        } catch (IOException e) {
            if (e.getCause() instanceof LimitReached limit) {
                throw limit;
            }
            throw new UncheckedIOException(e);
        }
    }

    /** Thrown by the counting stream to stop serializing once the limit is passed. */
    private static final class LimitReached extends RuntimeException {
        LimitReached() {
            super(null, null, false, false);
        }
    }

    private static final class CountingStream extends OutputStream {
        private final long limit;
        private long count;

        CountingStream(long limit) {
            this.limit = limit;
        }

        @Override
        public void write(int b) {
            add(1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            add(len);
        }

        private void add(long n) {
            count += n;
            if (count > limit) {
                throw new LimitReached();
            }
        }
    }
}
