package dev.baton.worker;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Objects;

/**
 * How an {@link ActivityWorker} polls, runs and reports tasks. Immutable; start from
 * {@link #defaults()} or {@link #builder()}.
 *
 * @param workerName sent with every GetActivityTask and recorded in the ActivityStarted event; at
 *     most 80 characters, as on AWS
 * @param maxConcurrentTasks execution slots: at most this many tasks run at once, and a poller
 *     reserves a slot before it polls, so the worker never takes a task it cannot start
 * @param pollers threads that long-poll GetActivityTask; more than {@code maxConcurrentTasks} is
 *     pointless, as each needs a free slot to poll
 * @param virtualThreads run handlers (and pollers) on virtual threads instead of a fixed pool
 * @param heartbeatInterval the least time between two heartbeats sent for one task, and the period
 *     of automatic heartbeats; set it with {@link Builder#heartbeatTimeout(Duration)} to 0.8 times
 *     the state's {@code HeartbeatSeconds}
 * @param autoHeartbeat send heartbeats every {@code heartbeatInterval} for every running task,
 *     without the handler asking
 * @param pollDeadline the deadline of one GetActivityTask call; the broker holds a poll for up to 60
 *     seconds, so keep it longer than that
 * @param callDeadline the deadline of one SendTaskSuccess, SendTaskFailure or SendTaskHeartbeat call
 * @param completionRetryTimeout how long to keep retrying a SendTaskSuccess or SendTaskFailure while
 *     the broker is unavailable before giving the task up to its time-out
 * @param pollBackoff back-off between polls after errors
 * @param resourceExhaustedBackoff back-off between polls after RESOURCE_EXHAUSTED (the broker has too
 *     many polls waiting, or throttles), longer than {@code pollBackoff}
 * @param completionBackoff back-off between attempts to report a result
 */
public record ActivityWorkerOptions(
    String workerName,
    int maxConcurrentTasks,
    int pollers,
    boolean virtualThreads,
    Duration heartbeatInterval,
    boolean autoHeartbeat,
    Duration pollDeadline,
    Duration callDeadline,
    Duration completionRetryTimeout,
    BackoffPolicy pollBackoff,
    BackoffPolicy resourceExhaustedBackoff,
    BackoffPolicy completionBackoff) {

  /** AWS's limit on a worker name. */
  public static final int MAX_WORKER_NAME_LENGTH = 80;

  /** The host name and process id, e.g. {@code build-7:4242}. */
  public static final String DEFAULT_WORKER_NAME = defaultWorkerName();

  public static final int DEFAULT_MAX_CONCURRENT_TASKS = 10;
  public static final int DEFAULT_POLLERS = 2;
  public static final boolean DEFAULT_VIRTUAL_THREADS = false;
  /**
   * Short, because a worker cannot know the state's {@code HeartbeatSeconds} (AWS does not send it
   * with the task): set {@link Builder#heartbeatTimeout(Duration)} to heartbeat less often.
   */
  public static final Duration DEFAULT_HEARTBEAT_INTERVAL = Duration.ofSeconds(1);
  public static final boolean DEFAULT_AUTO_HEARTBEAT = false;
  /** Share of the heartbeat timeout after which a heartbeat is due (Temporal uses the same). */
  public static final double HEARTBEAT_TIMEOUT_SHARE = 0.8;
  /** The broker holds a poll for up to 60 s; AWS asks clients for a socket timeout of at least 65 s. */
  public static final Duration DEFAULT_POLL_DEADLINE = Duration.ofSeconds(70);
  public static final Duration DEFAULT_CALL_DEADLINE = Duration.ofSeconds(10);
  public static final Duration DEFAULT_COMPLETION_RETRY_TIMEOUT = Duration.ofMinutes(10);
  public static final BackoffPolicy DEFAULT_POLL_BACKOFF =
      new BackoffPolicy(Duration.ofMillis(100), Duration.ofSeconds(30), 2.0, 0.2);
  public static final BackoffPolicy DEFAULT_RESOURCE_EXHAUSTED_BACKOFF =
      new BackoffPolicy(Duration.ofSeconds(1), Duration.ofMinutes(1), 2.0, 0.2);
  public static final BackoffPolicy DEFAULT_COMPLETION_BACKOFF =
      new BackoffPolicy(Duration.ofMillis(100), Duration.ofSeconds(10), 2.0, 0.2);

  public ActivityWorkerOptions {
    Objects.requireNonNull(workerName, "workerName");
    if (workerName.isBlank() || workerName.length() > MAX_WORKER_NAME_LENGTH) {
      throw new IllegalArgumentException(
          "workerName must have 1 to " + MAX_WORKER_NAME_LENGTH + " characters: '" + workerName + "'");
    }
    if (maxConcurrentTasks < 1) {
      throw new IllegalArgumentException("maxConcurrentTasks must be at least 1: " + maxConcurrentTasks);
    }
    if (pollers < 1) {
      throw new IllegalArgumentException("pollers must be at least 1: " + pollers);
    }
    requirePositive(heartbeatInterval, "heartbeatInterval");
    requirePositive(pollDeadline, "pollDeadline");
    requirePositive(callDeadline, "callDeadline");
    Objects.requireNonNull(completionRetryTimeout, "completionRetryTimeout");
    if (completionRetryTimeout.isNegative()) {
      throw new IllegalArgumentException(
          "completionRetryTimeout must not be negative: " + completionRetryTimeout);
    }
    Objects.requireNonNull(pollBackoff, "pollBackoff");
    Objects.requireNonNull(resourceExhaustedBackoff, "resourceExhaustedBackoff");
    Objects.requireNonNull(completionBackoff, "completionBackoff");
  }

  /** The defaults: every {@code DEFAULT_*} constant. */
  public static ActivityWorkerOptions defaults() {
    return builder().build();
  }

  /** A builder holding the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding these options. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  private static void requirePositive(Duration duration, String name) {
    Objects.requireNonNull(duration, name);
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException(name + " must be positive: " + duration);
    }
  }

  private static String defaultWorkerName() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (Exception e) {
      host = "baton-worker";
    }
    String name = host + ":" + ProcessHandle.current().pid();
    return name.length() <= MAX_WORKER_NAME_LENGTH
        ? name
        : name.substring(name.length() - MAX_WORKER_NAME_LENGTH);
  }

  /** Builds {@link ActivityWorkerOptions}; every setter returns this builder. */
  public static final class Builder {
    private String workerName = DEFAULT_WORKER_NAME;
    private int maxConcurrentTasks = DEFAULT_MAX_CONCURRENT_TASKS;
    private int pollers = DEFAULT_POLLERS;
    private boolean virtualThreads = DEFAULT_VIRTUAL_THREADS;
    private Duration heartbeatInterval = DEFAULT_HEARTBEAT_INTERVAL;
    private boolean autoHeartbeat = DEFAULT_AUTO_HEARTBEAT;
    private Duration pollDeadline = DEFAULT_POLL_DEADLINE;
    private Duration callDeadline = DEFAULT_CALL_DEADLINE;
    private Duration completionRetryTimeout = DEFAULT_COMPLETION_RETRY_TIMEOUT;
    private BackoffPolicy pollBackoff = DEFAULT_POLL_BACKOFF;
    private BackoffPolicy resourceExhaustedBackoff = DEFAULT_RESOURCE_EXHAUSTED_BACKOFF;
    private BackoffPolicy completionBackoff = DEFAULT_COMPLETION_BACKOFF;

    private Builder() {}

    private Builder(ActivityWorkerOptions options) {
      workerName = options.workerName;
      maxConcurrentTasks = options.maxConcurrentTasks;
      pollers = options.pollers;
      virtualThreads = options.virtualThreads;
      heartbeatInterval = options.heartbeatInterval;
      autoHeartbeat = options.autoHeartbeat;
      pollDeadline = options.pollDeadline;
      callDeadline = options.callDeadline;
      completionRetryTimeout = options.completionRetryTimeout;
      pollBackoff = options.pollBackoff;
      resourceExhaustedBackoff = options.resourceExhaustedBackoff;
      completionBackoff = options.completionBackoff;
    }

    /** See {@link ActivityWorkerOptions#workerName()}. */
    public Builder workerName(String workerName) {
      this.workerName = workerName;
      return this;
    }

    /** See {@link ActivityWorkerOptions#maxConcurrentTasks()}. */
    public Builder maxConcurrentTasks(int maxConcurrentTasks) {
      this.maxConcurrentTasks = maxConcurrentTasks;
      return this;
    }

    /** See {@link ActivityWorkerOptions#pollers()}. */
    public Builder pollers(int pollers) {
      this.pollers = pollers;
      return this;
    }

    /** See {@link ActivityWorkerOptions#virtualThreads()}. */
    public Builder virtualThreads(boolean virtualThreads) {
      this.virtualThreads = virtualThreads;
      return this;
    }

    /** See {@link ActivityWorkerOptions#heartbeatInterval()}. */
    public Builder heartbeatInterval(Duration heartbeatInterval) {
      this.heartbeatInterval = heartbeatInterval;
      return this;
    }

    /**
     * Sets the heartbeat interval to {@value #HEARTBEAT_TIMEOUT_SHARE} times the given heartbeat
     * timeout: pass the {@code HeartbeatSeconds} of the states this worker serves.
     */
    public Builder heartbeatTimeout(Duration heartbeatTimeout) {
      Objects.requireNonNull(heartbeatTimeout, "heartbeatTimeout");
      this.heartbeatInterval =
          Duration.ofNanos((long) (heartbeatTimeout.toNanos() * HEARTBEAT_TIMEOUT_SHARE));
      return this;
    }

    /** See {@link ActivityWorkerOptions#autoHeartbeat()}. */
    public Builder autoHeartbeat(boolean autoHeartbeat) {
      this.autoHeartbeat = autoHeartbeat;
      return this;
    }

    /** See {@link ActivityWorkerOptions#pollDeadline()}. */
    public Builder pollDeadline(Duration pollDeadline) {
      this.pollDeadline = pollDeadline;
      return this;
    }

    /** See {@link ActivityWorkerOptions#callDeadline()}. */
    public Builder callDeadline(Duration callDeadline) {
      this.callDeadline = callDeadline;
      return this;
    }

    /** See {@link ActivityWorkerOptions#completionRetryTimeout()}. */
    public Builder completionRetryTimeout(Duration completionRetryTimeout) {
      this.completionRetryTimeout = completionRetryTimeout;
      return this;
    }

    /** See {@link ActivityWorkerOptions#pollBackoff()}. */
    public Builder pollBackoff(BackoffPolicy pollBackoff) {
      this.pollBackoff = pollBackoff;
      return this;
    }

    /** See {@link ActivityWorkerOptions#resourceExhaustedBackoff()}. */
    public Builder resourceExhaustedBackoff(BackoffPolicy resourceExhaustedBackoff) {
      this.resourceExhaustedBackoff = resourceExhaustedBackoff;
      return this;
    }

    /** See {@link ActivityWorkerOptions#completionBackoff()}. */
    public Builder completionBackoff(BackoffPolicy completionBackoff) {
      this.completionBackoff = completionBackoff;
      return this;
    }

    /**
     * @throws IllegalArgumentException naming the first option out of range
     */
    public ActivityWorkerOptions build() {
      return new ActivityWorkerOptions(
          workerName,
          maxConcurrentTasks,
          pollers,
          virtualThreads,
          heartbeatInterval,
          autoHeartbeat,
          pollDeadline,
          callDeadline,
          completionRetryTimeout,
          pollBackoff,
          resourceExhaustedBackoff,
          completionBackoff);
    }
  }
}
