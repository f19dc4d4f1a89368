package dev.baton.worker.client;

import java.time.Instant;

/**
 * A state machine, as DescribeStateMachine returns it.
 *
 * @param stateMachineArn its ARN
 * @param name its name
 * @param status ACTIVE, or DELETING
 * @param definition its Amazon States Language definition
 * @param roleArn the role given at creation (Baton keeps it but does not assume roles)
 * @param type STANDARD or EXPRESS
 * @param creationDate when it was created
 */
public record StateMachine(
    String stateMachineArn,
    String name,
    Status status,
    String definition,
    String roleArn,
    StateMachineType type,
    Instant creationDate) {

  /** A state machine's status, as AWS names it. */
  public enum Status {
    ACTIVE,
    DELETING
  }
}
