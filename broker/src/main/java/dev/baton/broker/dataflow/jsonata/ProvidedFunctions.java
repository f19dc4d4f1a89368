package dev.baton.broker.dataflow.jsonata;

import com.dashjoin.jsonata.Functions;
import com.dashjoin.jsonata.JException;
import com.dashjoin.jsonata.Jsonata;
import com.dashjoin.jsonata.Utils;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.broker.dataflow.ContextObject;
import dev.baton.broker.dataflow.Json;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.random.RandomGenerator;

/**
 * The JSONata functions of one evaluation scope, on top of the JSONata 2.0 library:
 * <ul>
 *   <li>the functions Step Functions adds ("JSONata functions provided by Step Functions"):
 *       {@code $partition}, {@code $range}, {@code $hash}, {@code $random} (with an optional seed),
 *       {@code $uuid} and {@code $parse};</li>
 *   <li>{@code $eval}, which AWS does not provide ("use $parse instead"): calling it fails like any
 *       name that is not a function, T1006;</li>
 *   <li>the library functions that read a clock or a random source ({@code $now}, {@code $millis},
 *       {@code $random}, {@code $shuffle}, {@code $uuid}) take them from the scope, so the same
 *       state entry evaluates to the same values (the interpreter is deterministic);</li>
 *   <li>the library functions whose output can be far larger than their input ({@code $pad},
 *       {@code $join}, {@code $replace}, {@code $string}) check the size first, because the
 *       evaluation bounds can only look at a value once it exists.</li>
 * </ul>
 */
final class ProvidedFunctions {
    /** AWS's $hash algorithms, the same as States.Hash's. */
    private static final Set<String> HASH_ALGORITHMS = Set.of("MD5", "SHA-1", "SHA-256", "SHA-384", "SHA-512");

    private static final Jsonata.JFunction LIBRARY_PAD = library("pad");
    private static final Jsonata.JFunction LIBRARY_JOIN = library("join");
    private static final Jsonata.JFunction LIBRARY_REPLACE = library("replace");
    private static final Jsonata.JFunction LIBRARY_STRING = library("string");

    private final Map<String, Jsonata.JFunction> functions = new LinkedHashMap<>();
    private final long maxValueSize;
    private final RandomGenerator random;
    private final Instant now;

    ProvidedFunctions(JsonataLimits limits, RandomGenerator random, Instant now) {
        this.maxValueSize = limits.maxValueSize();
        this.random = random;
        this.now = now;
        // Signatures in JSONata's notation; the library checks them and reports T0410 on a mismatch.
        define("partition", "<an?:a>", this::partition);
        define("range", "<nnn?:a<n>>", this::range);
        define("hash", "<ss?:s>", this::hash);
        define("random", "<n?:n>", this::random);
        define("uuid", "<:s>", args -> uuid());
        define("parse", "<s:x>", this::parse);
        define("now", "<s?s?:s>", this::now);
        define("millis", "<:n>", args -> now.toEpochMilli());
        define("shuffle", "<a:a>", this::shuffle);
        define("pad", "<s-ns?:s>", this::pad);
        define("join", "<a<s>s?:s>", this::join);
        define("replace", "<s-(sf)(sf)n?:s>", this::replace);
        define("string", "<x-b?:s>", this::string);
        define("number", "<(nsb)-:n>", this::number);
    }

    private interface Body {
        Object apply(List<?> args) throws Throwable;
    }

    private void define(String name, String signature, Body body) {
        functions.put(name, new Jsonata.JFunction((input, args) -> body.apply(args), signature));
    }

    private static Jsonata.JFunction library(String name) {
        return (Jsonata.JFunction) Jsonata.jsonata("$" + name).evaluate(null);
    }

    /** Binds every function into an evaluation frame, and unbinds $eval. */
    void bindInto(Jsonata.Frame frame) {
        functions.forEach(frame::bind);
        frame.bind("eval", (Object) null);
    }

    private static Object arg(List<?> args, int index) {
        return index < args.size() ? args.get(index) : null;
    }

    /** A JSONata-style error for a function: code D3137 is what jsonata-js gives thrown errors. */
    private static JException error(String message) {
        return new JException("D3137", -1, message);
    }

    // ---- the functions Step Functions adds ----------------------------------------------------

    /** {@code $partition(array, size)}: chunks of {@code size} elements, the last one shorter; like States.ArrayPartition. */
    private Object partition(List<?> args) {
        List<?> array = (List<?>) arg(args, 0);
        if (array == null || array.isEmpty()) {
            return null;
        }
        Object sizeArg = arg(args, 1);
        if (sizeArg == null) {
            return new ArrayList<>(List.of(new ArrayList<>(array)));
        }
        long size = ((Number) sizeArg).longValue();
        if (size < 0) {
            throw error("The chunk size of $partition must be zero or greater, not " + sizeArg);
        }
        if (size == 0) {
            return null;
        }
        List<Object> chunks = new ArrayList<>();
        for (int from = 0; from < array.size(); from += (int) Math.min(size, array.size())) {
            chunks.add(new ArrayList<>(array.subList(from, (int) Math.min(array.size(), from + size))));
        }
        return chunks;
    }

    /**
     * {@code $range(start, end, step)}: start, start + step, ... up to and including end; like
     * States.ArrayRange. A sequence, so a single element comes back as itself (AWS:
     * {@code $range(1, 9, 9)} is {@code 1}).
     */
    private Object range(List<?> args) {
        Object stepArg = arg(args, 2);
        if (stepArg == null) {
            return null;
        }
        long start = ((Number) args.get(0)).longValue();
        long end = ((Number) args.get(1)).longValue();
        long step = ((Number) stepArg).longValue();
        if (step == 0 || (step > 0 && start > end) || (step < 0 && start < end)) {
            return null;
        }
        // Counted in doubles: (end - start) can overflow a long, and only the order of magnitude matters here.
        double count = Math.floor(((double) end - (double) start) / step) + 1;
        if (count * JsonataLimits.SCALAR_SIZE > maxValueSize) {
            throw new EvaluationBounds.LimitExceeded("$range would produce " + (long) count
                    + " numbers, more than an evaluation step may produce");
        }
        List<Object> sequence = Utils.createSequence();
        for (long i = 0, v = start; i < count; i++, v += step) {
            sequence.add(v);
        }
        return sequence;
    }

    /** {@code $hash(value, algorithm)}: the hexadecimal digest of the UTF-8 text; like States.Hash. */
    private Object hash(List<?> args) throws NoSuchAlgorithmException {
        String value = (String) args.get(0);
        String algorithm = (String) arg(args, 1);
        if (algorithm == null) {
            return null;
        }
        if (!HASH_ALGORITHMS.contains(algorithm)) {
            throw error("The hash algorithm '" + algorithm + "' is not supported; use one of MD5, SHA-1, SHA-256, SHA-384, SHA-512");
        }
        return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(value.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * {@code $random()} and {@code $random(seed)}: a number in [0, 1). A seeded call is
     * reproducible and matches AWS, which draws the first double of {@code java.util.Random(seed)}
     * ({@code $random(42)} is 0.7275636800328681).
     */
    private Object random(List<?> args) {
        Object seed = arg(args, 0);
        if (seed == null) {
            return random.nextDouble();
        }
        return new Random(((Number) seed).longValue()).nextDouble();
    }

    /** {@code $uuid()}: a version 4 UUID. */
    private Object uuid() {
        long msb = (random.nextLong() & 0xffffffffffff0fffL) | 0x0000000000004000L;
        long lsb = (random.nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L;
        return new UUID(msb, lsb).toString();
    }

    /** {@code $parse(text)}: the JSON value the text holds ({@code $eval} is not available on AWS). */
    private Object parse(List<?> args) {
        String text = (String) arg(args, 0);
        if (text == null) {
            return null;
        }
        JsonNode parsed;
        try {
            parsed = Json.parse(text);
        } catch (JsonProcessingException e) {
            throw error("The argument of $parse is not valid JSON: " + e.getOriginalMessage());
        }
        if (parsed == null || parsed.isMissingNode()) {
            throw error("The argument of $parse is not valid JSON: it is empty");
        }
        return JsonataValues.toJsonata(parsed);
    }

    // ---- library functions made deterministic --------------------------------------------------

    /** {@code $now(picture?, timezone?)}: the evaluation's time, ISO-8601 with milliseconds by default. */
    private Object now(List<?> args) {
        String picture = (String) arg(args, 0);
        String timezone = (String) arg(args, 1);
        if (picture == null && timezone == null) {
            return ContextObject.TIMESTAMP.format(now);
        }
        return Functions.dateTimeFromMillis(now.toEpochMilli(), picture, timezone);
    }

    private Object shuffle(List<?> args) {
        List<?> array = (List<?>) arg(args, 0);
        if (array == null) {
            return null;
        }
        List<Object> shuffled = new ArrayList<>(array);
        for (int i = shuffled.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            Object t = shuffled.get(i);
            shuffled.set(i, shuffled.get(j));
            shuffled.set(j, t);
        }
        return shuffled;
    }

    // ---- library functions bounded before they run ---------------------------------------------

    private void checkSize(String function, long size) {
        if (size > maxValueSize) {
            throw new EvaluationBounds.LimitExceeded("$" + function + " would produce a value of size " + size
                    + ", more than the " + maxValueSize + " an evaluation step may produce");
        }
    }

    /**
     * {@code $pad(str, width [, char])}, as JSONata defines it (positive width pads on the right, negative
     * on the left, the padding cut to size when {@code char} is longer than one character), built in
     * linear time: the library's version appends one padding character at a time to an immutable
     * string, quadratic in the width, which the evaluation timeout cannot interrupt.
     */
    private Object pad(List<?> args) throws Throwable {
        Object text = arg(args, 0);
        Object width = arg(args, 1);
        if (!(text instanceof String str) || !(width instanceof Number n)) {
            return LIBRARY_PAD.call(null, args);
        }
        long target = Math.abs(n.longValue());
        checkSize("pad", target);
        String fill = arg(args, 2) instanceof String c && !c.isEmpty() ? c : " ";
        int length = str.codePointCount(0, str.length());
        long missing = target - length;
        if (missing <= 0) {
            return str;
        }
        String padding = fill.repeat((int) Math.ceil((double) missing / fill.codePointCount(0, fill.length())));
        padding = padding.substring(0, padding.offsetByCodePoints(0, (int) missing));
        return n.longValue() > 0 ? str + padding : padding + str;
    }

    private Object join(List<?> args) throws Throwable {
        Object strings = arg(args, 0);
        String separator = arg(args, 1) instanceof String s ? s : "";
        if (strings instanceof List<?> list) {
            long size = (long) Math.max(0, list.size() - 1) * separator.length();
            for (Object s : list) {
                size += s instanceof String text ? text.length() : 0;
            }
            checkSize("join", size);
        }
        return LIBRARY_JOIN.call(null, args);
    }

    private Object replace(List<?> args) throws Throwable {
        String text = (String) arg(args, 0);
        Object pattern = arg(args, 1);
        Object replacement = arg(args, 2);
        if (text != null && replacement instanceof String with) {
            long matches = pattern instanceof String p ? occurrences(text, p) : pattern instanceof java.util.regex.Pattern regex
                    ? regex.matcher(text).results().count() : 0;
            if (arg(args, 3) instanceof Number limit) {
                matches = Math.min(matches, Math.max(0, limit.longValue()));
            }
            checkSize("replace", text.length() + matches * with.length());
        }
        return LIBRARY_REPLACE.call(null, args);
    }

    private static long occurrences(String text, String pattern) {
        if (pattern.isEmpty()) {
            return 0;
        }
        long count = 0;
        for (int i = text.indexOf(pattern); i >= 0; i = text.indexOf(pattern, i + pattern.length())) {
            count++;
        }
        return count;
    }

    private Object string(List<?> args) throws Throwable {
        if (Boolean.TRUE.equals(arg(args, 1))) {
            // Pretty-printing indents each line by its depth: bound the indentation too.
            checkSize("string", prettySize(arg(args, 0), 0, 0));
        }
        return LIBRARY_STRING.call(null, args);
    }

    private long prettySize(Object value, int depth, long sofar) {
        long size = sofar + 2L * depth + JsonataLimits.SCALAR_SIZE;
        if (size > maxValueSize || depth > Json.MAX_DEPTH) {
            return maxValueSize + 1;
        }
        if (value instanceof String s) {
            return size + s.length();
        }
        if (value instanceof List<?> list) {
            for (Object element : list) {
                size = prettySize(element, depth + 1, size);
                if (size > maxValueSize) {
                    return size;
                }
            }
        } else if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                size = prettySize(e.getValue(), depth + 1, size + String.valueOf(e.getKey()).length());
                if (size > maxValueSize) {
                    return size;
                }
            }
        }
        return size;
    }

    /** The library throws a bare NumberFormatException for text that is not a number; JSONata's error is D3030. */
    private Object number(List<?> args) {
        Object value = arg(args, 0);
        try {
            return Functions.number(value);
        } catch (NumberFormatException e) {
            throw new JException("D3030", -1, value);
        }
    }
}
