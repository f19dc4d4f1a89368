package dev.baton.broker.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.baton.broker.dataflow.Json;
import dev.baton.broker.definition.model.ParallelState;
import dev.baton.broker.definition.model.StateGraph;

/**
 * Parallel: every branch runs as a child run on the effective input (JSONata: Arguments, by
 * default the input), in a variable scope of its own; the result is the array of the branches'
 * outputs in branch order. The first branch that fails fails the state and stops the
 * others (their tasks withdrawn, their timers cancelled).
 */
final class ParallelStep {
    private ParallelStep() {
    }

    static Outcome start(Decider d, RunState run, ParallelState parallel) {
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
                ArrayNode results = Json.MAPPER.createArrayNode();
                fork.results.values().forEach(results::add);
                run.fork = null;
                d.sideEvent(run, EventType.ParallelStateSucceeded, null);
                StateContext context = d.context(run, parallel);
                return DataFlow.withResult(parallel, run.stateInput, results, context, parallel.transition());
            }
            case Outcome.Failed f -> {
                d.abortChildren(run);
                run.fork = null;
                return f;
            }
            case Outcome.Waiting w -> throw new IllegalStateException("a branch cannot end waiting");
        }
    }
}
