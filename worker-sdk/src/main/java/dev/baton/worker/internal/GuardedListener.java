package dev.baton.worker.internal;

import dev.baton.worker.ActivityWorkerListener;
import dev.baton.worker.Cancellation;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Calls the user's listener, logging what it throws instead of letting it stop a poller. */
public final class GuardedListener implements ActivityWorkerListener {

  private static final Logger log = LoggerFactory.getLogger(GuardedListener.class);

  private final ActivityWorkerListener listener;

  public GuardedListener(ActivityWorkerListener listener) {
    this.listener = listener;
  }

  @Override
  public void pollEmpty(String activityArn, Duration waited) {
    guard(() -> listener.pollEmpty(activityArn, waited));
  }

  @Override
  public void pollFailed(String activityArn, String errorName, Duration waited) {
    guard(() -> listener.pollFailed(activityArn, errorName, waited));
  }

  @Override
  public void taskStarted(String activityArn, Duration waited) {
    guard(() -> listener.taskStarted(activityArn, waited));
  }

  @Override
  public void taskSucceeded(String activityArn, Duration duration) {
    guard(() -> listener.taskSucceeded(activityArn, duration));
  }

  @Override
  public void taskFailed(String activityArn, String error, Duration duration) {
    guard(() -> listener.taskFailed(activityArn, error, duration));
  }

  @Override
  public void taskCancelled(String activityArn, Cancellation cancellation, Duration duration) {
    guard(() -> listener.taskCancelled(activityArn, cancellation, duration));
  }

  @Override
  public void reportFailed(String activityArn, String errorName) {
    guard(() -> listener.reportFailed(activityArn, errorName));
  }

  private static void guard(Runnable call) {
    try {
      call.run();
    } catch (RuntimeException e) {
      log.warn("Worker listener failed", e);
    }
  }
}
