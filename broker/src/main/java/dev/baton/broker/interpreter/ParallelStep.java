package dev.baton.broker.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.baton.broker.dataflow.Json;
import dev.baton.broker.definition.model.ParallelState;
import dev.baton.broker.definition.model.StateGraph;

import java.util.TreeMap;

/**
 * Parallel: every branch runs as a child run on the effective input (JSONata: Arguments, by
 * default the input), in a variable scope of its own; the result is the array of the branches'
 * outputs in branch order. The first branch that fails fails the state and stops the
 * others (their tasks withdrawn, their timers cancelled).
 *
 * <p>Redriven, it runs again only the branches that failed or were aborted, each from the step it
 * stopped in, and keeps the others' outputs.
 */
final class ParallelStep {
    private ParallelStep() {
    }

    static Outcome start(Decider d, RunState run, ParallelState parallel) {
        // A retry runs the whole state again: what a failed attempt left is forgotten.
        run.stoppedFork = null;
        StateContext context = d.context(run, parallel);
        JsonNode effective = DataFlow.effectiveInput(parallel, run.stateInput, context);
        d.event(run, EventType.ParallelStateStarted, null);
        run.fork = new RunState.Fork();
        run.fork.size = parallel.branches().size();
        run.fork.effectiveInput = effective;
        for (int i = 0; i < parallel.branches().size(); i++) {
            StateGraph branch = parallel.branches().get(i);
            RunState child = d.newChild(run, i, run.source);
            d.settle(child, d.enterState(child, branch.startAt(), effective));
        }
        return Outcome.WAITING;
    }

    /**
     * Continues the state after a redrive (its StateEntered already recorded): ParallelStateStarted
     * again, then the branches that have no output yet, on the effective input of the original run.
     */
    static Outcome resume(Decider d, RunState run, ParallelState parallel, RunState.Fork was) {
        d.event(run, EventType.ParallelStateStarted, null);
        RunState.Fork fork = new RunState.Fork();
        fork.size = was.size;
        fork.effectiveInput = was.effectiveInput;
        fork.results = new TreeMap<>(was.results);
        if (was.unsuccessful != null) {
            fork.results.keySet().removeAll(was.unsuccessful.keySet());
        }
        fork.succeeded = fork.results.size();
        run.fork = fork;
        if (fork.succeeded == fork.size) {
            return finish(d, run, parallel);
        }
        for (int i = 0; i < fork.size; i++) {
            if (fork.results.containsKey(i)) {
                continue;
            }
            RunState point = was.unsuccessful == null ? null : was.unsuccessful.get(i);
            RunState child = d.newChild(run, i, run.source);
            if (point != null && point.state != null) {
                d.settle(child, Redrives.resume(d, child, point));
            } else {
                d.settle(child, d.enterState(child, parallel.branches().get(i).startAt(), fork.effectiveInput));
            }
        }
        return Outcome.WAITING;
    }

    static Outcome childEnded(Decider d, RunState run, ParallelState parallel, RunState child, Outcome outcome) {
        Decider.merge(run, child);
        RunState.Fork fork = run.fork;
        switch (outcome) {
            case Outcome.Completed c -> {
                fork.results.put(child.index, c.output());
                fork.succeeded++;
                if (fork.succeeded < fork.size) {
                    return Outcome.WAITING;
                }
                return finish(d, run, parallel);
            }
            case Outcome.Failed f -> {
                d.abortChildren(run);
                run.fork = null;
                run.stoppedFork = Redrives.stopped(fork, f.failure());
                return f;
            }
            case Outcome.Waiting w -> throw new IllegalStateException("a branch cannot end waiting");
        }
    }

    private static Outcome finish(Decider d, RunState run, ParallelState parallel) {
        ArrayNode results = Json.MAPPER.createArrayNode();
        run.fork.results.values().forEach(results::add);
        run.fork = null;
        d.sideEvent(run, EventType.ParallelStateSucceeded, null);
        StateContext context = d.context(run, parallel);
        return DataFlow.withResult(parallel, run.stateInput, results, context, parallel.transition());
    }
}
