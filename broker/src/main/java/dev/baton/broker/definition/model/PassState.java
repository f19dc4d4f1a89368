package dev.baton.broker.definition.model;

import com.fasterxml.jackson.databind.JsonNode;

/** @param result the Result field, or null when absent */
public record PassState(String name, String comment, QueryLanguage queryLanguage, StateIo io, Transition transition,
                        JsonNode result) implements State {
}
