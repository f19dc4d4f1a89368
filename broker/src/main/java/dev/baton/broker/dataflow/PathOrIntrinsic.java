package dev.baton.broker.dataflow;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.broker.dataflow.intrinsic.IntrinsicCall;

/**
 * A value given either by a path or by an intrinsic function call, as a Fail state's ErrorPath and
 * CausePath may be (AWS: "You can also specify CausePath using an intrinsic function that returns a
 * string"). Parsed once, at definition time; immutable.
 *
 * @param text the value as written
 * @param path the path, or null when the value is a call
 * @param call the intrinsic function call, or null when the value is a path
 */
public record PathOrIntrinsic(String text, Path path, IntrinsicCall call) {

    /**
     * Parses a value that starts with {@code $} (a path) or {@code States.} (an intrinsic function call).
     *
     * @throws DataflowSyntaxException when it is neither, or does not parse
     */
    public static PathOrIntrinsic parse(String text) throws DataflowSyntaxException {
        if (text != null && text.startsWith("States.")) {
            return new PathOrIntrinsic(text, null, IntrinsicCall.parse(text));
        }
        if (text != null && text.startsWith("$")) {
            return new PathOrIntrinsic(text, Path.parse(text), null);
        }
        throw new DataflowSyntaxException("The value '" + text + "' must be a JSONPath (starting with '$') or an intrinsic function call (starting with 'States.')");
    }

    /**
     * Evaluates the value for a named field.
     *
     * @param field the field as AWS names it in messages, e.g. {@code "CausePath"}
     * @throws DataflowException States.Runtime when a path selects nothing ("The JSONPath '$.x'
     *                           specified for the field 'CausePath' could not be found in the input '{...}'");
     *                           States.IntrinsicFailure when the function fails
     */
    public JsonNode evaluate(JsonNode input, EvaluationContext context, String field) {
        return path != null ? path.readField(input, context, field) : call.evaluate(input, context, field);
    }

    @Override
    public String toString() {
        return text;
    }
}
