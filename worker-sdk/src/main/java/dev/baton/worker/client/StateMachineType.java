package dev.baton.worker.client;

/** A state machine's type, as AWS names it. */
public enum StateMachineType {
  STANDARD,
  EXPRESS
}
