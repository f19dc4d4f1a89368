package dev.baton.broker.interpreter;

/** AWS Step Functions' history event types, each with the key AWS uses for its details object. */
public enum EventType {
    ActivityFailed("activityFailedEventDetails"),
    ActivityScheduled("activityScheduledEventDetails"),
    ActivityScheduleFailed("activityScheduleFailedEventDetails"),
    ActivityStarted("activityStartedEventDetails"),
    ActivitySucceeded("activitySucceededEventDetails"),
    ActivityTimedOut("activityTimedOutEventDetails"),
    ChoiceStateEntered("stateEnteredEventDetails"),
    ChoiceStateExited("stateExitedEventDetails"),
    ExecutionAborted("executionAbortedEventDetails"),
    ExecutionFailed("executionFailedEventDetails"),
    ExecutionStarted("executionStartedEventDetails"),
    ExecutionSucceeded("executionSucceededEventDetails"),
    ExecutionTimedOut("executionTimedOutEventDetails"),
    ExecutionRedriven("executionRedrivenEventDetails"),
    FailStateEntered("stateEnteredEventDetails"),
    LambdaFunctionFailed("lambdaFunctionFailedEventDetails"),
    LambdaFunctionScheduled("lambdaFunctionScheduledEventDetails"),
    LambdaFunctionScheduleFailed("lambdaFunctionScheduleFailedEventDetails"),
    LambdaFunctionStarted(null),
    LambdaFunctionStartFailed("lambdaFunctionStartFailedEventDetails"),
    LambdaFunctionSucceeded("lambdaFunctionSucceededEventDetails"),
    LambdaFunctionTimedOut("lambdaFunctionTimedOutEventDetails"),
    MapIterationAborted("mapIterationAbortedEventDetails"),
    MapIterationFailed("mapIterationFailedEventDetails"),
    MapIterationStarted("mapIterationStartedEventDetails"),
    MapIterationSucceeded("mapIterationSucceededEventDetails"),
    MapRunAborted(null),
    MapRunFailed("mapRunFailedEventDetails"),
    MapRunRedriven("mapRunRedrivenEventDetails"),
    MapRunStarted("mapRunStartedEventDetails"),
    MapRunSucceeded(null),
    MapStateAborted(null),
    MapStateEntered("stateEnteredEventDetails"),
    MapStateExited("stateExitedEventDetails"),
    MapStateFailed(null),
    MapStateStarted("mapStateStartedEventDetails"),
    MapStateSucceeded(null),
    ParallelStateAborted(null),
    ParallelStateEntered("stateEnteredEventDetails"),
    ParallelStateExited("stateExitedEventDetails"),
    ParallelStateFailed(null),
    ParallelStateStarted(null),
    ParallelStateSucceeded(null),
    PassStateEntered("stateEnteredEventDetails"),
    PassStateExited("stateExitedEventDetails"),
    SucceedStateEntered("stateEnteredEventDetails"),
    SucceedStateExited("stateExitedEventDetails"),
    TaskFailed("taskFailedEventDetails"),
    TaskScheduled("taskScheduledEventDetails"),
    TaskStarted("taskStartedEventDetails"),
    TaskStartFailed("taskStartFailedEventDetails"),
    TaskStateAborted(null),
    TaskStateEntered("stateEnteredEventDetails"),
    TaskStateExited("stateExitedEventDetails"),
    TaskSubmitFailed("taskSubmitFailedEventDetails"),
    TaskSubmitted("taskSubmittedEventDetails"),
    TaskSucceeded("taskSucceededEventDetails"),
    TaskTimedOut("taskTimedOutEventDetails"),
    WaitStateAborted(null),
    WaitStateEntered("stateEnteredEventDetails"),
    WaitStateExited("stateExitedEventDetails"),
    EvaluationFailed("evaluationFailedEventDetails");

    private final String detailsKey;

    EventType(String detailsKey) {
        this.detailsKey = detailsKey;
    }

    /** The member name of this event's details in AWS's HistoryEvent, or null when it has none. */
    public String detailsKey() {
        return detailsKey;
    }

    /** The StateEntered event type of an ASL state type ("Pass" -> PassStateEntered). */
    public static EventType entered(String stateType) {
        return ENTERED.get(stateType);
    }

    /** The StateExited event type of an ASL state type; Fail states have none. */
    public static EventType exited(String stateType) {
        return EXITED.get(stateType);
    }

    // Looked up for every state a run enters and leaves: computed once, not by building names each time.
    private static final java.util.Map<String, EventType> ENTERED = byStateType("StateEntered");
    private static final java.util.Map<String, EventType> EXITED = byStateType("StateExited");

    private static java.util.Map<String, EventType> byStateType(String suffix) {
        java.util.Map<String, EventType> map = new java.util.HashMap<>();
        for (EventType type : values()) {
            if (type.name().endsWith(suffix)) {
                map.put(type.name().substring(0, type.name().length() - suffix.length()), type);
            }
        }
        return java.util.Map.copyOf(map);
    }
}
