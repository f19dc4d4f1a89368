package dev.baton.broker.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.broker.dataflow.PayloadLimit;
import dev.baton.broker.dataflow.jsonata.JsonataTemplate;
import dev.baton.broker.dataflow.jsonata.QueryEvaluationException;
import dev.baton.broker.dataflow.PayloadTemplate;
import dev.baton.broker.definition.model.DynamicValue;
import dev.baton.broker.definition.model.State;
import dev.baton.broker.definition.model.TaskResource;
import dev.baton.broker.definition.model.TaskState;

/**
 * A Task state. Its effective input (InputPath, Parameters, with {@code $$.Task.Token}) goes to the
 * work its Resource names, under a new task token:
 * <ul>
 *   <li>an activity: offered to the activity's pollers (ActivityScheduled/Started/Succeeded/...);</li>
 *   <li>a Lambda function ARN: offered to the function's pollers (LambdaFunctionScheduled/...);</li>
 *   <li>{@code lambda:invoke} and {@code lambda:invoke.waitForTaskToken}: likewise, with AWS's invoke
 *       response around the function's result (see {@link LambdaInvocation});</li>
 *   <li>{@code states:startExecution} with any pattern: a child execution (see {@link ChildExecutions});</li>
 *   <li>{@code aws-sdk:sfn:ACTION}: a Step Functions API call the broker makes (see {@link SfnApiCalls}).</li>
 * </ul>
 * TimeoutSeconds counts from scheduling and HeartbeatSeconds from the moment the work starts, each
 * as a durable timer; a heartbeat re-arms the heartbeat timer. Any other Resource fails the state
 * with States.Runtime, saying what Baton runs instead.
 */
final class TaskStep {
    private TaskStep() {
    }

    /** What a Task state's Resource asks Baton to do. */
    enum Kind {
        ACTIVITY, FUNCTION, LAMBDA_INVOKE, START_EXECUTION, SFN_API;

        /** The kind of a Resource, or null when Baton does not run it. */
        static Kind of(TaskResource resource) {
            return switch (resource) {
                case TaskResource.Activity a -> ACTIVITY;
                case TaskResource.LambdaFunction f -> FUNCTION;
                case TaskResource.ServiceIntegration s when !s.sdk() && s.service().equals("lambda")
                        && s.action().equals("invoke")
                        && (s.pattern() == TaskResource.IntegrationPattern.REQUEST_RESPONSE
                        || s.pattern() == TaskResource.IntegrationPattern.WAIT_FOR_TASK_TOKEN) -> LAMBDA_INVOKE;
                case TaskResource.ServiceIntegration s when !s.sdk() && s.service().equals("states")
                        && s.action().equals("startExecution") -> START_EXECUTION;
                case TaskResource.ServiceIntegration s when s.sdk() && s.service().equals("sfn")
                        && SfnApiCalls.supports(s.action())
                        && (s.pattern() == TaskResource.IntegrationPattern.REQUEST_RESPONSE
                        || s.pattern() == TaskResource.IntegrationPattern.WAIT_FOR_TASK_TOKEN) -> SFN_API;
                default -> null;
            };
        }
    }

    static Kind kind(State state) {
        return state instanceof TaskState t ? Kind.of(t.resource()) : null;
    }

    /** True for a states:startExecution.sync or .sync:2 task, which waits for its child to end. */
    static boolean waitsForChild(State state) {
        return kind(state) == Kind.START_EXECUTION && pattern((TaskState) state).suffix().startsWith(".sync");
    }

    static TaskResource.IntegrationPattern pattern(TaskState task) {
        return task.resource() instanceof TaskResource.ServiceIntegration s ? s.pattern()
                : TaskResource.IntegrationPattern.REQUEST_RESPONSE;
    }

    /** {@code resourceType} of a service integration's events: the service, {@code aws-sdk:SERVICE} for SDK ones. */
    static String resourceType(TaskState task) {
        TaskResource.ServiceIntegration s = (TaskResource.ServiceIntegration) task.resource();
        return s.sdk() ? "aws-sdk:" + s.service() : s.service();
    }

    /** {@code resource} of a service integration's events: the action with its pattern suffix. */
    static String resourceName(TaskState task) {
        TaskResource.ServiceIntegration s = (TaskResource.ServiceIntegration) task.resource();
        return s.action() + s.pattern().suffix();
    }

    static Outcome start(Decider d, RunState run, TaskState task) {
        Kind kind = Kind.of(task.resource());
        if (kind == null) {
            throw StateFailure.runtime(run, unsupported(task.resource()));
        }
        String token = d.tokens.issue(d.s.executionId, ++d.s.sequence);
        StateContext context = d.context(run, task, token, null);
        // TimeoutSecondsPath/HeartbeatSecondsPath read the input after InputPath; JSONata reads $states.input.
        JsonNode rawInput = DataFlow.jsonata(task) ? run.stateInput : DataFlow.inputPath(task.io(), run.stateInput, context);
        JsonNode effective = DataFlow.effectiveInput(task, run.stateInput, context);
        PayloadLimit.checkStateResult(task.name(), effective);
        Long timeout = seconds(run, task.timeoutSeconds(), "TimeoutSeconds", rawInput, context);
        Long heartbeat = seconds(run, task.heartbeatSeconds(), "HeartbeatSeconds", rawInput, context);
        EventDetails.TaskCredentials credentials = credentials(task, rawInput, context);
        String timeoutTimer = timeout == null ? null
                : d.startTimer(run, ExecutionSnapshot.TimerKind.TASK_TIMEOUT, d.now + timeout * 1000L);
        switch (kind) {
            case ACTIVITY -> {
                String activity = task.resource().arn();
                run.task = new RunState.PendingTask(token, activity, effective, timeout, heartbeat, false, timeoutTimer, null);
                d.scheduleTask(token, activity, effective, heartbeat);
                d.event(run, EventType.ActivityScheduled, new EventDetails.ActivityScheduled(activity, effective,
                        EventDetails.DataDetails.NOT_TRUNCATED, timeout, heartbeat));
            }
            case FUNCTION -> {
                String queue = LambdaInvocation.queue(d, ((TaskResource.LambdaFunction) task.resource()).functionName());
                run.task = new RunState.PendingTask(token, queue, effective, timeout, heartbeat, false, timeoutTimer, null);
                d.scheduleTask(token, queue, effective, heartbeat);
                d.event(run, EventType.LambdaFunctionScheduled, new EventDetails.LambdaFunctionScheduled(
                        task.resource().arn(), effective, EventDetails.DataDetails.NOT_TRUNCATED, timeout, credentials));
            }
            case LAMBDA_INVOKE, START_EXECUTION, SFN_API -> {
                run.task = new RunState.PendingTask(token, null, effective, timeout, heartbeat, false, timeoutTimer, null);
                d.event(run, EventType.TaskScheduled, new EventDetails.TaskScheduled(resourceType(task),
                        resourceName(task), Arns.region(d.s.executionArn), effective, timeout, heartbeat, credentials));
                return switch (kind) {
                    case LAMBDA_INVOKE -> LambdaInvocation.schedule(d, run, task, effective);
                    case START_EXECUTION -> ChildExecutions.start(d, run, task, effective);
                    default -> SfnApiCalls.call(d, run, task, effective);
                };
            }
        }
        return Outcome.WAITING;
    }

    private static String unsupported(TaskResource resource) {
        String supported = " Baton runs activities, Lambda function ARNs and arn:aws:states:::lambda:invoke"
                + "[.waitForTaskToken] (served by function workers), arn:aws:states:::states:startExecution"
                + "[.sync|.sync:2|.waitForTaskToken], and arn:aws:states:::aws-sdk:sfn:ACTION for "
                + String.join(", ", SfnApiCalls.ACTIONS) + ".";
        if (resource instanceof TaskResource.ServiceIntegration s
                && s.pattern() == TaskResource.IntegrationPattern.WAIT_FOR_TASK_TOKEN) {
            return "The resource '" + s.arn() + "' is not supported by this version of Baton: it has no '"
                    + s.service() + "' service to carry the task token. Hand the token to another system with "
                    + "arn:aws:states:::lambda:invoke.waitForTaskToken and a function worker, or with an activity."
                    + supported;
        }
        return "The resource '" + resource.arn() + "' is not supported by this version of Baton." + supported;
    }

    /** The work started: a poller took the task (recorded once), or a call the broker made answered. */
    static void started(Decider d, RunState run, String workerName) {
        if (run.task.started()) {
            // A redelivery after a broker crash: the first hand-off may never have reached its worker.
            // The task is already recorded as started; whichever worker completes it first wins.
            return;
        }
        markStarted(d, run, workerName);
        d.claimTask(run.task.queuedToken(), run.task.resource());
    }

    /** Records the Started event of the run's task, and arms its heartbeat timer. */
    static void markStarted(Decider d, RunState run, String workerName) {
        TaskState task = (TaskState) d.stateOf(run);
        run.task = run.task.withStarted(true);
        switch (Kind.of(task.resource())) {
            // A poller that gave no worker name is recorded without one, as AWS does.
            case ACTIVITY -> d.event(run, EventType.ActivityStarted, new EventDetails.ActivityStarted(
                    workerName == null || workerName.isEmpty() ? null : workerName));
            case FUNCTION -> d.event(run, EventType.LambdaFunctionStarted, null);
            default -> d.event(run, EventType.TaskStarted,
                    new EventDetails.TaskStarted(resourceType(task), resourceName(task)));
        }
        if (run.task.heartbeatSeconds() != null) {
            run.task = run.task.withHeartbeatTimer(d.startTimer(run, ExecutionSnapshot.TimerKind.HEARTBEAT,
                    d.now + run.task.heartbeatSeconds() * 1000L));
        }
    }

    /** The poller that took the task went away before it received it: the task goes back to its queue. */
    static void returned(Decider d, RunState run) {
        if (!run.task.started() || run.task.resource() == null) {
            return;
        }
        run.task = run.task.withStarted(false);
        if (run.task.heartbeatTimer() != null) {
            d.cancelTimer(run.task.heartbeatTimer());
            run.task = run.task.withHeartbeatTimer(null);
        }
        d.releaseTask(run.task.queuedToken(), run.task.resource(), run.task.input());
    }

    /** SendTaskHeartbeat: the heartbeat time-out starts again. */
    static void heartbeat(Decider d, RunState run) {
        String timer = run.task.heartbeatTimer();
        if (timer == null) {
            return;
        }
        d.cancelTimer(timer);
        run.task = run.task.withHeartbeatTimer(d.startTimer(run, ExecutionSnapshot.TimerKind.HEARTBEAT,
                d.now + run.task.heartbeatSeconds() * 1000L));
    }

    /** SendTaskSuccess with the task's token (or, for lambda:invoke.waitForTaskToken, its invocation's). */
    static Outcome succeeded(Decider d, RunState run, TaskState task, String answeredToken, JsonNode result) {
        String token = run.task.token();
        recordStartIfLost(d, run);
        Kind kind = Kind.of(task.resource());
        if (!answeredToken.equals(token)) {
            // The function of a lambda:invoke.waitForTaskToken returned: the state waits on for its token.
            return LambdaInvocation.returned(d, run, task, result);
        }
        d.finishTask(run);
        JsonNode output = result;
        switch (kind) {
            case ACTIVITY -> d.event(run, EventType.ActivitySucceeded,
                    new EventDetails.ActivitySucceeded(result, EventDetails.DataDetails.NOT_TRUNCATED));
            case FUNCTION -> d.event(run, EventType.LambdaFunctionSucceeded,
                    new EventDetails.LambdaFunctionSucceeded(result, EventDetails.DataDetails.NOT_TRUNCATED));
            default -> {
                if (kind == Kind.LAMBDA_INVOKE && pattern(task) == TaskResource.IntegrationPattern.REQUEST_RESPONSE) {
                    output = LambdaInvocation.response(d, token, result);
                }
                succeededEvent(d, run, task, output);
            }
        }
        return complete(d, run, task, token, output);
    }

    /** The state's output from the task's result (JSONPath: ResultSelector, ResultPath, OutputPath; JSONata: Output). */
    static Outcome complete(Decider d, RunState run, TaskState task, String token, JsonNode result) {
        StateContext context = d.context(run, task, token, null);
        return DataFlow.withResult(task, run.stateInput, result, context, task.transition());
    }

    static void succeededEvent(Decider d, RunState run, TaskState task, JsonNode output) {
        d.event(run, EventType.TaskSucceeded, new EventDetails.TaskOutput(resourceType(task), resourceName(task), output,
                EventDetails.DataDetails.NOT_TRUNCATED));
    }

    /** SendTaskFailure with the task's token (or its invocation's: the function failed), or a failed call. */
    static Outcome failed(Decider d, RunState run, String error, String cause) {
        recordStartIfLost(d, run);
        TaskState task = (TaskState) d.stateOf(run);
        d.finishTask(run);
        switch (Kind.of(task.resource())) {
            case ACTIVITY -> d.event(run, EventType.ActivityFailed, new EventDetails.ErrorCause(error, cause));
            case FUNCTION -> d.event(run, EventType.LambdaFunctionFailed, new EventDetails.ErrorCause(error, cause));
            default -> d.event(run, EventType.TaskFailed,
                    new EventDetails.TaskError(resourceType(task), resourceName(task), error, cause));
        }
        return new Outcome.Failed(new StateFailure(error, cause));
    }

    /**
     * A worker answers for a task the history does not show as started: a broker crash lost the
     * hand-off's record after the worker got the task. The task was started (a worker holds its
     * token), so the history says so, without the worker's name, which is not known any more.
     */
    private static void recordStartIfLost(Decider d, RunState run) {
        if (!run.task.started()) {
            markStarted(d, run, null);
        }
    }

    /** TimeoutSeconds or HeartbeatSeconds passed: AWS records the time-out with States.Timeout. */
    static Outcome timedOut(Decider d, RunState run, boolean heartbeat) {
        if (run.task == null) {
            return Outcome.WAITING;
        }
        TaskState task = (TaskState) d.stateOf(run);
        d.releaseWaits(run);
        switch (Kind.of(task.resource())) {
            case ACTIVITY -> d.event(run, EventType.ActivityTimedOut, new EventDetails.ErrorCause(StateFailure.TIMEOUT, null));
            case FUNCTION -> d.event(run, EventType.LambdaFunctionTimedOut,
                    new EventDetails.ErrorCause(StateFailure.TIMEOUT, null));
            default -> d.event(run, EventType.TaskTimedOut,
                    new EventDetails.TaskError(resourceType(task), resourceName(task), StateFailure.TIMEOUT, null));
        }
        return new Outcome.Failed(heartbeat ? StateFailure.heartbeatTimeout() : new StateFailure(StateFailure.TIMEOUT, null));
    }

    /** The task's Credentials evaluated: {@code taskCredentials} of its Scheduled event, or null. */
    private static EventDetails.TaskCredentials credentials(TaskState task, JsonNode input, StateContext context) {
        JsonNode evaluated = switch (task.credentials()) {
            case PayloadTemplate template -> template.evaluate(input, context);
            case JsonataTemplate template -> template.evaluate(context.jsonata(), "Credentials");
            case null, default -> null;
        };
        JsonNode role = evaluated == null ? null : evaluated.path("RoleArn");
        return role != null && role.isTextual() ? new EventDetails.TaskCredentials(role.textValue()) : null;
    }

    /**
     * TimeoutSeconds/HeartbeatSeconds, given literally or read by their {@code Path} form from the
     * state's input (after InputPath); null when absent.
     */
    /** AWS's largest TimeoutSeconds/HeartbeatSeconds, as the definition's literal forms are checked. */
    static final long MAX_TIMEOUT_SECONDS = dev.baton.broker.definition.validate.Checks.MAX_SECONDS;

    private static Long seconds(RunState run, DynamicValue value, String field, JsonNode input, StateContext context) {
        if (value == null) {
            return null;
        }
        return switch (value) {
            case DynamicValue.Literal l -> l.value().asLong();
            case DynamicValue.FromPath p -> {
                JsonNode n = p.path().read(input, context);
                if (n == null) {
                    throw StateFailure.runtime(run, "The " + field + "Path parameter does not reference an input value: "
                            + p.path().text());
                }
                if (!n.isIntegralNumber() || !n.canConvertToLong() || n.longValue() <= 0) {
                    throw StateFailure.runtime(run, "The " + field + "Path parameter does not reference a positive "
                            + "integer: " + p.path().text() + " == " + WaitStep.shown(n));
                }
                if (n.longValue() > MAX_TIMEOUT_SECONDS) {
                    throw StateFailure.runtime(run, "The " + field + "Path parameter references a value above the maximum of "
                            + MAX_TIMEOUT_SECONDS + " seconds: " + p.path().text() + " == " + WaitStep.shown(n));
                }
                yield n.longValue();
            }
            case DynamicValue.FromIntrinsic i -> throw new IllegalStateException("only ErrorPath and CausePath take intrinsic functions");
            case DynamicValue.FromJsonata j -> {
                JsonNode n = j.expression().evaluate(context.jsonata(), field);
                if (!n.isIntegralNumber() || !n.canConvertToLong() || n.longValue() <= 0) {
                    throw new QueryEvaluationException(field, "The " + field + " field must be a positive integer, but was: "
                            + WaitStep.shown(n));
                }
                if (n.longValue() > MAX_TIMEOUT_SECONDS) {
                    throw new QueryEvaluationException(field, "The " + field + " field must be at most "
                            + MAX_TIMEOUT_SECONDS + " seconds, but was: " + WaitStep.shown(n));
                }
                yield n.longValue();
            }
        };
    }

    /** The region and account of this broker, read from an execution's ARN. */
    static final class Arns {
        private Arns() {
        }

        static String region(String executionArn) {
            return executionArn.split(":", 6)[3];
        }

        static String account(String executionArn) {
            return executionArn.split(":", 6)[4];
        }
    }
}
