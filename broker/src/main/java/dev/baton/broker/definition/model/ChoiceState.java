package dev.baton.broker.definition.model;

import dev.baton.broker.dataflow.ValueTemplate;
import dev.baton.broker.dataflow.jsonata.JsonataTemplate;

import java.util.List;

/** @param defaultState the Default state, or null */
public record ChoiceState(String name, String comment, QueryLanguage queryLanguage, StateIo io, List<Branch> choices,
                          String defaultState) implements State {
    public ChoiceState {
        choices = List.copyOf(choices);
    }

    /** One element of Choices: a rule, where to go when it matches, and (optionally) Assign/Output. */
    public record Branch(ChoiceRule rule, String next, ValueTemplate assign, JsonataTemplate output, String comment) {
    }
}
