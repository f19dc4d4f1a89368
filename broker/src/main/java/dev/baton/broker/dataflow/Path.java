package dev.baton.broker.dataflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.InvalidPathException;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.JsonPathException;
import com.jayway.jsonpath.Option;
import com.jayway.jsonpath.spi.json.JacksonJsonNodeJsonProvider;
import com.jayway.jsonpath.spi.mapper.JacksonMappingProvider;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A JSONPath used to read data: InputPath, OutputPath, ItemsPath, a Choice rule's Variable, a
 * {@code *Path} field, or a {@code ".$"} value in a payload template. It reads from the state's
 * input ({@code $...}), the context object ({@code $$...}) or a workflow variable
 * ({@code $name...}). Parsed once, at definition time; immutable and thread-safe.
 *
 * <p>Reading follows AWS: a definite path that selects nothing yields no value (the caller raises
 * AWS's error for its field, see {@link #select} and {@link #readField}); an indefinite path
 * ({@code [*]}, {@code ..}, slices, filters, unions) always yields an array, empty when nothing
 * matches; an array index out of range selects nothing (Jayway's Jackson provider would return
 * {@code null} instead). Values returned are shared with the document read: never mutate them.
 */
public final class Path {
    /** Where the path starts. */
    public enum Root { INPUT, CONTEXT, VARIABLE }

    private static final BoundedJacksonProvider PROVIDER = new BoundedJacksonProvider();
    /** Reading: a definite path that selects nothing gives null, an indefinite one an empty array. */
    private static final Configuration READ = Configuration.builder()
            .jsonProvider(PROVIDER)
            .mappingProvider(new JacksonMappingProvider(Json.MAPPER))
            .options(Option.SUPPRESS_EXCEPTIONS)
            .build();
    /** Explaining: the same evaluation, throwing Jayway's PathNotFoundException with the reason AWS quotes. */
    private static final Configuration EXPLAIN = Configuration.builder()
            .jsonProvider(PROVIDER)
            .mappingProvider(new JacksonMappingProvider(Json.MAPPER))
            .build();
    private static final Pattern VARIABLE = Pattern.compile("^\\$([A-Za-z_][A-Za-z0-9_]*)(.*)$", Pattern.DOTALL);

    /** {@code $}: the whole input. */
    public static final Path ROOT = new Path("$", Root.INPUT, null, null, true, referenceOf("$"));

    private final String text;
    private final Root root;
    private final String variableName;
    /** Null when the path is the whole document ({@code $}, {@code $$}, {@code $name}). */
    private final JsonPath compiled;
    private final boolean definite;
    /** The reference-path form, or null when the path uses more than fields and indexes. */
    private final ReferencePath reference;

    private Path(String text, Root root, String variableName, JsonPath compiled, boolean definite, ReferencePath reference) {
        this.text = text;
        this.root = root;
        this.variableName = variableName;
        this.compiled = compiled;
        this.definite = definite;
        this.reference = reference;
    }

    /** Parses any JSONPath AWS accepts where a Path is allowed (wildcards, slices, filters, unions, deep scan). */
    public static Path parse(String text) throws DataflowSyntaxException {
        if (text == null || !text.startsWith("$")) {
            throw new DataflowSyntaxException("The value '" + text + "' is not a valid JSONPath: it must start with '$'");
        }
        if (text.equals("$")) {
            return ROOT;
        }
        Root root;
        String variableName = null;
        String jsonPath;
        if (text.startsWith("$$")) {
            root = Root.CONTEXT;
            jsonPath = text.substring(1);
        } else {
            Matcher m = VARIABLE.matcher(text);
            if (m.matches()) {
                root = Root.VARIABLE;
                variableName = m.group(1);
                jsonPath = "$" + m.group(2);
            } else {
                root = Root.INPUT;
                jsonPath = text;
            }
        }
        ReferencePath reference = referenceOf(text);
        if (jsonPath.equals("$")) {
            return new Path(text, root, variableName, null, true, reference);
        }
        JsonPath compiled;
        try {
            compiled = JsonPath.compile(jsonPath);
        } catch (InvalidPathException | IndexOutOfBoundsException e) {
            // Jayway reports some malformed paths ("$[") with a bare IndexOutOfBoundsException.
            throw new DataflowSyntaxException("The value '" + text + "' is not a valid JSONPath: " + e.getMessage());
        }
        if (callsFunction(compiled.getPath())) {
            // AWS: "Functions such as length() aren't supported" in paths.
            throw new DataflowSyntaxException("The value '" + text + "' is not a valid JSONPath: functions such as length() are not supported");
        }
        return new Path(text, root, variableName, compiled, compiled.isDefinite(), reference);
    }

    /**
     * Parses a path that AWS requires to be a reference path (ItemsPath, and the reading side of
     * anything that must select a single node): only fields and array indexes.
     */
    public static Path parseReference(String text) throws DataflowSyntaxException {
        ReferencePath.parse(text);
        return parse(text);
    }

    private static ReferencePath referenceOf(String text) {
        try {
            return ReferencePath.parse(text);
        } catch (DataflowSyntaxException e) {
            return null;
        }
    }

    /** True when a normalized Jayway path (e.g. {@code $['a'].length()}) has a function step outside brackets. */
    private static boolean callsFunction(String normalized) {
        int depth = 0;
        char quote = 0;
        for (int i = 0; i < normalized.length(); i++) {
            char c = normalized.charAt(i);
            if (quote != 0) {
                if (c == '\\') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '[') {
                depth++;
            } else if (c == ']') {
                depth--;
            } else if (c == '(' && depth == 0) {
                return true;
            }
        }
        return false;
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
        return definite;
    }

    /** True when the path is a reference path (only fields and array indexes), as ResultPath and ItemsPath must be. */
    public boolean isReference() {
        return reference != null;
    }

    /** The reference-path form of this path, or null when it is not a reference path. */
    public ReferencePath reference() {
        return reference;
    }

    /**
     * Reads the path.
     *
     * @return the selected value (a JSON null is a {@code NullNode}); for an indefinite path an array
     * of the matches, possibly empty; {@code null} when a definite path selects nothing or its root
     * (variable, context object) is absent
     */
    public JsonNode read(JsonNode input, EvaluationContext context) {
        JsonNode document = document(input, context);
        if (document == null || document.isMissingNode()) {
            return null;
        }
        if (compiled == null) {
            return document;
        }
        Object result;
        try {
            result = compiled.read(document, READ);
        } catch (JsonPathException e) {
            return null;
        }
        return toNode(result);
    }

    /**
     * Reads the path as InputPath, OutputPath or ItemsPath do.
     *
     * @throws DataflowException States.Runtime when the path selects nothing, with AWS's wording:
     *                           {@code Invalid path '$.x' : No results for path: $['x']}
     */
    public JsonNode select(JsonNode input, EvaluationContext context) {
        JsonNode value = read(input, context);
        if (value == null) {
            throw new DataflowException(DataflowException.RUNTIME, "Invalid path '" + text + "' : " + whyNothing(input, context));
        }
        return value;
    }

    /**
     * Reads the path for a named field: a {@code ".$"} key of a payload template, ErrorPath, CausePath.
     *
     * @param field the field as AWS names it in the message: the key with its {@code .$} suffix
     *              (e.g. {@code "value.$"}) or the field name ({@code "CausePath"})
     * @throws DataflowException States.Runtime when the path selects nothing, with AWS's wording:
     *                           {@code The JSONPath '$.x' specified for the field 'value.$' could not be found in the input '{...}'}
     */
    public JsonNode readField(JsonNode input, EvaluationContext context, String field) {
        JsonNode value = read(input, context);
        if (value == null) {
            throw notFoundForField(field, input);
        }
        return value;
    }

    /** AWS's States.Runtime failure for a path that selects nothing for a named field. */
    public DataflowException notFoundForField(String field, JsonNode input) {
        return new DataflowException(DataflowException.RUNTIME, "The JSONPath '" + text + "' specified for the field '" + field
                + "' could not be found in the input '" + (input == null ? "null" : Json.write(input)) + "'");
    }

    /** Jayway's explanation of why this path selects nothing in the document, as AWS quotes it. */
    private String whyNothing(JsonNode input, EvaluationContext context) {
        JsonNode document = document(input, context);
        if (document == null || document.isMissingNode()) {
            return root == Root.VARIABLE ? "The variable '" + variableName + "' is not defined" : "No results for path: $";
        }
        if (compiled == null) {
            return "No results for path: $";
        }
        try {
            compiled.read(document, EXPLAIN);
        } catch (JsonPathException e) {
            return BoundedJacksonProvider.plainTypeNames(e.getMessage());
        }
        return "No results for path: " + compiled.getPath();
    }

    private JsonNode document(JsonNode input, EvaluationContext context) {
        return switch (root) {
            case INPUT -> input;
            case CONTEXT -> context.contextObject();
            case VARIABLE -> context.variable(variableName);
        };
    }

    private static JsonNode toNode(Object result) {
        if (result == null) {
            return null;
        }
        if (result instanceof JsonNode node) {
            return node;
        }
        // Jayway builds result lists with the provider, so this is only reached for unexpected shapes.
        return Json.MAPPER.valueToTree(result);
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

    /**
     * Jayway's Jackson provider with AWS's array semantics: an index outside the array selects
     * nothing (the stock provider returns null, which reads as a JSON null).
     */
    private static final class BoundedJacksonProvider extends JacksonJsonNodeJsonProvider {
        BoundedJacksonProvider() {
            super(Json.MAPPER);
        }

        @Override
        public Object getArrayIndex(Object obj, int idx) {
            if (obj instanceof ArrayNode array && (idx < 0 || idx >= array.size())) {
                throw new IndexOutOfBoundsException(idx);
            }
            return super.getArrayIndex(obj, idx);
        }

        private static final Pattern FOUND_CLASS = Pattern.compile("found '([\\w.$]+)'(\\. This is not a json (object|array) according to the JsonProvider: '[\\w.$]+'\\.)?");

        /**
         * Rewrites Jayway's "found 'com.fasterxml...TextNode'" explanations into the plain Java type
         * names of Jayway's default provider, as AWS's messages show them, and drops our class names.
         */
        static String plainTypeNames(String message) {
            if (message == null) {
                return "No results";
            }
            Matcher m = FOUND_CLASS.matcher(message);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                String type = switch (m.group(1).substring(m.group(1).lastIndexOf('.') + 1)) {
                    case "TextNode" -> "java.lang.String";
                    case "IntNode", "ShortNode" -> "java.lang.Integer";
                    case "LongNode" -> "java.lang.Long";
                    case "BigIntegerNode" -> "java.math.BigInteger";
                    case "DecimalNode", "DoubleNode", "FloatNode" -> "java.lang.Double";
                    case "BooleanNode" -> "java.lang.Boolean";
                    case "ArrayNode" -> "net.minidev.json.JSONArray";
                    case "ObjectNode" -> "java.util.LinkedHashMap";
                    case "NullNode" -> "null";
                    default -> m.group(1);
                };
                String tail = m.group(2) == null ? "" : ". This is not a json " + m.group(3)
                        + " according to the JsonProvider: 'com.jayway.jsonpath.spi.json.JsonSmartJsonProvider'.";
                m.appendReplacement(out, Matcher.quoteReplacement("found '" + type + "'" + tail));
            }
            m.appendTail(out);
            return out.toString();
        }
    }
}
