package dev.baton.broker.dataflow.variables;

import java.util.regex.Pattern;

/**
 * The rules for a variable's name in an Assign field: a name a path or an expression can refer to
 * ({@code $name}), so a letter or underscore followed by letters, digits and underscores, and not
 * {@code states}, which AWS reserves for {@code $states}. In a JSONPath Assign the key may end in
 * {@code ".$"}; the name is the key without it.
 */
public final class VariableNames {
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    /** The name of AWS's reserved variable. */
    public static final String RESERVED = "states";

    private VariableNames() {
    }

    /** The variable name an Assign key stands for: the key, without a JSONPath {@code ".$"} suffix. */
    public static String nameOf(String assignKey, boolean jsonPath) {
        return jsonPath && assignKey.endsWith(".$") ? assignKey.substring(0, assignKey.length() - 2) : assignKey;
    }

    /** What is wrong with a variable name, or null when it is fine. */
    public static String problem(String name) {
        if (RESERVED.equals(name)) {
            return "The variable name '" + name + "' is reserved for $states";
        }
        if (!NAME.matcher(name).matches()) {
            return "The variable name '" + name + "' is not valid: it must start with a letter or '_' and contain only"
                    + " letters, digits and '_'";
        }
        return null;
    }
}
