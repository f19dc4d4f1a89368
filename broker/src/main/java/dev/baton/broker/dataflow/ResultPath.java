package dev.baton.broker.dataflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * A ResultPath (or a Catch's ResultPath): a reference path that says where a state's result is
 * written into its input. {@code $} replaces the input with the result; {@code $.a.b} creates or
 * replaces field {@code b} of {@code a}, creating missing objects on the way; {@code $.a[1]}
 * replaces an existing array element. A JSON {@code null} ResultPath (discard the result) is
 * represented by a null reference in the model.
 */
public final class ResultPath {
    /** {@code $}: the result replaces the input. */
    public static final ResultPath ROOT = new ResultPath(new ReferencePath("$", Path.Root.INPUT, null, List.of()));

    private final ReferencePath path;

    private ResultPath(ReferencePath path) {
        this.path = path;
    }

    /**
     * Parses a ResultPath. It must be a reference path into the input: {@code $$} (context object)
     * and {@code $name} (variables) cannot be written.
     */
    public static ResultPath parse(String text) throws DataflowSyntaxException {
        ReferencePath path = ReferencePath.parse(text);
        if (path.root() != Path.Root.INPUT) {
            throw new DataflowSyntaxException("The value '" + text
                    + "' is not a valid ResultPath: it must be a reference path into the state's input, starting with '$.' or '$['");
        }
        return path.isRoot() ? ROOT : new ResultPath(path);
    }

    public String text() {
        return path.text();
    }

    /** The parsed reference path. */
    public ReferencePath path() {
        return path;
    }

    /**
     * Writes {@code result} into a copy of {@code input} at this path. The input is not modified.
     * Missing objects on the way are created; an existing value that is not an object (or, for an
     * index step, not an array long enough) cannot be written into.
     *
     * @throws DataflowException States.ResultPathMatchFailure when the path cannot be applied to
     *                           the input, with AWS's message
     *                           {@code Unable to apply ReferencePath $.a.b to input "text"}
     */
    public JsonNode apply(JsonNode input, JsonNode result) {
        List<ReferencePath.Step> steps = path.steps();
        if (steps.isEmpty()) {
            return result;
        }
        JsonNode root = input == null || input.isNull() || input.isMissingNode() ? Json.MAPPER.createObjectNode() : input.deepCopy();
        JsonNode current = root;
        for (int s = 0; s < steps.size(); s++) {
            boolean last = s == steps.size() - 1;
            switch (steps.get(s)) {
                case ReferencePath.Field f -> {
                    if (!(current instanceof ObjectNode object)) {
                        throw mismatch(input);
                    }
                    if (last) {
                        object.set(f.name(), result);
                    } else {
                        JsonNode next = object.get(f.name());
                        if (next == null) {
                            next = object.putObject(f.name());
                        } else if (!next.isContainerNode()) {
                            throw mismatch(input);
                        }
                        current = next;
                    }
                }
                case ReferencePath.Index ix -> {
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
        return new DataflowException(DataflowException.RESULT_PATH_MATCH_FAILURE,
                "Unable to apply ReferencePath " + path.text() + " to input " + (input == null ? "null" : Json.write(input)));
    }

    @Override
    public String toString() {
        return path.text();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ResultPath p && p.path.text().equals(path.text());
    }

    @Override
    public int hashCode() {
        return path.text().hashCode();
    }
}
