package dev.baton.broker.conformance;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.broker.dataflow.Json;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * Python's {@code json.dumps} with its defaults ({@code ", "} and {@code ": "} separators, non-ASCII
 * escaped), which is how the corpus' tests sent definitions and inputs: AWS echoes the input text
 * in ExecutionStarted, so the runner must send the same text.
 */
final class PythonJson {
    private PythonJson() {
    }

    static String dumps(JsonNode value) {
        StringWriter out = new StringWriter();
        MinimalPrettyPrinter printer = new MinimalPrettyPrinter() {
            @Override
            public void writeObjectFieldValueSeparator(JsonGenerator g) throws IOException {
                g.writeRaw(": ");
            }

            @Override
            public void writeObjectEntrySeparator(JsonGenerator g) throws IOException {
                g.writeRaw(", ");
            }

            @Override
            public void writeArrayValueSeparator(JsonGenerator g) throws IOException {
                g.writeRaw(", ");
            }
        };
        try (JsonGenerator g = Json.MAPPER.getFactory().createGenerator(out)) {
            g.enable(JsonWriteFeature.ESCAPE_NON_ASCII.mappedFeature());
            g.setPrettyPrinter(printer);
            Json.MAPPER.writeTree(g, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
