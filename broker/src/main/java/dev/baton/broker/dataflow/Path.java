package dev.baton.broker.dataflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.InvalidPathException;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.Option;
import com.jayway.jsonpath.spi.json.JacksonJsonNodeJsonProvider;
import com.jayway.jsonpath.spi.mapper.JacksonMappingProvider;

import java.util.regex.Pattern;

/**
 * A JSONPath used to read data: InputPath, OutputPath, ItemsPath, a Choice rule's Variable, a
 * {@code *Path} field, or a {@code ".$"} value in a payload template. It reads from the state's
 * input ({@code $...}), the context object ({@code $$...}) or a workflow variable
 * ({@code $name...}). Parsed once, at definition time.
 */
public final class Path {
    /** Where the path starts. */
    public enum Root { INPUT, CONTEXT, VARIABLE }

    private static final Configuration JSONPATH = Configuration.builder()
            .jsonProvider(new JacksonJsonNodeJsonProvider(Json.MAPPER))
            .mappingProvider(new JacksonMappingProvider(Json.MAPPER))
            .options(Option.SUPPRESS_EXCEPTIONS)
            .build();
    private static final Pattern VARIABLE = Pattern.compile("^\\$([A-Za-z_][A-Za-z0-9_]*)(.*)$", Pattern.DOTALL);

    /** {@code $}: the whole input. */
    public static final Path ROOT = new Path("$", Root.INPUT, null, JsonPath.compile("$"));

    private final String text;
    private final Root root;
    private final String variableName;
    private final JsonPath compiled;

    private Path(String text, Root root, String variableName, JsonPath compiled) {
        this.text = text;
        this.root = root;
        this.variableName = variableName;
        this.compiled = compiled;
    }

    public static Path parse(String text) throws DataflowSyntaxException {
        if (text == null || !text.startsWith("$")) {
            throw new DataflowSyntaxException("The value '" + text + "' is not a valid JSONPath: it must start with '$'");
        }
        if (text.equals("$")) {
            return ROOT;
        }
        try {
            if (text.startsWith("$$")) {
                return new Path(text, Root.CONTEXT, null, JsonPath.compile(text.substring(1)));
            }
            var m = VARIABLE.matcher(text);
            if (m.matches()) {
                return new Path(text, Root.VARIABLE, m.group(1), JsonPath.compile("$" + m.group(2)));
            }
            return new Path(text, Root.INPUT, null, JsonPath.compile(text));
        } catch (InvalidPathException e) {
            throw new DataflowSyntaxException("The value '" + text + "' is not a valid JSONPath: " + e.getMessage());
        }
    }

    public String text() {
        return text;
    }

    public Root root() {
        return root;
    }

    /** The variable this path starts from, for {@link Root#VARIABLE}; otherwise null. */
    public String variableName() {
        return variableName;
    }

    /** True when the path selects at most one node (no wildcards, filters, slices, unions, deep scans). */
    public boolean isDefinite() {
        return compiled.isDefinite();
    }

    /**
     * Reads the path.
     *
     * @return the selected value, or {@code null} when the path selects nothing
     */
    public JsonNode read(JsonNode input, EvaluationContext context) {
        JsonNode document = switch (root) {
            case INPUT -> input;
            case CONTEXT -> context.contextObject();
            case VARIABLE -> context.variable(variableName);
        };
        if (document == null) {
            return null;
        }
        if (this == ROOT || (root == Root.VARIABLE && compiled.getPath().equals("$"))) {
            return document;
        }
        return compiled.read(document, JSONPATH);
    }

    @Override
    public String toString() {
        return text;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Path p && p.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }
}
