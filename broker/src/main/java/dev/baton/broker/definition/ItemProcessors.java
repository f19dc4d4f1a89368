package dev.baton.broker.definition;

import com.fasterxml.jackson.core.JsonPointer;
import dev.baton.broker.definition.model.MapState;
import dev.baton.broker.definition.model.ParallelState;
import dev.baton.broker.definition.model.State;
import dev.baton.broker.definition.model.StateGraph;
import dev.baton.broker.definition.model.StateMachine;

/**
 * Where a distributed Map's ItemProcessor lies in a definition, and the state machine its child
 * executions run. A location is a JSON Pointer into the definition as written, e.g.
 * {@code /States/Fan/ItemProcessor} or {@code /States/Split/Branches/1/States/Fan/ItemProcessor}
 * (the legacy {@code Iterator} field is named ItemProcessor too), so a child execution is found
 * again from its parent's stored definition and this location alone.
 */
public final class ItemProcessors {
    private static final String STATES = "States";
    private static final String BRANCHES = "Branches";
    private static final String ITEM_PROCESSOR = "ItemProcessor";

    private ItemProcessors() {
    }

    /** The location of a state of the graph at {@code graph} ("" for the top level). */
    public static String state(String graph, String stateName) {
        return JsonPointer.compile(graph).appendProperty(STATES).appendProperty(stateName).toString();
    }

    /** The location of branch {@code index} of the Parallel state at {@code parallel}. */
    public static String branch(String parallel, int index) {
        return JsonPointer.compile(parallel).appendProperty(BRANCHES).appendIndex(index).toString();
    }

    /** The location of the item processor of the Map state at {@code map}. */
    public static String processor(String map) {
        return JsonPointer.compile(map).appendProperty(ITEM_PROCESSOR).toString();
    }

    /**
     * The state machine a map run's children execute: the ItemProcessor at {@code location}, in the
     * query language of {@code root} (its states inherit it there as they do in the parent).
     *
     * @throws IllegalArgumentException when {@code location} does not name an item processor of {@code root}
     */
    public static StateMachine machine(StateMachine root, String location) {
        StateGraph graph = root.graph();
        JsonPointer p = JsonPointer.compile(location);
        while (true) {
            // Each step names a state of the current graph, then the graph inside it.
            if (p.matches() || !p.getMatchingProperty().equals(STATES) || p.tail().matches()) {
                throw notFound(location);
            }
            State state = graph.state(p.tail().getMatchingProperty());
            p = p.tail().tail();
            if (state instanceof MapState map && !p.matches() && p.getMatchingProperty().equals(ITEM_PROCESSOR)) {
                p = p.tail();
                if (p.matches()) {
                    return new StateMachine(map.processor().graph(), null, null, root.queryLanguage());
                }
                graph = map.processor().graph();
            } else if (state instanceof ParallelState parallel && !p.matches() && p.getMatchingProperty().equals(BRANCHES)
                    && !p.tail().matches() && p.tail().getMatchingIndex() >= 0
                    && p.tail().getMatchingIndex() < parallel.branches().size()) {
                graph = parallel.branches().get(p.tail().getMatchingIndex());
                p = p.tail().tail();
            } else {
                throw notFound(location);
            }
        }
    }

    private static IllegalArgumentException notFound(String location) {
        return new IllegalArgumentException("no Map state's ItemProcessor at " + location + " in the definition");
    }
}
