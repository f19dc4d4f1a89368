package dev.baton.broker.dataflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

/**
 * A ResultPath (or a Catch's ResultPath): a reference path that says where a state's result is
 * written into its input. {@code $} replaces the input with the result; {@code $.a.b} creates or
 * replaces field {@code b} of {@code a}, creating missing objects on the way.
 * A JSON {@code null} ResultPath (discard the result) is represented by a null reference in the model.
 */
public final class ResultPath {
    /** A step of the path: an object field or an array index. */
    private sealed interface Step permits Field, Index {
    }

    private record Field(String name) implements Step {
    }

    private record Index(int index) implements Step {
    }

    /** {@code $}: the result replaces the input. */
    public static final ResultPath ROOT = new ResultPath("$", List.of());

    private final String text;
    private final List<Step> steps;

    private ResultPath(String text, List<Step> steps) {
        this.text = text;
        this.steps = steps;
    }

    public static ResultPath parse(String text) throws DataflowSyntaxException {
        if (text == null || !text.startsWith("$") || text.startsWith("$$")) {
            throw new DataflowSyntaxException("The value '" + text + "' is not a valid reference path: it must start with '$'");
        }
        if (text.equals("$")) {
            return ROOT;
        }
        List<Step> steps = new ArrayList<>();
        int i = 1;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '.') {
                int start = ++i;
                while (i < text.length() && text.charAt(i) != '.' && text.charAt(i) != '[') {
                    i++;
                }
                if (start == i) {
                    throw invalid(text);
                }
                steps.add(new Field(text.substring(start, i)));
            } else if (c == '[') {
                int close = text.indexOf(']', i);
                if (close < 0) {
                    throw invalid(text);
                }
                String inside = text.substring(i + 1, close).trim();
                if (inside.length() >= 2 && (inside.startsWith("'") && inside.endsWith("'")
                        || inside.startsWith("\"") && inside.endsWith("\""))) {
                    steps.add(new Field(inside.substring(1, inside.length() - 1)));
                } else if (inside.matches("\\d+")) {
                    steps.add(new Index(Integer.parseInt(inside)));
                } else {
                    throw invalid(text);
                }
                i = close + 1;
            } else {
                throw invalid(text);
            }
        }
        return new ResultPath(text, List.copyOf(steps));
    }

    private static DataflowSyntaxException invalid(String text) {
        return new DataflowSyntaxException("The value '" + text
                + "' is not a valid reference path: only fields ('.name' or \"['name']\") and array indexes ('[0]') are allowed");
    }

    public String text() {
        return text;
    }

    /**
     * Writes {@code result} into a copy of {@code input} at this path. The input is not modified.
     *
     * @throws DataflowException States.ResultPathMatchFailure when the path cannot be applied to the input
     */
    public JsonNode apply(JsonNode input, JsonNode result) {
        if (steps.isEmpty()) {
            return result;
        }
        JsonNode root = input == null || input.isNull() || input.isMissingNode() ? Json.MAPPER.createObjectNode() : input.deepCopy();
        JsonNode current = root;
        for (int s = 0; s < steps.size(); s++) {
            boolean last = s == steps.size() - 1;
            Step step = steps.get(s);
            switch (step) {
                case Field f -> {
                    if (!(current instanceof ObjectNode object)) {
                        throw mismatch(input);
                    }
                    if (last) {
                        object.set(f.name(), result);
                    } else {
                        JsonNode next = object.get(f.name());
                        if (next == null || !next.isContainerNode()) {
                            next = object.putObject(f.name());
                        }
                        current = next;
                    }
                }
                case Index ix -> {
                    if (!(current instanceof ArrayNode array) || ix.index() >= array.size()) {
                        throw mismatch(input);
                    }
                    if (last) {
                        array.set(ix.index(), result);
                    } else {
                        current = array.get(ix.index());
                    }
                }
            }
        }
        return root;
    }

    private DataflowException mismatch(JsonNode input) {
        return new DataflowException("States.ResultPathMatchFailure",
                "Unable to apply ReferencePath " + text + " to input " + (input == null ? "null" : Json.write(input)));
    }

    @Override
    public String toString() {
        return text;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ResultPath p && p.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }
}
