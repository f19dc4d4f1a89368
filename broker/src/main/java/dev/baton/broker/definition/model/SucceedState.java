package dev.baton.broker.definition.model;

public record SucceedState(String name, String comment, QueryLanguage queryLanguage, StateIo io) implements State {
}
