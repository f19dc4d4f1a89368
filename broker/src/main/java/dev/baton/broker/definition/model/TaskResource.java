package dev.baton.broker.definition.model;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A Task state's Resource, classified. */
public sealed interface TaskResource {
    /** The Resource text as written. */
    String arn();

    /** {@code arn:aws:states:REGION:ACCOUNT:activity:NAME}. */
    record Activity(String arn) implements TaskResource {
    }

    /** {@code arn:aws:lambda:REGION:ACCOUNT:function:NAME[:QUALIFIER]}. */
    record LambdaFunction(String arn, String functionName) implements TaskResource {
    }

    /**
     * An optimised integration {@code arn:aws:states:::SERVICE:ACTION[.sync|.sync:2|.waitForTaskToken]}
     * (e.g. {@code lambda:invoke}, {@code states:startExecution.sync:2}, {@code http:invoke}), or an
     * AWS SDK integration {@code arn:aws:states:::aws-sdk:SERVICE:ACTION[...]} (then {@code sdk} is true
     * and {@code service} is the SDK service name). {@code action} is without the pattern suffix.
     */
    record ServiceIntegration(String arn, String service, String action, IntegrationPattern pattern, boolean sdk)
            implements TaskResource {
    }

    /** How Step Functions waits for a service integration. */
    enum IntegrationPattern {
        REQUEST_RESPONSE(""),
        RUN_JOB(".sync"),
        RUN_JOB_V2(".sync:2"),
        WAIT_FOR_TASK_TOKEN(".waitForTaskToken");

        private final String suffix;

        IntegrationPattern(String suffix) {
            this.suffix = suffix;
        }

        /** The Resource suffix that selects the pattern. */
        public String suffix() {
            return suffix;
        }
    }

    // Partitions: aws, aws-cn, aws-us-gov, aws-iso*, ...
    Pattern ACTIVITY = Pattern.compile("^arn:aws[a-z-]*:states:[a-z0-9-]+:\\d{12}:activity:([A-Za-z0-9_.~-]{1,80})$");
    Pattern LAMBDA = Pattern.compile("^arn:aws[a-z-]*:lambda:[a-z0-9-]+:\\d{12}:function:([A-Za-z0-9_-]{1,64})(:[A-Za-z0-9$_-]+)?$");
    Pattern SERVICE = Pattern.compile("^arn:aws[a-z-]*:states:::([A-Za-z0-9-]+):([A-Za-z0-9]+(?::[A-Za-z0-9]+)?)"
            + "(\\.sync:2|\\.sync|\\.waitForTaskToken)?$");
    Pattern SDK = Pattern.compile("^arn:aws[a-z-]*:states:::aws-sdk:([A-Za-z0-9-]+):([A-Za-z0-9]+)"
            + "(\\.sync:2|\\.sync|\\.waitForTaskToken)?$");

    /** Classifies a Resource, or returns null when it is none of the forms ASL knows. */
    static TaskResource classify(String arn) {
        if (arn == null) {
            return null;
        }
        Matcher m = ACTIVITY.matcher(arn);
        if (m.matches()) {
            return new Activity(arn);
        }
        m = LAMBDA.matcher(arn);
        if (m.matches()) {
            return new LambdaFunction(arn, m.group(1));
        }
        m = SDK.matcher(arn);
        if (m.matches()) {
            return new ServiceIntegration(arn, m.group(1), m.group(2), pattern(m.group(3)), true);
        }
        m = SERVICE.matcher(arn);
        if (m.matches()) {
            return new ServiceIntegration(arn, m.group(1), m.group(2), pattern(m.group(3)), false);
        }
        return null;
    }

    private static IntegrationPattern pattern(String suffix) {
        if (suffix == null) {
            return IntegrationPattern.REQUEST_RESPONSE;
        }
        for (IntegrationPattern p : IntegrationPattern.values()) {
            if (p.suffix.equals(suffix)) {
                return p;
            }
        }
        return IntegrationPattern.REQUEST_RESPONSE;
    }
}
