package dev.baton.broker.dataflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.broker.dataflow.intrinsic.IntrinsicCall;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A JSONPath-mode payload template (Parameters, ResultSelector, ItemSelector, JSONPath Assign):
 * a JSON value in which every object key ending in {@code ".$"} has a path or an intrinsic
 * function call as its value, evaluated against the input, the context object or variables; the
 * {@code ".$"} suffix is dropped from the key in the result. Parsed once, at definition time.
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

    private record PathValue(String key, Path path) implements Node {
    }

    private record IntrinsicValue(IntrinsicCall call) implements Node {
    }

    private final JsonNode source;
    private final Node root;

    private PayloadTemplate(JsonNode source, Node root) {
        this.source = source;
        this.root = root;
    }

    public static PayloadTemplate parse(JsonNode source) throws DataflowSyntaxException {
        return new PayloadTemplate(source, parseNode(source));
    }

    private static Node parseNode(JsonNode node) throws DataflowSyntaxException {
        if (node.isObject()) {
            Map<String, Node> fields = new LinkedHashMap<>();
            var it = node.fields();
            while (it.hasNext()) {
                var e = it.next();
                String key = e.getKey();
                if (key.endsWith(".$")) {
                    String name = key.substring(0, key.length() - 2);
                    JsonNode value = e.getValue();
                    if (!value.isTextual()) {
                        throw new DataflowSyntaxException("The value of field '" + key
                                + "' must be a JSONPath or an intrinsic function call (a string), not " + value.getNodeType());
                    }
                    fields.put(name, parseDynamic(key, value.textValue()));
                } else {
                    fields.put(key, parseNode(e.getValue()));
                }
            }
            return new ObjectTemplate(fields);
        }
        if (node.isArray()) {
            List<Node> items = new ArrayList<>(node.size());
            for (JsonNode item : node) {
                items.add(parseNode(item));
            }
            return new ArrayTemplate(items);
        }
        return new Literal(node);
    }

    private static Node parseDynamic(String key, String text) throws DataflowSyntaxException {
        if (text.startsWith("$")) {
            return new PathValue(key, Path.parse(text));
        }
        if (text.startsWith("States.")) {
            return new IntrinsicValue(IntrinsicCall.parse(text));
        }
        throw new DataflowSyntaxException("The value of field '" + key + "' must be a JSONPath (starting with '$') or an intrinsic function call (starting with 'States.'), not '" + text + "'");
    }

    @Override
    public JsonNode source() {
        return source;
    }

    /**
     * Evaluates the template.
     *
     * @throws DataflowException States.Runtime when a path selects nothing; States.IntrinsicFailure
     *                           when an intrinsic function fails
     */
    public JsonNode evaluate(JsonNode input, EvaluationContext context) {
        return evaluate(root, input, context);
    }

    private JsonNode evaluate(Node node, JsonNode input, EvaluationContext context) {
        return switch (node) {
            case Literal l -> l.value();
            case ObjectTemplate o -> {
                ObjectNode out = Json.MAPPER.createObjectNode();
                o.fields().forEach((k, v) -> out.set(k, evaluate(v, input, context)));
                yield out;
            }
            case ArrayTemplate a -> {
                ArrayNode out = Json.MAPPER.createArrayNode();
                a.items().forEach(v -> out.add(evaluate(v, input, context)));
                yield out;
            }
            case PathValue p -> {
                JsonNode value = p.path().read(input, context);
                if (value == null) {
                    throw new DataflowException("States.Runtime", "The JSONPath '" + p.path().text()
                            + "' specified for the field '" + p.key() + "' could not be found in the input '"
                            + Json.write(input) + "'");
                }
                yield value;
            }
            case IntrinsicValue i -> i.call().evaluate(input, context);
        };
    }

    @Override
    public String toString() {
        return Json.write(source);
    }
}
