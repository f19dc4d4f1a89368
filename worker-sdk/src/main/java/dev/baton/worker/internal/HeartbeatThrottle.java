package dev.baton.worker.internal;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Sends a task's heartbeats at most once per interval (Temporal's heartbeat throttling). The first
 * request goes out at once; requests within the interval after a heartbeat are folded into one sent
 * when the interval has passed. At most one heartbeat is in flight. In automatic mode every
 * interval brings a heartbeat without being asked. A heartbeat that could not be delivered is
 * tried again one interval after it was sent.
 */
public final class HeartbeatThrottle {

  private final long intervalNanos;
  private final LongSupplier nanoTime;
  private final Scheduler scheduler;
  private final Runnable send;

  private boolean pending;
  private boolean automatic;
  private boolean inFlight;
  private boolean closed;
  private boolean everSent;
  private long lastSentNanos;
  private Runnable cancelFlush;

  /**
   * @param interval the least time between two heartbeats
   * @param nanoTime a monotonic clock in nanoseconds
   * @param scheduler runs the delayed flush
   * @param send sends one heartbeat, asynchronously; must be answered by {@link #sent(boolean)}
   */
  public HeartbeatThrottle(Duration interval, LongSupplier nanoTime, Scheduler scheduler, Runnable send) {
    this.intervalNanos = interval.toNanos();
    this.nanoTime = nanoTime;
    this.scheduler = scheduler;
    this.send = send;
  }

  /** Asks for a heartbeat: sent now if the interval since the last one has passed, else later. */
  public void request() {
    boolean sendNow;
    synchronized (this) {
      if (closed) {
        return;
      }
      pending = true;
      sendNow = takeDue();
    }
    if (sendNow) {
      send.run();
    }
  }

  /** From now on sends a heartbeat every interval until closed, starting with one now. */
  public void automatic() {
    synchronized (this) {
      automatic = true;
    }
    request();
  }

  /** Reports the end of a heartbeat call; an undelivered one is tried again after the interval. */
  public void sent(boolean delivered) {
    boolean sendNow;
    synchronized (this) {
      inFlight = false;
      if (!delivered) {
        pending = true;
      }
      sendNow = takeDue();
    }
    if (sendNow) {
      send.run();
    }
  }

  /** Stops all heartbeats: the task is over. */
  public void close() {
    Runnable cancel;
    synchronized (this) {
      closed = true;
      cancel = cancelFlush;
      cancelFlush = null;
    }
    if (cancel != null) {
      cancel.run();
    }
  }

  private void flush() {
    boolean sendNow;
    synchronized (this) {
      cancelFlush = null;
      sendNow = takeDue();
    }
    if (sendNow) {
      send.run();
    }
  }

  /** Under the lock: claims the send if one is due now, else makes sure a flush is scheduled. */
  private boolean takeDue() {
    if (closed || inFlight || !(pending || automatic)) {
      return false;
    }
    long now = nanoTime.getAsLong();
    long wait = everSent ? lastSentNanos + intervalNanos - now : 0;
    if (wait <= 0) {
      pending = false;
      inFlight = true;
      everSent = true;
      lastSentNanos = now;
      if (cancelFlush != null) {
        cancelFlush.run();
        cancelFlush = null;
      }
      return true;
    }
    if (cancelFlush == null) {
      cancelFlush = scheduler.schedule(Duration.ofNanos(wait), this::flush);
    }
    return false;
  }
}
