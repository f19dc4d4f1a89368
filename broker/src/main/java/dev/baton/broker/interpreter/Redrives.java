package dev.baton.broker.interpreter;

import dev.baton.broker.definition.model.MapState;
import dev.baton.broker.definition.model.ParallelState;
import dev.baton.broker.definition.model.State;

import java.time.Duration;
import java.util.TreeMap;

/**
 * RedriveExecution: AWS's rules for which executions it accepts, and where a redriven execution
 * continues. AWS "continues the failed execution from the unsuccessful step and uses the same
 * input", keeping the results of the successful steps; in a Parallel or inline Map state it
 * "reschedules and redrives only the iterations and branches that failed or aborted", and inside
 * each of those the same rule applies again.
 *
 * <p>So while an execution runs, a child run (branch or iteration) that fails or is aborted leaves a
 * {@link #resumePoint resume point} in its parent's fork, and a Parallel or Map state that its
 * children failed keeps that fork ({@link RunState#stoppedFork}); when the execution closes, the
 * top-level run's resume point becomes {@link ExecutionSnapshot#redriveRun}, a tree that the
 * snapshot keeps until the redrive.
 */
public final class Redrives {
    /** How long after its end an execution can still be redriven. */
    public static final Duration REDRIVABLE_PERIOD = Duration.ofDays(14);

    private Redrives() {
    }

    /** Why the execution cannot be redriven at {@code now}, or null when it can. */
    public static String notRedrivableReason(ExecutionSnapshot s, long now) {
        return switch (s.status) {
            case RUNNING, SUCCEEDED, PENDING_REDRIVE -> notRedrivableInStatus(s.status);
            case FAILED, TIMED_OUT, ABORTED -> {
                if (s.lastEventId >= Decider.MAX_HISTORY_EVENTS - 1) {
                    yield "Execution history event limit exceeded.";
                }
                if (now - s.stopTime > REDRIVABLE_PERIOD.toMillis()) {
                    yield "Execution redrivable period exceeded.";
                }
                if (s.redriveRun == null && s.redriveState == null) {
                    yield "Execution ended before it entered a state; there is no unsuccessful step to continue from.";
                }
                yield null;
            }
        };
    }

    /** AWS's reason for a status that is never redrivable (the recorded text has no final period). */
    public static String notRedrivableInStatus(ExecutionStatus status) {
        return "Execution is " + status.name() + " and cannot be redriven";
    }

    /**
     * Where a run stands, for a redrive to continue it: its state, that state's input, its variables
     * and, when the state is a Parallel or Map whose children did not all succeed, the state's
     * progress (the results of those that succeeded, and the resume points of the others, children
     * still in progress included). Called when the run fails, is aborted or its execution closes;
     * the run itself is discarded afterwards.
     */
    static RunState resumePoint(ExecutionSnapshot s, RunState run) {
        RunState point = new RunState();
        point.index = run.index;
        point.state = run.state;
        point.stateInput = run.stateInput;
        point.variables = run.variables;
        RunState.Fork fork = run.fork != null ? run.fork : run.stoppedFork;
        if (fork != null) {
            RunState.Fork kept = fork.copy();
            // Children still in progress (the execution was stopped or timed out) continue where they are.
            for (String id : fork.running) {
                RunState child = s.runs.get(id);
                if (child != null) {
                    keep(kept, resumePoint(s, child));
                }
            }
            kept.running.clear();
            kept.slots.clear();
            point.stoppedFork = kept;
        }
        return point;
    }

    /** A child run failed or was aborted: its parent's fork keeps where it stood. */
    static void childUnsuccessful(ExecutionSnapshot s, RunState parent, RunState child) {
        if (parent.fork != null) {
            keep(parent.fork, resumePoint(s, child));
        }
    }

    private static void keep(RunState.Fork fork, RunState point) {
        if (fork.unsuccessful == null) {
            fork.unsuccessful = new TreeMap<>();
        }
        fork.unsuccessful.put(point.index, point);
    }

    /**
     * The fork a Parallel or Map state keeps when its children failed it, or null when a redrive
     * must run the whole state again: AWS reruns it, successful branches and iterations included,
     * when it failed with States.DataLimitExceeded.
     */
    static RunState.Fork stopped(RunState.Fork fork, StateFailure failure) {
        return StateFailure.DATA_LIMIT_EXCEEDED.equals(failure.error()) ? null : fork;
    }

    /** Where the redriven execution's top-level run continues. */
    static RunState topLevel(ExecutionSnapshot s) {
        if (s.redriveRun != null) {
            return s.redriveRun;
        }
        RunState legacy = new RunState();
        legacy.state = s.redriveState;
        legacy.stateInput = s.redriveInput;
        legacy.variables = s.redriveVariables;
        return legacy;
    }

    /**
     * Continues a run from its resume point: the state is entered again with the same input (a new
     * StateEntered event, retry counts from zero) and its variables as they were. A Parallel or Map
     * state with a kept fork re-runs only its unsuccessful children, each from its own resume point;
     * any other state starts its work afresh.
     */
    static Outcome resume(Decider d, RunState run, RunState point) {
        run.variables = point.variables;
        RunState.Fork fork = point.stoppedFork;
        if (fork == null) {
            return d.enterState(run, point.state, point.stateInput);
        }
        State state = d.entered(run, point.state, point.stateInput);
        return d.guarded(run, () -> switch (state) {
            case ParallelState p -> ParallelStep.resume(d, run, p, fork);
            case MapState m -> MapStep.resume(d, run, m, fork);
            default -> d.begin(run, state);
        });
    }
}
