package dev.baton.broker.definition.model;

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
     * and {@code service} is the SDK service name).
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
}
