package dev.baton.broker.definition.model;

import java.util.List;

public record ParallelState(String name, String comment, QueryLanguage queryLanguage, StateIo io, Transition transition,
                            List<StateGraph> branches, List<Retrier> retry, List<Catcher> catchers) implements State {
    public ParallelState {
        branches = List.copyOf(branches);
        retry = List.copyOf(retry);
        catchers = List.copyOf(catchers);
    }
}
