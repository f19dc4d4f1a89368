package dev.baton.broker.service;

/**
 * AWS's rules for the names of state machines, activities and executions: 1 to 80 characters, no
 * white space, brackets, wildcards, special characters {@code " # % \ ^ | ~ ` $ & , ; : /} or
 * control characters.
 */
public final class Names {
    public static final int MAX_LENGTH = 80;
    private static final String FORBIDDEN = "<>{}[]?*\"#%\\^|~`$&,;:/";

    private Names() {
    }

    /** Throws InvalidName unless {@code name} is a valid name. */
    public static void check(String name) {
        if (!isValid(name)) {
            throw AwsException.invalidName(name == null ? "" : name);
        }
    }

    public static boolean isValid(String name) {
        if (name == null || name.isEmpty() || name.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isWhitespace(c) || Character.isSpaceChar(c) || FORBIDDEN.indexOf(c) >= 0
                    || c <= 0x1F || (c >= 0x7F && c <= 0x9F)) {
                return false;
            }
        }
        return true;
    }
}
