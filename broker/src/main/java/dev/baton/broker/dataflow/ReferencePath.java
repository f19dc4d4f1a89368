package dev.baton.broker.dataflow;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The grammar of an ASL reference path: a path that can identify only a single node. AWS allows
 * object fields in dot ({@code .name}) or bracket ({@code ['name']}) notation and array indexes
 * ({@code [0]}); the operators {@code @ .. , : ? *} and functions such as {@code length()} are not
 * supported (ASL spec, "Reference Paths"). ResultPath and ItemsPath must be reference paths.
 *
 * <p>Jayway's {@code isDefinite()} is not used for this: it accepts functions and paths without a
 * leading {@code $}.
 *
 * @param text  the path as written
 * @param root  what the path starts from
 * @param variable the variable name for {@link Path.Root#VARIABLE}, else null
 * @param steps the fields and indexes after the root, in order
 */
public record ReferencePath(String text, Path.Root root, String variable, List<Step> steps) {

    /** One step of a reference path. */
    public sealed interface Step permits Field, Index {
    }

    /** An object field. */
    public record Field(String name) implements Step {
    }

    /** An array index (zero-based, never negative). */
    public record Index(int index) implements Step {
    }

    private static final Pattern VARIABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    /** Characters that make a dot-notation name an operator rather than a field name. */
    private static final String RESERVED_IN_NAME = "@,:?*()[]'\" \t\r\n";

    public ReferencePath {
        steps = List.copyOf(steps);
    }

    /**
     * Parses a reference path rooted at the input ({@code $}), the context object ({@code $$}) or a
     * variable ({@code $name}).
     */
    public static ReferencePath parse(String text) throws DataflowSyntaxException {
        if (text == null || !text.startsWith("$")) {
            throw invalid(text, "it must start with '$'");
        }
        Path.Root root;
        String variable = null;
        int i;
        if (text.startsWith("$$")) {
            root = Path.Root.CONTEXT;
            i = 2;
        } else if (text.length() > 1 && text.charAt(1) != '.' && text.charAt(1) != '[') {
            root = Path.Root.VARIABLE;
            i = 1;
            while (i < text.length() && text.charAt(i) != '.' && text.charAt(i) != '[') {
                i++;
            }
            variable = text.substring(1, i);
            if (!VARIABLE_NAME.matcher(variable).matches()) {
                throw invalid(text, "'" + variable + "' is not a valid variable name");
            }
        } else {
            root = Path.Root.INPUT;
            i = 1;
        }
        List<Step> steps = new ArrayList<>();
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '.') {
                int start = ++i;
                while (i < text.length() && text.charAt(i) != '.' && text.charAt(i) != '[') {
                    if (RESERVED_IN_NAME.indexOf(text.charAt(i)) >= 0) {
                        throw invalid(text, "'" + text.charAt(i) + "' is not allowed in a field name; use ['name'] for such fields");
                    }
                    i++;
                }
                if (start == i) {
                    throw invalid(text, "the deep scan operator '..' and empty field names are not allowed");
                }
                steps.add(new Field(text.substring(start, i)));
            } else if (c == '[') {
                i = parseBracket(text, i + 1, steps);
            } else {
                throw invalid(text, "unexpected '" + c + "' at position " + i);
            }
        }
        return new ReferencePath(text, root, variable, steps);
    }

    /** Parses {@code ['name']}, {@code ["name"]} or {@code [digits]} after the opening bracket; returns the index after ']'. */
    private static int parseBracket(String text, int i, List<Step> steps) throws DataflowSyntaxException {
        if (i >= text.length()) {
            throw invalid(text, "unclosed '['");
        }
        char c = text.charAt(i);
        if (c == '\'' || c == '"') {
            StringBuilder name = new StringBuilder();
            int j = i + 1;
            while (true) {
                if (j >= text.length()) {
                    throw invalid(text, "unclosed quote in brackets");
                }
                char d = text.charAt(j);
                if (d == '\\' && j + 1 < text.length()) {
                    name.append(text.charAt(j + 1));
                    j += 2;
                } else if (d == c) {
                    break;
                } else {
                    name.append(d);
                    j++;
                }
            }
            j++;
            if (j >= text.length() || text.charAt(j) != ']') {
                throw invalid(text, "only one quoted field name is allowed in brackets");
            }
            steps.add(new Field(name.toString()));
            return j + 1;
        }
        int j = i;
        while (j < text.length() && Character.isDigit(text.charAt(j))) {
            j++;
        }
        if (j == i || j >= text.length() || text.charAt(j) != ']') {
            throw invalid(text, "brackets may hold only a quoted field name or a non-negative array index");
        }
        try {
            steps.add(new Index(Integer.parseInt(text.substring(i, j))));
        } catch (NumberFormatException e) {
            throw invalid(text, "the array index is too large");
        }
        return j + 1;
    }

    private static DataflowSyntaxException invalid(String text, String why) {
        return new DataflowSyntaxException("The value '" + text + "' is not a valid reference path: " + why);
    }

    /** True when the path is the whole document it starts from ({@code $}, {@code $$} or {@code $name}). */
    public boolean isRoot() {
        return steps.isEmpty();
    }

    @Override
    public String toString() {
        return text;
    }
}
