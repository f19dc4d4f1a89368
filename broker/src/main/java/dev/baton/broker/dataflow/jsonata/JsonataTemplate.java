package dev.baton.broker.dataflow.jsonata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.broker.dataflow.DataflowSyntaxException;
import dev.baton.broker.dataflow.Json;
import dev.baton.broker.dataflow.ValueTemplate;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A JSONata-mode template (Arguments, Output, Assign, Items, ItemSelector, Condition, Seconds,
 * ...): a JSON value in which any string of the form {@code "{% expression %}"}, at any depth, is
 * a JSONata expression; everything else, including strings that merely contain {@code {%} or look
 * like paths ({@code "$.a"}, {@code " {% x %} "}), is literal. Parsed once, at definition time;
 * immutable and safe to share between threads.
 */
public final class JsonataTemplate implements ValueTemplate {
    private sealed interface Node permits Literal, ObjectTemplate, ArrayTemplate, Expression {
    }

    private record Literal(JsonNode value) implements Node {
    }

    private record ObjectTemplate(Map<String, Node> fields) implements Node {
    }

    private record ArrayTemplate(List<Node> items) implements Node {
    }

    private record Expression(JsonataExpression expression) implements Node {
    }

    /**
     * One expression of a template.
     *
     * @param pointer JSON pointer (RFC 6901) of the expression's string within the template ({@code ""} for the template itself)
     * @param path    how AWS names the position after the field name: {@code ""}, {@code "/a/b"}, {@code "/list[0]"}
     */
    public record Site(String pointer, String path, JsonataExpression expression) {
    }

    private final JsonNode source;
    private final Node root;
    private final List<Site> sites;

    private JsonataTemplate(JsonNode source, Node root, List<Site> sites) {
        this.source = source;
        this.root = root;
        this.sites = sites;
    }

    /**
     * Parses a template, compiling every expression in it.
     *
     * @throws DataflowSyntaxException for the first expression that does not parse, with the
     *                                 JSONata parser's message and, as {@link DataflowSyntaxException#pointer()},
     *                                 the JSON pointer of that expression's string in the template
     */
    public static JsonataTemplate parse(JsonNode source) throws DataflowSyntaxException {
        List<Site> sites = new ArrayList<>();
        Node root = parseNode(source, "", "", sites);
        return new JsonataTemplate(source, root, Collections.unmodifiableList(sites));
    }

    private static Node parseNode(JsonNode node, String pointer, String path, List<Site> sites) throws DataflowSyntaxException {
        if (JsonataExpression.isExpression(node)) {
            JsonataExpression expression;
            try {
                expression = JsonataExpression.parse(node.textValue());
            } catch (DataflowSyntaxException e) {
                throw new DataflowSyntaxException(e.getMessage(), e.detail(), pointer);
            }
            sites.add(new Site(pointer, path, expression));
            return new Expression(expression);
        }
        if (node.isObject()) {
            Map<String, Node> fields = new LinkedHashMap<>();
            Iterator<Map.Entry<String, JsonNode>> it = node.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                fields.put(e.getKey(), parseNode(e.getValue(), pointer + "/" + escape(e.getKey()), path + "/" + e.getKey(), sites));
            }
            return fields.values().stream().allMatch(Literal.class::isInstance) ? new Literal(node) : new ObjectTemplate(fields);
        }
        if (node.isArray()) {
            List<Node> items = new ArrayList<>(node.size());
            for (int i = 0; i < node.size(); i++) {
                items.add(parseNode(node.get(i), pointer + "/" + i, path + "[" + i + "]", sites));
            }
            return items.stream().allMatch(Literal.class::isInstance) ? new Literal(node) : new ArrayTemplate(items);
        }
        return new Literal(node);
    }

    private static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }

    @Override
    public JsonNode source() {
        return source;
    }

    /** True when the whole template is one expression ({@code "{% ... %}"}). */
    public boolean isExpression() {
        return root instanceof Expression;
    }

    /** True when the template holds no expression at all. */
    public boolean isLiteral() {
        return root instanceof Literal;
    }

    /** Every expression in the template, in document order. */
    public List<Site> expressions() {
        return sites;
    }

    /** Every variable name the template's expressions mention. */
    public Set<String> variableNames() {
        Set<String> names = new LinkedHashSet<>();
        sites.forEach(s -> names.addAll(s.expression().variableNames()));
        return names;
    }

    /**
     * Evaluates the template: literals as written, each expression replaced by its value.
     *
     * @param field the ASL field the template is, relative to the state, as AWS names it in
     *              messages and EvaluationFailed locations: {@code Output}, {@code Arguments},
     *              {@code Assign}, {@code Choices[0]/Output}, {@code Catch[1]/Assign}
     * @throws QueryEvaluationException when an expression fails or returns nothing; its location
     *                                  is the field and the position inside it, e.g. {@code Output/a/b}
     */
    public JsonNode evaluate(JsonataScope scope, String field) {
        return evaluate(root, scope, field);
    }

    /**
     * Evaluates the template and checks its type, as AWS does for Items (an array), Condition (a
     * boolean) and other fields of one type.
     *
     * @param expectedType AWS's type name: array, object, string, number, boolean or null
     * @throws QueryEvaluationException AWS's "returned an unexpected result type" when a
     *                                  single-expression template has a value of another type
     */
    public JsonNode evaluate(JsonataScope scope, String field, String expectedType) {
        if (root instanceof Expression e) {
            return e.expression().evaluate(scope, field, expectedType);
        }
        JsonNode value = evaluate(root, scope, field);
        String actual = JsonataValues.typeName(value);
        if (!actual.equals(expectedType)) {
            throw new QueryEvaluationException(field, "The value of the field '" + field + "' must be of type '"
                    + expectedType + "', but was '" + actual + "' for value: " + Json.write(value));
        }
        return value;
    }

    private static JsonNode evaluate(Node node, JsonataScope scope, String field) {
        return switch (node) {
            case Literal l -> l.value();
            case Expression e -> e.expression().evaluate(scope, field);
            case ObjectTemplate o -> {
                ObjectNode out = Json.MAPPER.createObjectNode();
                o.fields().forEach((k, v) -> out.set(k, evaluate(v, scope, field + "/" + k)));
                yield out;
            }
            case ArrayTemplate a -> {
                ArrayNode out = Json.MAPPER.createArrayNode();
                for (int i = 0; i < a.items().size(); i++) {
                    out.add(evaluate(a.items().get(i), scope, field + "[" + i + "]"));
                }
                yield out;
            }
        };
    }

    @Override
    public String toString() {
        return Json.write(source);
    }
}
