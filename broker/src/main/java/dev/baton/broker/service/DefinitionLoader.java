package dev.baton.broker.service;

import dev.baton.broker.definition.model.StateMachine;

/** Parses and validates a definition for CreateStateMachine. */
@FunctionalInterface
public interface DefinitionLoader {
    /** @throws AwsException InvalidDefinition, naming every problem and where it is */
    StateMachine load(String definition);
}
