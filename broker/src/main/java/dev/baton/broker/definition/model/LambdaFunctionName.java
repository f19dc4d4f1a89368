package dev.baton.broker.definition.model;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Lambda function as Lambda's Invoke names it (its {@code FunctionName}): a name
 * ({@code my-function}), a partial ARN ({@code 123456789012:function:my-function}) or a full ARN
 * ({@code arn:aws:lambda:us-east-1:123456789012:function:my-function}), each with an optional
 * qualifier (a version or alias: {@code my-function:prod}).
 *
 * <p>Baton serves one region and one account: a function is found by its name alone, and the
 * region and account written in an ARN are kept only to be reported back.
 *
 * @param region    the region of a full ARN, else null
 * @param account   the account of a partial or full ARN, else null
 * @param qualifier the version or alias, else null
 */
public record LambdaFunctionName(String region, String account, String name, String qualifier) {
    /** Lambda's rules for a function name and a qualifier. */
    private static final String NAME = "([a-zA-Z0-9_-]{1,64})";
    private static final String QUALIFIER = "(?::(\\$LATEST|[a-zA-Z0-9_-]{1,128}))?";
    private static final Pattern SHORT = Pattern.compile("^" + NAME + QUALIFIER + "$");
    private static final Pattern PARTIAL = Pattern.compile("^(\\d{12}):function:" + NAME + QUALIFIER + "$");
    private static final Pattern FULL = Pattern.compile(
            "^arn:aws[a-z-]*:lambda:([a-z0-9-]+):(\\d{12}):function:" + NAME + QUALIFIER + "$");
    /** Lambda's limit on a FunctionName. */
    public static final int MAX_LENGTH = 170;

    /** Parses a FunctionName; null when it is none of Lambda's forms. */
    public static LambdaFunctionName parse(String text) {
        if (text == null || text.isEmpty() || text.length() > MAX_LENGTH) {
            return null;
        }
        Matcher m = FULL.matcher(text);
        if (m.matches()) {
            return new LambdaFunctionName(m.group(1), m.group(2), m.group(3), m.group(4));
        }
        m = PARTIAL.matcher(text);
        if (m.matches()) {
            return new LambdaFunctionName(null, m.group(1), m.group(2), m.group(3));
        }
        m = SHORT.matcher(text);
        if (m.matches()) {
            return new LambdaFunctionName(null, null, m.group(1), m.group(2));
        }
        return null;
    }

    /**
     * The function's unqualified ARN in the given region and account: the queue its invocations
     * wait in, whatever region and account the definition wrote.
     */
    public String arn(String region, String account) {
        return "arn:aws:lambda:" + region + ":" + account + ":function:" + name;
    }
}
