package dev.baton.worker.internal;

import java.util.concurrent.Semaphore;

/**
 * The worker's execution slots. A poller reserves one before it polls and the task it brings keeps
 * it until its result is reported, so outstanding polls plus running tasks never exceed the number
 * of slots: the worker never takes a task it cannot start (Temporal's ActivityPollTask does the same).
 */
public final class ExecutionSlots {

  private final int size;
  private final Semaphore permits;

  public ExecutionSlots(int size) {
    this.size = size;
    this.permits = new Semaphore(size, true);
  }

  /** Waits for a free slot. */
  public void reserve() throws InterruptedException {
    permits.acquire();
  }

  public void release() {
    permits.release();
  }

  public int inUse() {
    return size - permits.availablePermits();
  }

  public int size() {
    return size;
  }
}
