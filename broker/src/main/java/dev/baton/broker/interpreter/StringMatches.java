package dev.baton.broker.interpreter;

/**
 * The {@code StringMatches} Choice operator: a pattern in which {@code *} matches any run of
 * characters (possibly none) and every other character matches itself; {@code \*} is a literal
 * asterisk and {@code \\} a literal backslash (AWS: "Open * ... must be escaped with \\ to be a
 * literal").
 */
final class StringMatches {
    private StringMatches() {
    }

    static boolean matches(String value, String pattern) {
        // Tokens: literal chars, or WILDCARD for an unescaped '*'.
        int[] tokens = new int[pattern.length()];
        int n = 0;
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\' && i + 1 < pattern.length()) {
                tokens[n++] = pattern.charAt(++i);
            } else if (c == '*') {
                tokens[n++] = WILDCARD;
            } else {
                tokens[n++] = c;
            }
        }
        // Classic greedy wildcard matching with backtracking to the last '*': linear in practice.
        int v = 0;
        int t = 0;
        int starT = -1;
        int starV = 0;
        while (v < value.length()) {
            if (t < n && tokens[t] != WILDCARD && tokens[t] == value.charAt(v)) {
                v++;
                t++;
            } else if (t < n && tokens[t] == WILDCARD) {
                starT = t++;
                starV = v;
            } else if (starT >= 0) {
                t = starT + 1;
                v = ++starV;
            } else {
                return false;
            }
        }
        while (t < n && tokens[t] == WILDCARD) {
            t++;
        }
        return t == n;
    }

    private static final int WILDCARD = -1;
}
