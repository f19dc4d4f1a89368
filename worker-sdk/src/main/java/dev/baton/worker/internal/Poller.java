package dev.baton.worker.internal;

import dev.baton.proto.v1.StepFunctionsGrpc.StepFunctionsBlockingStub;
import io.grpc.Context;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One long-poll loop: back off if the last poll failed, reserve a slot, poll, and hand a task with
 * its slot to the runtime. Stopping gently lets a poll in flight finish (a task it brings is run,
 * never dropped); stopping now cancels it.
 */
final class Poller implements Runnable {

  private static final Logger log = LoggerFactory.getLogger(Poller.class);

  private enum Phase { IDLE, POLLING }

  private final WorkerRuntime runtime;
  private final StepFunctionsBlockingStub stub;
  private final TaskSource source;
  private final Duration pollDeadline;

  private final Object lock = new Object();
  private Phase phase = Phase.IDLE;
  private boolean stopping;
  private Thread thread;
  private Context.CancellableContext poll;

  Poller(WorkerRuntime runtime, StepFunctionsBlockingStub stub, TaskSource source, Duration pollDeadline) {
    this.runtime = runtime;
    this.stub = stub;
    this.source = source;
    this.pollDeadline = pollDeadline;
  }

  /**
   * Stops the loop. A poller waiting for a slot or backing off is interrupted; one in a poll is
   * left to finish it unless {@code now}, which cancels the poll.
   */
  void stop(boolean now) {
    synchronized (lock) {
      stopping = true;
      if (phase == Phase.POLLING) {
        if (now) {
          poll.cancel(null);
        }
      } else if (thread != null) {
        thread.interrupt();
      }
    }
  }

  @Override
  public void run() {
    synchronized (lock) {
      thread = Thread.currentThread();
      if (stopping) {
        return;
      }
    }
    try {
      while (!isStopping()) {
        Duration wait = runtime.backoff().delay();
        if (!wait.isZero()) {
          Thread.sleep(wait);
        }
        runtime.slots().reserve();
        boolean handedOff = false;
        try {
          handedOff = pollOnce();
        } finally {
          if (!handedOff) {
            runtime.slots().release();
          }
        }
      }
    } catch (InterruptedException e) {
      // stop() interrupts only a poller that is not polling: nothing is in flight.
    } finally {
      synchronized (lock) {
        thread = null;
      }
    }
  }

  private boolean isStopping() {
    synchronized (lock) {
      return stopping;
    }
  }

  /** Polls once; returns whether a task took over the slot. */
  private boolean pollOnce() {
    Context.CancellableContext context;
    synchronized (lock) {
      if (stopping) {
        return false;
      }
      // Entering POLLING under the lock that stop() takes means no interrupt can reach the call.
      Thread.interrupted();
      context = Context.current().withCancellation();
      poll = context;
      phase = Phase.POLLING;
    }
    long started = System.nanoTime();
    TaskSource.PolledTask response;
    try {
      response = context.call(() -> source.poll(stub.withDeadlineAfter(pollDeadline)));
    } catch (StatusRuntimeException e) {
      pollFailed(e, Duration.ofNanos(System.nanoTime() - started));
      return false;
    } catch (Exception e) {
      // Context.call declares Exception; the blocking stub only throws StatusRuntimeException.
      pollFailed(e, Duration.ofNanos(System.nanoTime() - started));
      return false;
    } finally {
      synchronized (lock) {
        phase = Phase.IDLE;
        poll = null;
      }
      context.cancel(null);
    }
    Duration waited = Duration.ofNanos(System.nanoTime() - started);
    recovered();
    if (response == null) {
      runtime.listener().pollEmpty(source.name(), waited);
      return false;
    }
    runtime.dispatch(response, waited);
    return true;
  }

  private void recovered() {
    if (runtime.backoff().failures() > 0) {
      runtime.backoff().success();
      log.info("Polling {} works again", source.name());
    }
  }

  private void pollFailed(Exception failure, Duration waited) {
    BrokerError error = BrokerError.of(failure);
    if (isStopping() && error.code() == Status.Code.CANCELLED) {
      return;
    }
    boolean first = runtime.backoff().failure(error.code());
    if (first) {
      log.warn("Polling {} failed ({}); backing off and polling again", source.name(), error);
    } else {
      log.debug("Polling {} failed again ({})", source.name(), error);
    }
    runtime.listener().pollFailed(source.name(), error.errorName(), waited);
  }
}
