package dev.baton.broker.dataflow.intrinsic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.broker.dataflow.Path;

/** One argument of an intrinsic function call, as written in the definition. */
public sealed interface Argument {

    /** A number, {@code true}, {@code false} or {@code null}. */
    record Literal(JsonNode value) implements Argument {
    }

    /**
     * A string in single quotes.
     *
     * @param value the string with its escapes ({@code \' \{ \} \\}) resolved
     * @param raw   the text between the quotes as written; States.Format needs it to tell an escaped
     *              brace ({@code \{}) from a placeholder ({@code {}})
     */
    record StringLiteral(String value, String raw) implements Argument {
    }

    /** A path into the input ({@code $.x}), the context object ({@code $$.x}) or a variable ({@code $x}). */
    record PathArgument(Path path) implements Argument {
    }

    /** A nested intrinsic function call. */
    record Call(IntrinsicCall call) implements Argument {
    }
}
