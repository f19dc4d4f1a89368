package dev.baton.broker.dataflow.intrinsic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.broker.dataflow.Json;

import java.util.Iterator;
import java.util.Map;

/**
 * {@code States.Format(template, values...)}: the template with each {@code {}} replaced by the
 * next value. There must be exactly as many values as placeholders. In a literal template,
 * {@code \{} and {@code \}} are literal braces, not placeholders.
 *
 * <p>Strings are inserted as they are; other values as AWS prints them: numbers, booleans and null
 * as JSON, objects as {@code {key=value, ...}} and arrays as {@code [a, b]} (recorded by AWS:
 * {@code {"Arg1": 1, "Arg2": []}} formats as {@code {Arg1=1, Arg2=[]}}).
 */
final class StatesFormat extends IntrinsicFunction {
    StatesFormat() {
        super("States.Format", 1, UNLIMITED);
    }

    @Override
    public JsonNode apply(ArgumentValues args) {
        String template = args.string(0);
        // A literal template may escape braces; its raw text tells \{ from {.
        String raw = args.argument(0) instanceof Argument.StringLiteral s ? s.raw() : null;
        int placeholders = raw != null ? countPlaceholders(raw, true) : countPlaceholders(template, false);
        int values = args.size() - 1;
        if (placeholders != values) {
            throw args.failure("the format string has " + placeholders + " placeholder(s) '{}' but " + values + " value(s) were given");
        }
        StringBuilder out = new StringBuilder();
        String source = raw != null ? raw : template;
        int next = 1;
        for (int i = 0; i < source.length(); i++) {
            char c = source.charAt(i);
            if (raw != null && c == '\\' && i + 1 < source.length()) {
                out.append(source.charAt(++i));
            } else if (c == '{' && i + 1 < source.length() && source.charAt(i + 1) == '}') {
                out.append(text(args.value(next++)));
                i++;
            } else {
                out.append(c);
            }
        }
        return Json.MAPPER.getNodeFactory().textNode(out.toString());
    }

    private static int countPlaceholders(String s, boolean escapes) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (escapes && c == '\\') {
                i++;
            } else if (c == '{' && i + 1 < s.length() && s.charAt(i + 1) == '}') {
                n++;
                i++;
            }
        }
        return n;
    }

    /** A value as States.Format inserts it. */
    static String text(JsonNode v) {
        if (v.isTextual()) {
            return v.textValue();
        }
        if (v.isArray()) {
            StringBuilder b = new StringBuilder("[");
            for (int i = 0; i < v.size(); i++) {
                b.append(i == 0 ? "" : ", ").append(text(v.get(i)));
            }
            return b.append(']').toString();
        }
        if (v.isObject()) {
            StringBuilder b = new StringBuilder("{");
            boolean first = true;
            for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); first = false) {
                Map.Entry<String, JsonNode> e = it.next();
                b.append(first ? "" : ", ").append(e.getKey()).append('=').append(text(e.getValue()));
            }
            return b.append('}').toString();
        }
        return Json.write(v);
    }
}
