package dev.baton.broker.dataflow.intrinsic;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.broker.dataflow.DataflowSyntaxException;
import dev.baton.broker.dataflow.Json;
import dev.baton.broker.dataflow.Path;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the intrinsic function call syntax:
 * <pre>
 * call     = "States." name "(" [ argument { "," argument } ] ")"
 * argument = string | number | "true" | "false" | "null" | path | call
 * string   = "'" { character | "\'" | "\{" | "\}" | "\\" } "'"
 * path     = "$" ...   (a JSONPath: input, "$$" context object, or "$name" variable)
 * </pre>
 * with white space allowed between tokens. In a string, a backslash may only escape {@code ' { } \}
 * (AWS rejects other escapes such as {@code \"} at CreateStateMachine).
 */
final class IntrinsicParser {
    /** AWS: "You can nest up to 10 intrinsic functions within a field." */
    static final int MAX_CALLS = 10;
    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?([eE][+-]?\\d+)?");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9]+");

    private final String text;
    private int pos;
    private int calls;

    private IntrinsicParser(String text) {
        this.text = text;
    }

    static IntrinsicCall parse(String text) throws DataflowSyntaxException {
        if (text == null) {
            throw new DataflowSyntaxException("An intrinsic function call is missing");
        }
        IntrinsicParser parser = new IntrinsicParser(text);
        parser.skipSpace();
        IntrinsicCall call = parser.call();
        parser.skipSpace();
        if (parser.pos < text.length()) {
            throw parser.error("unexpected '" + text.substring(parser.pos) + "' after the call");
        }
        return call;
    }

    private IntrinsicCall call() throws DataflowSyntaxException {
        int start = pos;
        if (!text.startsWith("States.", pos)) {
            throw error("an intrinsic function call must start with 'States.'");
        }
        pos += "States.".length();
        Matcher m = NAME.matcher(text).region(pos, text.length());
        if (!m.lookingAt()) {
            throw error("a function name must follow 'States.'");
        }
        String name = "States." + m.group();
        pos = m.end();
        IntrinsicFunction function = IntrinsicFunction.named(name)
                .orElseThrow(() -> error("'" + name + "' is not an intrinsic function"));
        if (++calls > MAX_CALLS) {
            throw error("at most " + MAX_CALLS + " intrinsic functions may be nested in one field");
        }
        skipSpace();
        expect('(');
        skipSpace();
        List<Argument> arguments = new ArrayList<>();
        if (peek() != ')') {
            while (true) {
                arguments.add(argument());
                skipSpace();
                if (peek() == ',') {
                    pos++;
                    skipSpace();
                } else {
                    break;
                }
            }
        }
        expect(')');
        int n = arguments.size();
        if (n < function.minArguments() || n > function.maxArguments()) {
            throw error(name + " takes " + arity(function) + ", not " + n);
        }
        return new IntrinsicCall(text.substring(start, pos), function, arguments);
    }

    private static String arity(IntrinsicFunction f) {
        int min = f.minArguments();
        int max = f.maxArguments();
        if (max == IntrinsicFunction.UNLIMITED) {
            return min == 0 ? "any number of arguments" : "at least " + plural(min);
        }
        return min == max ? plural(min) : min + " to " + max + " arguments";
    }

    private static String plural(int n) {
        return n == 1 ? "1 argument" : n + " arguments";
    }

    private Argument argument() throws DataflowSyntaxException {
        char c = peek();
        if (c == '\'') {
            return string();
        }
        if (c == '$') {
            return path();
        }
        if (text.startsWith("States.", pos)) {
            return new Argument.Call(call());
        }
        for (String keyword : new String[]{"true", "false", "null"}) {
            if (text.startsWith(keyword, pos) && endsToken(pos + keyword.length())) {
                pos += keyword.length();
                return new Argument.Literal(literal(keyword));
            }
        }
        Matcher m = NUMBER.matcher(text).region(pos, text.length());
        if (m.lookingAt() && endsToken(m.end())) {
            pos = m.end();
            return new Argument.Literal(literal(m.group()));
        }
        throw error(c == 0 ? "an argument is missing" : "'" + c + "' cannot start an argument");
    }

    private static JsonNode literal(String json) {
        try {
            return Json.parse(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A literal the grammar accepted is not JSON: " + json, e);
        }
    }

    private boolean endsToken(int at) {
        if (at >= text.length()) {
            return true;
        }
        char c = text.charAt(at);
        return c == ',' || c == ')' || Character.isWhitespace(c);
    }

    private Argument.StringLiteral string() throws DataflowSyntaxException {
        int open = pos++;
        StringBuilder value = new StringBuilder();
        while (true) {
            if (pos >= text.length()) {
                pos = open;
                throw error("a string is not closed with '");
            }
            char c = text.charAt(pos);
            if (c == '\\') {
                char next = pos + 1 < text.length() ? text.charAt(pos + 1) : 0;
                if (next != '\'' && next != '{' && next != '}' && next != '\\') {
                    throw error("'\\" + (next == 0 ? "" : String.valueOf(next))
                            + "' is not a valid escape; only \\' \\{ \\} and \\\\ are allowed in an intrinsic function string");
                }
                value.append(next);
                pos += 2;
            } else if (c == '\'') {
                String raw = text.substring(open + 1, pos);
                pos++;
                return new Argument.StringLiteral(value.toString(), raw);
            } else {
                value.append(c);
                pos++;
            }
        }
    }

    /** A path runs until ',' or ')' or white space outside brackets (brackets may hold quotes, commas and filters). */
    private Argument.PathArgument path() throws DataflowSyntaxException {
        int start = pos;
        int depth = 0;
        char quote = 0;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (quote != 0) {
                if (c == '\\') {
                    pos++;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (depth > 0 && (c == '\'' || c == '"')) {
                quote = c;
            } else if (c == '[' || (depth > 0 && c == '(')) {
                depth++;
            } else if (c == ']' || (depth > 0 && c == ')')) {
                depth--;
            } else if (depth == 0 && (c == ',' || c == ')' || Character.isWhitespace(c))) {
                break;
            }
            pos++;
        }
        String pathText = text.substring(start, pos);
        try {
            return new Argument.PathArgument(Path.parse(pathText));
        } catch (DataflowSyntaxException e) {
            pos = start;
            throw error(e.getMessage());
        }
    }

    private void expect(char c) throws DataflowSyntaxException {
        if (peek() != c) {
            throw error(pos >= text.length() ? "'" + c + "' is missing at the end" : "expected '" + c + "' but found '" + text.charAt(pos) + "'");
        }
        pos++;
    }

    private char peek() {
        return pos < text.length() ? text.charAt(pos) : 0;
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private DataflowSyntaxException error(String why) {
        return new DataflowSyntaxException("The intrinsic function call '" + text + "' is not valid at position " + pos + ": " + why);
    }
}
