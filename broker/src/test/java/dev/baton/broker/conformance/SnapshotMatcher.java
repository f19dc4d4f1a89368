package dev.baton.broker.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.broker.dataflow.Json;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compares a recorded AWS value with Baton's under the corpus' rules (its README): JSON types
 * strictly ({@code 1 != 1.0 != true}), object key sets equal, strings exact, except for the
 * snapshot tool's placeholders, which are wildcards bound consistently within a case:
 * {@code <...>} tokens, the account {@code 111111111111}, {@code snf_role_arn}, the case's own
 * listed placeholders, whole strings {@code date}/{@code timestamp}/{@code datetime}, and a quoted
 * {@code "date"} inside JSON text (an ISO-8601 date-time there).
 */
final class SnapshotMatcher {
    private static final Pattern ANGLE = Pattern.compile("<[^<>\"]+>");
    private static final Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}:\\d{2}.*");
    private static final Set<String> WHOLE = Set.of("date", "timestamp", "datetime");
    /** A date-time the snapshot tool replaced inside JSON text, e.g. an assigned variable's value {@code "\"date\""}. */
    private static final String QUOTED_DATE = "\"date\"";
    private static final String QUOTED_ISO_DATE = "\"\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}:\\d{2}[^\"]*\"";

    private final List<String> tokens = new ArrayList<>();
    private final Map<String, String> bindings = new HashMap<>();

    /**
     * @param caseTokens the case's {@code notes.expected_placeholders} and transformer replacements
     * @param preBound   placeholders already bound to the run (state machine and execution names)
     */
    SnapshotMatcher(Iterable<String> caseTokens, Map<String, String> preBound) {
        Set<String> all = new LinkedHashSet<>();
        all.add("111111111111");
        all.add("snf_role_arn");
        all.add("sfn_role_arn");
        for (String t : caseTokens) {
            if (!t.isEmpty() && !WHOLE.contains(t)) {
                all.add(t);
            }
        }
        tokens.addAll(all);
        // Longest first, so that "arn:<partition>" wins over "<partition>".
        tokens.sort((a, b) -> Integer.compare(b.length(), a.length()));
        bindings.putAll(preBound);
    }

    /** Null when the values match, else where and how they differ. */
    String compare(JsonNode expected, JsonNode actual) {
        List<String> problems = new ArrayList<>();
        compare("$", expected, actual, problems);
        return problems.isEmpty() ? null : problems.getFirst();
    }

    private void compare(String at, JsonNode e, JsonNode a, List<String> problems) {
        if (!problems.isEmpty()) {
            return;
        }
        if (e == null || e.isMissingNode()) {
            if (a != null && !a.isMissingNode()) {
                problems.add(at + ": expected nothing, got " + show(a));
            }
            return;
        }
        if (a == null || a.isMissingNode()) {
            problems.add(at + ": expected " + show(e) + ", got nothing");
            return;
        }
        if (e.isTextual()) {
            if (!a.isTextual() || !matches(e.textValue(), a.textValue())) {
                problems.add(at + ": expected " + show(e) + ", got " + show(a));
            }
            return;
        }
        if (e.isNumber()) {
            if (!a.isNumber() || e.isIntegralNumber() != a.isIntegralNumber()
                    || e.decimalValue().compareTo(a.decimalValue()) != 0) {
                problems.add(at + ": expected " + show(e) + ", got " + show(a));
            }
            return;
        }
        if (e.isObject()) {
            if (!a.isObject()) {
                problems.add(at + ": expected an object " + show(e) + ", got " + show(a));
                return;
            }
            Set<String> ek = new LinkedHashSet<>();
            e.fieldNames().forEachRemaining(ek::add);
            Set<String> ak = new LinkedHashSet<>();
            a.fieldNames().forEachRemaining(ak::add);
            if (!ek.equals(ak)) {
                problems.add(at + ": expected keys " + ek + ", got " + ak + " in " + show(a));
                return;
            }
            for (Iterator<String> it = e.fieldNames(); it.hasNext(); ) {
                String k = it.next();
                compare(at + "." + k, e.get(k), a.get(k), problems);
            }
            return;
        }
        if (e.isArray()) {
            if (!a.isArray() || a.size() != e.size()) {
                problems.add(at + ": expected " + show(e) + ", got " + show(a));
                return;
            }
            for (int i = 0; i < e.size(); i++) {
                compare(at + "[" + i + "]", e.get(i), a.get(i), problems);
            }
            return;
        }
        if (!e.equals(a)) {
            problems.add(at + ": expected " + show(e) + ", got " + show(a));
        }
    }

    /** Matches a string with placeholders, binding them consistently. */
    boolean matches(String expected, String actual) {
        if (expected.equals(actual)) {
            return true;
        }
        if (WHOLE.contains(expected)) {
            return expected.equals("date") ? ISO_DATE.matcher(actual).matches() || actual.equals("date") : true;
        }
        List<String> names = new ArrayList<>();
        StringBuilder regex = new StringBuilder("^");
        int i = 0;
        int wildcards = 0;
        while (i < expected.length()) {
            String token = null;
            for (String t : tokens) {
                if (expected.startsWith(t, i)) {
                    token = t;
                    break;
                }
            }
            if (token == null && expected.startsWith(QUOTED_DATE, i)) {
                wildcards++;
                regex.append(QUOTED_ISO_DATE);
                i += QUOTED_DATE.length();
                continue;
            }
            if (token == null) {
                Matcher m = ANGLE.matcher(expected);
                if (m.find(i) && m.start() == i) {
                    token = m.group();
                }
            }
            if (token != null) {
                wildcards++;
                String bound = bindings.get(token);
                if (bound != null) {
                    regex.append(Pattern.quote(bound));
                } else {
                    regex.append("(.+?)");
                    names.add(token);
                }
                i += token.length();
                continue;
            }
            regex.append(Pattern.quote(String.valueOf(expected.charAt(i))));
            i++;
        }
        if (wildcards == 0) {
            return false;
        }
        Matcher m = Pattern.compile(regex.append("$").toString(), Pattern.DOTALL).matcher(actual);
        if (!m.matches()) {
            return false;
        }
        Map<String, String> found = new HashMap<>();
        for (int g = 0; g < names.size(); g++) {
            String name = names.get(g);
            String value = m.group(g + 1);
            String bound = found.get(name);
            if (bound != null && !bound.equals(value)) {
                return false;
            }
            found.put(name, value);
        }
        bindings.putAll(found);
        return true;
    }

    private static String show(JsonNode n) {
        String s = Json.write(n);
        return s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }
}
