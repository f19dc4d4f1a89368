package dev.baton.broker.interpreter;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One thread of control of an execution: the state machine's top level, a Parallel branch or a Map
 * iteration. It is in exactly one state at a time and may be waiting for something (a task, a timer,
 * its children).
 *
 * <p>Each run keeps AWS's event history context: {@link #source} is the previousEventId of the run's
 * next event and {@link #last} the id of the last event it published. A child run starts from its
 * parent's source, and when it ends its parent takes the later of both (AWS records, e.g., a Parallel
 * state's exit as following the last event of its branches).
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
@JsonInclude(JsonInclude.Include.NON_NULL)
public final class RunState {
    public static final String ROOT = "root";

    public String id;
    /** The run whose Parallel or Map state started this one; null for the root run. */
    public String parentId;
    /** The branch index (Parallel) or item index (Map) of a child run. */
    public int index;
    /**
     * True for the iterations of a distributed Map run inside the execution, as snapshots written
     * before map runs had child executions hold them: they record no events here.
     */
    public boolean silent;
    /** The Map worker slot the iteration runs in (its history context is passed on to the slot's next iteration). */
    public int slot;
    /** Events a silent run would have recorded: it fails at AWS's history limit like a child execution. */
    public int silentEvents;
    /**
     * True for the iterations of a distributed Map: like AWS's child workflows, they see none of the
     * variables of the scopes around them.
     */
    public boolean isolated;
    /**
     * The variables assigned in this run's own scope (Assign), by name, or null when none. Never
     * changed once stored (an assignment stores a new map), so copies share it.
     */
    public Map<String, JsonNode> variables;

    /** The state the run is in. */
    public String state;
    /** The state's input as it entered (before InputPath). */
    public JsonNode stateInput;
    /** Epoch ms when the current state was entered. */
    public long enteredTime;
    /** Id of the current state's StateEntered event (AWS quotes it in run-time error causes). */
    public int enteredEventId;
    /** previousEventId of the current state's StateEntered event. */
    public int enteredPreviousId;
    /** previousEventId of the run's next event. */
    public int source;
    /** Id of the last event the run published. */
    public int last;

    /** Retries of the current state so far ({@code $$.State.RetryCount}). */
    public int retryCount;
    /** Retries of the current state so far, by retrier index. */
    public Map<Integer, Integer> retryCounts;
    /** The activity task the run waits for, or null. */
    public PendingTask task;
    /** The Wait or retry back-off timer the run waits for, or null. */
    public String timerId;
    /** Progress of the run's Parallel or Map state, or null. */
    public Fork fork;
    /**
     * The progress of the current Parallel or Map state as it stood when its branches or iterations
     * failed it: a redrive re-runs only those that did not succeed (AWS). Null otherwise, and once
     * the state begins again (a retry) or another state is entered.
     */
    public Fork stoppedFork;

    public RunState() {
    }

    public RunState(String id) {
        this.id = id;
    }

    public RunState copy() {
        RunState c = new RunState(id);
        c.parentId = parentId;
        c.index = index;
        c.silent = silent;
        c.slot = slot;
        c.silentEvents = silentEvents;
        c.isolated = isolated;
        c.variables = variables;
        c.state = state;
        c.stateInput = stateInput;
        c.enteredTime = enteredTime;
        c.enteredEventId = enteredEventId;
        c.enteredPreviousId = enteredPreviousId;
        c.source = source;
        c.last = last;
        c.retryCount = retryCount;
        c.retryCounts = retryCounts == null ? null : new HashMap<>(retryCounts);
        c.task = task;
        c.timerId = timerId;
        c.fork = fork == null ? null : fork.copy();
        c.stoppedFork = stoppedFork == null ? null : stoppedFork.copy();
        return c;
    }

    /** Forgets everything about the current state (a new state is entered). */
    void resetState() {
        retryCount = 0;
        retryCounts = null;
        task = null;
        timerId = null;
        fork = null;
        stoppedFork = null;
    }

    /**
     * A task handed out under a token: an activity task, a function invocation, or a service call
     * the broker makes itself (a child execution, an AWS SDK call).
     *
     * @param token            the task token ({@code $$.Task.Token})
     * @param resource         the queue the task waits in for a worker (an activity's or a function's ARN), or
     *                         null for a call the broker makes itself
     * @param timeoutSeconds   TimeoutSeconds, or null
     * @param heartbeatSeconds HeartbeatSeconds, or null
     * @param started          true once a poller has it, or once the broker's call has started (the
     *                         Started event is recorded)
     * @param timeoutTimer     the TimeoutSeconds timer, or null
     * @param heartbeatTimer   the HeartbeatSeconds timer, or null
     * @param invocation       for {@code lambda:invoke.waitForTaskToken}: the token the function's invocation
     *                         is queued and answered under, apart from the task token the state waits for;
     *                         null when the two are one
     * @param submitted        true once TaskSubmitted is recorded (the call returned; the state waits on)
     * @param child            the child execution's ARN once it started ({@code states:startExecution}), or null
     */
    @JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PendingTask(String token, String resource, JsonNode input, Long timeoutSeconds, Long heartbeatSeconds,
                              boolean started, String timeoutTimer, String heartbeatTimer, String invocation,
                              boolean submitted, String child) {
        public PendingTask(String token, String resource, JsonNode input, Long timeoutSeconds, Long heartbeatSeconds,
                           boolean started, String timeoutTimer, String heartbeatTimer) {
            this(token, resource, input, timeoutSeconds, heartbeatSeconds, started, timeoutTimer, heartbeatTimer, null,
                    false, null);
        }

        public PendingTask withStarted(boolean started) {
            return new PendingTask(token, resource, input, timeoutSeconds, heartbeatSeconds, started, timeoutTimer,
                    heartbeatTimer, invocation, submitted, child);
        }

        public PendingTask withHeartbeatTimer(String timer) {
            return new PendingTask(token, resource, input, timeoutSeconds, heartbeatSeconds, started, timeoutTimer, timer,
                    invocation, submitted, child);
        }

        public PendingTask withSubmitted() {
            return new PendingTask(token, resource, input, timeoutSeconds, heartbeatSeconds, started, timeoutTimer,
                    heartbeatTimer, invocation, true, child);
        }

        public PendingTask withChild(String childArn) {
            return new PendingTask(token, resource, input, timeoutSeconds, heartbeatSeconds, started, timeoutTimer,
                    heartbeatTimer, invocation, submitted, childArn);
        }

        /** The token the task waits in its queue under (the invocation's, when it has its own). */
        public String queuedToken() {
            return invocation != null ? invocation : token;
        }

        /** True when {@code t} is this task's token or its invocation's. */
        public boolean answersTo(String t) {
            return token.equals(t) || t.equals(invocation);
        }
    }

    /** A Map worker slot's history context: iterations in one slot run one after another. */
    @JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
    public record Slot(int source, int last) {
    }

    /** The progress of a Parallel or Map state: its child runs and their results. */
    @JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
            isGetterVisibility = JsonAutoDetect.Visibility.NONE)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static final class Fork {
        /** Ids of the child runs in progress. */
        public List<String> running = new ArrayList<>();
        /** Results of the children that succeeded, by branch or item index. */
        public Map<Integer, JsonNode> results = new TreeMap<>();
        /** Number of children (branches or items). */
        public int size;
        public int succeeded;
        public int failed;
        /** The state's input after InputPath (and Parameters): a Map's ItemSelector reads it. */
        public JsonNode effectiveInput;
        /** A Map's items. */
        public JsonNode items;
        /** A Map's next item to start. */
        public int next;
        /** A Map's MaxConcurrency (0: all at once). */
        public int maxConcurrency;
        /** A distributed Map's ToleratedFailureCount, or null. */
        public Long toleratedFailureCount;
        /** A distributed Map's ToleratedFailurePercentage, or null. */
        public BigDecimal toleratedFailurePercentage;
        /** A distributed Map's map run ARN, or null. */
        public String mapRunArn;
        /** Map worker slots' history contexts, by slot. */
        public List<Slot> slots = new ArrayList<>();
        /**
         * Where the children that failed or were aborted stood, by branch or item index (see
         * {@link Redrives#resumePoint}), or null when none did. A redriven Map also keeps here the
         * iterations it has yet to start again.
         */
        public Map<Integer, RunState> unsuccessful;
        /** A distributed Map's map run whose iterations are child executions, or null. */
        public MapRunProgress mapRun;
        /** How many times a distributed Map's map run was redriven. */
        @JsonInclude(JsonInclude.Include.NON_DEFAULT)
        public int mapRunRedriveCount;

        public Fork copy() {
            Fork c = new Fork();
            c.running = new ArrayList<>(running);
            c.results = new TreeMap<>(results);
            c.size = size;
            c.succeeded = succeeded;
            c.failed = failed;
            c.effectiveInput = effectiveInput;
            c.items = items;
            c.next = next;
            c.maxConcurrency = maxConcurrency;
            c.toleratedFailureCount = toleratedFailureCount;
            c.toleratedFailurePercentage = toleratedFailurePercentage;
            c.mapRunArn = mapRunArn;
            c.slots = new ArrayList<>(slots);
            if (unsuccessful != null) {
                c.unsuccessful = new TreeMap<>();
                unsuccessful.forEach((index, run) -> c.unsuccessful.put(index, run.copy()));
            }
            c.mapRun = mapRun == null ? null : mapRun.copy();
            c.mapRunRedriveCount = mapRunRedriveCount;
            return c;
        }
    }
}
