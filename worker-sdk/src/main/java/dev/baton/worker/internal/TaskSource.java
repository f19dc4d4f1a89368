package dev.baton.worker.internal;

import dev.baton.proto.v1.GetActivityTaskRequest;
import dev.baton.proto.v1.GetActivityTaskResponse;
import dev.baton.proto.v1.GetFunctionTaskRequest;
import dev.baton.proto.v1.GetFunctionTaskResponse;
import dev.baton.proto.v1.StepFunctionsGrpc.StepFunctionsBlockingStub;

/**
 * Where a worker's tasks come from: the long poll it makes (GetActivityTask for an activity,
 * GetFunctionTask for a function) and the name it logs and reports metrics under. Everything else
 * (slots, pollers, heartbeats, reporting, shutdown) is the same for both.
 */
public sealed interface TaskSource {

  /** A task a poll brought; {@code requestId} is null for activity tasks. */
  record PolledTask(String token, String input, String resource, String requestId) {}

  /** The activity's ARN, or the function's name as the worker gave it. */
  String name();

  /** The SLF4J MDC key the running task's {@link #name()} is put under. */
  String mdcKey();

  /** One long poll; null when it ended without a task. */
  PolledTask poll(StepFunctionsBlockingStub stub);

  /** An activity's tasks (GetActivityTask). */
  record Activity(String activityArn, String workerName, String mdcKey) implements TaskSource {
    @Override
    public String name() {
      return activityArn;
    }

    @Override
    public PolledTask poll(StepFunctionsBlockingStub stub) {
      GetActivityTaskResponse r = stub.getActivityTask(GetActivityTaskRequest.newBuilder()
          .setActivityArn(activityArn).setWorkerName(workerName).build());
      return r.getTaskToken().isEmpty() ? null : new PolledTask(r.getTaskToken(), r.getInput(), activityArn, null);
    }
  }

  /** A function's invocations (GetFunctionTask). */
  record Function(String functionName, String workerName, String mdcKey) implements TaskSource {
    @Override
    public String name() {
      return functionName;
    }

    @Override
    public PolledTask poll(StepFunctionsBlockingStub stub) {
      GetFunctionTaskResponse r = stub.getFunctionTask(GetFunctionTaskRequest.newBuilder()
          .setFunctionName(functionName).setWorkerName(workerName).build());
      return r.getTaskToken().isEmpty()
          ? null
          : new PolledTask(r.getTaskToken(), r.getPayload(), r.getFunctionArn(), r.getRequestId());
    }
  }
}
