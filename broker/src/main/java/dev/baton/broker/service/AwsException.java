package dev.baton.broker.service;

/**
 * An API error as AWS Step Functions reports it: AWS's error name (e.g. {@code ExecutionDoesNotExist})
 * and a message a person can act on. Expected client errors; never logged with a stack trace.
 */
public final class AwsException extends RuntimeException {
    private final String errorName;

    public AwsException(String errorName, String message) {
        super(message, null, false, false);
        this.errorName = errorName;
    }

    public String errorName() {
        return errorName;
    }

    public static AwsException invalidArn(String message) {
        return new AwsException("InvalidArn", "Invalid Arn: '" + message + "'");
    }

    public static AwsException invalidName(String name) {
        return new AwsException("InvalidName", "Invalid Name: '" + name + "'");
    }

    public static AwsException validation(String message) {
        return new AwsException("ValidationException", message);
    }

    public static AwsException invalidToken(String message) {
        return new AwsException("InvalidToken", "Invalid Token: '" + message + "'");
    }

    public static AwsException stateMachineDoesNotExist(String arn) {
        return new AwsException("StateMachineDoesNotExist", "State Machine Does Not Exist: '" + arn + "'");
    }

    public static AwsException activityDoesNotExist(String arn) {
        return new AwsException("ActivityDoesNotExist", "Activity Does Not Exist: '" + arn + "'");
    }

    public static AwsException executionDoesNotExist(String arn) {
        return new AwsException("ExecutionDoesNotExist", "Execution Does Not Exist: '" + arn + "'");
    }

    public static AwsException mapRunDoesNotExist(String arn) {
        return new AwsException("ResourceNotFound", "Resource not found: 'Map Run " + arn + " does not exist'");
    }

    public static AwsException taskTimedOut() {
        return new AwsException("TaskTimedOut", "Task Timed Out: 'Provided task does not exist anymore'");
    }

    public static AwsException internal() {
        return new AwsException("InternalFailure",
                "The broker failed to process the request; the failure is in its log. Retry the request.");
    }

    public static AwsException unavailable(String message) {
        return new AwsException("ServiceUnavailable", message);
    }
}
