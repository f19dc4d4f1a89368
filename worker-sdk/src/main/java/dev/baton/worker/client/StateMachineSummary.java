package dev.baton.worker.client;

import java.time.Instant;

/**
 * A state machine as ListStateMachines and CreateStateMachine describe it.
 *
 * @param stateMachineArn its ARN
 * @param name its name
 * @param type STANDARD or EXPRESS
 * @param creationDate when it was created
 */
public record StateMachineSummary(
    String stateMachineArn, String name, StateMachineType type, Instant creationDate) {}
