package dev.baton.broker.interpreter;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Everything the interpreter needs to continue an execution: its identity, its status and the runs
 * (threads of control) in progress. The runtime persists it with every decision and restores it
 * after a restart. JSON values inside are never mutated once stored, so copies share them.
 *
 * <p>Mutable for speed, but the interpreter never changes a snapshot it is given: it works on a
 * {@link #copy()}.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
@JsonInclude(JsonInclude.Include.NON_NULL)
public final class ExecutionSnapshot {
    public long executionId;
    public String executionArn;
    public String name;
    public String stateMachineArn;
    public String stateMachineName;
    public String roleArn;
    /** Epoch ms. */
    public long startTime;
    public JsonNode input;
    /** The input exactly as the caller sent it (AWS reports it unchanged in ExecutionStarted and DescribeExecution). */
    public String inputText;

    /** The execution that started this one with {@code states:startExecution}, or null. */
    public Long parentExecutionId;
    /** The parent's task token for this execution, or null. */
    public String parentTaskToken;
    /** True when the parent waits for this execution to end ({@code .sync}, {@code .sync:2}, a map run's child). */
    public boolean parentWaits;
    /** The map run this execution is a child of (a distributed Map's iteration), or null. */
    public String mapRunArn;
    /**
     * For a map run's child: the JSON Pointer of the ItemProcessor it runs in the stored definition
     * (e.g. {@code /States/Fan/ItemProcessor}); null for an execution of a whole state machine.
     */
    public String processorPath;

    public ExecutionStatus status = ExecutionStatus.RUNNING;
    public JsonNode output;
    public String error;
    public String cause;
    /** Epoch ms; 0 while running. */
    public long stopTime;

    /** Id of the last history event. */
    public int lastEventId;
    /** Counter for task tokens and timer ids, so they are unique within the execution. */
    public int sequence;

    /** Runs in progress by id; the root run has id {@link RunState#ROOT}. */
    public Map<String, RunState> runs = new LinkedHashMap<>();

    /** How many times the execution was redriven, and when last (epoch ms, 0: never). */
    public int redriveCount;
    public long redriveTime;
    /**
     * Where a redrive resumes, as the execution stood when it failed, timed out or was stopped: the
     * top-level state it did not complete, that state's input and the variables; for a Parallel or
     * Map state, the results of the branches or iterations that succeeded and, recursively, where
     * each of the others stood (see {@link Redrives#resumePoint}). Null when the execution ended
     * before entering a state, or succeeded.
     */
    public RunState redriveRun;
    /**
     * Where a redrive resumes, as snapshots written before {@link #redriveRun} held it (the top-level
     * state, its input and the variables): read so that such executions can still be redriven.
     */
    public String redriveState;
    public JsonNode redriveInput;
    public Map<String, JsonNode> redriveVariables;
    /** Timers armed and not yet fired or cancelled, by id: what each one is for. */
    public Map<String, Timer> timers = new LinkedHashMap<>();

    /** Why a timer was armed. */
    public enum TimerKind {
        /** A Wait state's delay. */
        WAIT,
        /** A Retry back-off. */
        RETRY,
        /** A Task's TimeoutSeconds. */
        TASK_TIMEOUT,
        /** A Task's HeartbeatSeconds. */
        HEARTBEAT,
        /** The state machine's TimeoutSeconds. */
        EXECUTION_TIMEOUT
    }

    /** @param runId the run the timer belongs to; null for the execution's time-out */
    @JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
    public record Timer(String runId, TimerKind kind) {
    }

    public ExecutionSnapshot copy() {
        ExecutionSnapshot c = new ExecutionSnapshot();
        c.executionId = executionId;
        c.executionArn = executionArn;
        c.name = name;
        c.stateMachineArn = stateMachineArn;
        c.stateMachineName = stateMachineName;
        c.roleArn = roleArn;
        c.startTime = startTime;
        c.input = input;
        c.inputText = inputText;
        c.parentExecutionId = parentExecutionId;
        c.parentTaskToken = parentTaskToken;
        c.parentWaits = parentWaits;
        c.mapRunArn = mapRunArn;
        c.processorPath = processorPath;
        c.status = status;
        c.output = output;
        c.error = error;
        c.cause = cause;
        c.stopTime = stopTime;
        c.lastEventId = lastEventId;
        c.sequence = sequence;
        c.redriveCount = redriveCount;
        c.redriveTime = redriveTime;
        c.redriveRun = redriveRun == null ? null : redriveRun.copy();
        c.redriveState = redriveState;
        c.redriveInput = redriveInput;
        c.redriveVariables = redriveVariables;
        c.runs = new LinkedHashMap<>();
        runs.forEach((id, run) -> c.runs.put(id, run.copy()));
        c.timers = new LinkedHashMap<>(timers);
        return c;
    }
}
