package dev.baton.broker.dataflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.broker.dataflow.intrinsic.IntrinsicCall;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * A JSONPath-mode payload template (Parameters, ResultSelector, ItemSelector, JSONPath Assign):
 * a JSON value in which every object key ending in {@code ".$"} has a path or an intrinsic
 * function call as its value, evaluated against the input, the context object or variables; the
 * {@code ".$"} suffix is dropped from the key in the result. Templates nest in objects and arrays.
 * Parsed once, at definition time; immutable and thread-safe.
 */
public final class PayloadTemplate implements ValueTemplate {
    private sealed interface Node permits Literal, ObjectTemplate, ArrayTemplate, PathValue, IntrinsicValue {
    }

    private record Literal(JsonNode value) implements Node {
    }

    private record ObjectTemplate(Map<String, Node> fields) implements Node {
    }

    private record ArrayTemplate(List<Node> items) implements Node {
    }

    /** @param field the key as written, with its ".$" suffix, as AWS names it in messages */
    private record PathValue(String field, Path path) implements Node {
    }

    private record IntrinsicValue(String field, IntrinsicCall call) implements Node {
    }

    private final JsonNode source;
    private final Node root;

    private PayloadTemplate(JsonNode source, Node root) {
        this.source = source;
        this.root = root;
    }

    /**
     * Parses a template.
     *
     * @throws DataflowSyntaxException with AWS's message "The value for the field 'key.$' must be a
     *                                 valid JSONPath or a valid intrinsic function call", the exact reason in
     *                                 {@link DataflowSyntaxException#detail()} and, in
     *                                 {@link DataflowSyntaxException#pointer()}, the JSON pointer of the object
     *                                 holding the key (AWS reports the error at that object)
     */
    public static PayloadTemplate parse(JsonNode source) throws DataflowSyntaxException {
        return new PayloadTemplate(source, parseNode(source, ""));
    }

    private static Node parseNode(JsonNode node, String pointer) throws DataflowSyntaxException {
        if (node.isObject()) {
            Map<String, Node> fields = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String key = e.getKey();
                if (key.endsWith(".$")) {
                    fields.put(key.substring(0, key.length() - 2), parseDynamic(key, e.getValue(), pointer));
                } else {
                    fields.put(key, parseNode(e.getValue(), pointer + "/" + escape(key)));
                }
            }
            return new ObjectTemplate(fields);
        }
        if (node.isArray()) {
            List<Node> items = new ArrayList<>(node.size());
            for (int i = 0; i < node.size(); i++) {
                items.add(parseNode(node.get(i), pointer + "/" + i));
            }
            return new ArrayTemplate(items);
        }
        return new Literal(node);
    }

    private static Node parseDynamic(String key, JsonNode value, String pointer) throws DataflowSyntaxException {
        String message = "The value for the field '" + key + "' must be a valid JSONPath or a valid intrinsic function call";
        if (!value.isTextual()) {
            throw new DataflowSyntaxException(message, "it is " + value.getNodeType().name().toLowerCase() + ", not a string", pointer);
        }
        String text = value.textValue();
        try {
            if (text.startsWith("$")) {
                return new PathValue(key, Path.parse(text));
            }
            if (text.startsWith("States.")) {
                return new IntrinsicValue(key, IntrinsicCall.parse(text));
            }
        } catch (DataflowSyntaxException e) {
            throw new DataflowSyntaxException(message, e.getMessage(), pointer);
        }
        throw new DataflowSyntaxException(message, "'" + text + "' starts with neither '$' nor 'States.'", pointer);
    }

    /** RFC 6901 escaping of one reference token. */
    private static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }

    @Override
    public JsonNode source() {
        return source;
    }

    /**
     * Evaluates the template. The result shares unchanged values with the template and the input:
     * never mutate it.
     *
     * @throws DataflowException States.Runtime when a path selects nothing ("The JSONPath '$.x'
     *                           specified for the field 'key.$' could not be found in the input '{...}'");
     *                           States.IntrinsicFailure when an intrinsic function fails
     */
    public JsonNode evaluate(JsonNode input, EvaluationContext context) {
        return evaluate(root, input, context, new LazyRandom(context));
    }

    private JsonNode evaluate(Node node, JsonNode input, EvaluationContext context, LazyRandom random) {
        return switch (node) {
            case Literal l -> l.value();
            case ObjectTemplate o -> {
                ObjectNode out = Json.MAPPER.createObjectNode();
                o.fields().forEach((k, v) -> out.set(k, evaluate(v, input, context, random)));
                yield out;
            }
            case ArrayTemplate a -> {
                ArrayNode out = Json.MAPPER.createArrayNode();
                a.items().forEach(v -> out.add(evaluate(v, input, context, random)));
                yield out;
            }
            case PathValue p -> p.path().readField(input, context, p.field());
            case IntrinsicValue i -> i.call().evaluate(input, context, i.field(), random::get);
        };
    }

    /** One random source per evaluation, fetched only if a function needs randomness. */
    private static final class LazyRandom {
        private final EvaluationContext context;
        private RandomGenerator random;

        LazyRandom(EvaluationContext context) {
            this.context = context;
        }

        RandomGenerator get() {
            if (random == null) {
                random = context.random();
            }
            return random;
        }
    }

    @Override
    public String toString() {
        return Json.write(source);
    }
}
