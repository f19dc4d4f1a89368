package dev.baton.broker.service;

/**
 * ARNs in AWS's form, for this broker's region and account:
 * {@code arn:aws:states:REGION:ACCOUNT:stateMachine:NAME}, {@code ...:activity:NAME},
 * {@code ...:execution:STATE_MACHINE_NAME:EXECUTION_NAME}; a map run's
 * {@code ...:mapRun:STATE_MACHINE_NAME/LABEL:ID} and its child executions'
 * {@code ...:execution:STATE_MACHINE_NAME/LABEL:ID} (made by the interpreter).
 */
public final class Arns {
    /** What an execution ARN names. */
    public record ExecutionName(String stateMachineName, String executionName) {
    }

    private final String prefix;
    private final String lambdaPrefix;

    public Arns(String region, String account) {
        this.prefix = "arn:aws:states:" + region + ":" + account + ":";
        this.lambdaPrefix = "arn:aws:lambda:" + region + ":" + account + ":function:";
    }

    /** A Lambda function's unqualified ARN in this broker's region and account. */
    public String function(String name) {
        return lambdaPrefix + name;
    }

    public String stateMachine(String name) {
        return prefix + "stateMachine:" + name;
    }

    public String activity(String name) {
        return prefix + "activity:" + name;
    }

    public String execution(String stateMachineName, String executionName) {
        return prefix + "execution:" + stateMachineName + ":" + executionName;
    }

    /** The name in a state machine ARN; InvalidArn when it is not one. */
    public String parseStateMachine(String arn) {
        return parseSimple(arn, "stateMachine");
    }

    /** The name in an activity ARN; InvalidArn when it is not one. */
    public String parseActivity(String arn) {
        return parseSimple(arn, "activity");
    }

    public ExecutionName parseExecution(String arn) {
        String[] parts = split(arn);
        if (parts.length != 8 || !parts[5].equals("execution")) {
            throw AwsException.invalidArn("Resource type not valid in this context: " + resourceType(parts)
                    + " (expected an execution ARN: arn:aws:states:REGION:ACCOUNT:execution:STATE_MACHINE_NAME:EXECUTION_NAME)");
        }
        return new ExecutionName(parts[6], parts[7]);
    }

    /**
     * Checks a map run ARN ({@code arn:aws:states:REGION:ACCOUNT:mapRun:STATE_MACHINE/LABEL:ID});
     * InvalidArn when it is not one.
     */
    public void parseMapRun(String arn) {
        String[] parts = split(arn);
        if (parts.length != 8 || !parts[5].equals("mapRun") || !parts[6].contains("/")) {
            throw AwsException.invalidArn("Resource type not valid in this context: " + resourceType(parts)
                    + " (expected a map run ARN: arn:aws:states:REGION:ACCOUNT:mapRun:STATE_MACHINE_NAME/LABEL:ID)");
        }
    }

    /** True when a well-formed ARN belongs to this broker's region and account (else it cannot exist here). */
    public boolean isLocal(String arn) {
        return arn.startsWith(prefix);
    }

    private String parseSimple(String arn, String type) {
        String[] parts = split(arn);
        if (parts.length != 7 || !parts[5].equals(type)) {
            throw AwsException.invalidArn("Resource type not valid in this context: " + resourceType(parts)
                    + " (expected arn:aws:states:REGION:ACCOUNT:" + type + ":NAME)");
        }
        return parts[6];
    }

    private static String resourceType(String[] parts) {
        return parts.length > 5 ? parts[5] : "none";
    }

    private static String[] split(String arn) {
        if (arn == null || arn.isEmpty()) {
            throw AwsException.invalidArn("An ARN is required");
        }
        if (arn.length() > 2048) {
            throw AwsException.invalidArn("ARN is longer than 2048 characters");
        }
        String[] parts = arn.split(":", -1);
        if (parts.length < 6 || !parts[0].equals("arn") || !parts[1].startsWith("aws") || !parts[2].equals("states")
                || parts[3].isEmpty() || parts[4].isEmpty()) {
            throw AwsException.invalidArn("Unable to parse ARN: " + arn);
        }
        for (int i = 5; i < parts.length; i++) {
            if (parts[i].isEmpty()) {
                throw AwsException.invalidArn("Unable to parse ARN: " + arn);
            }
        }
        return parts;
    }
}
