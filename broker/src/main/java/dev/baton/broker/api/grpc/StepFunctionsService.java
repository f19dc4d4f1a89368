package dev.baton.broker.api.grpc;

import dev.baton.broker.dispatch.ActivityDispatcher;
import dev.baton.broker.service.ActivityService;
import dev.baton.broker.service.DefinitionValidationService;
import dev.baton.broker.service.ExecutionService;
import dev.baton.broker.service.MapRunService;
import dev.baton.broker.service.StateMachineService;
import dev.baton.broker.service.TaskService;
import dev.baton.proto.v1.CreateActivityRequest;
import dev.baton.proto.v1.CreateActivityResponse;
import dev.baton.proto.v1.CreateStateMachineRequest;
import dev.baton.proto.v1.CreateStateMachineResponse;
import dev.baton.proto.v1.DeleteActivityRequest;
import dev.baton.proto.v1.DeleteActivityResponse;
import dev.baton.proto.v1.DeleteStateMachineRequest;
import dev.baton.proto.v1.DeleteStateMachineResponse;
import dev.baton.proto.v1.DescribeActivityRequest;
import dev.baton.proto.v1.DescribeActivityResponse;
import dev.baton.proto.v1.DescribeMapRunRequest;
import dev.baton.proto.v1.DescribeMapRunResponse;
import dev.baton.proto.v1.ListMapRunsRequest;
import dev.baton.proto.v1.ListMapRunsResponse;
import dev.baton.proto.v1.UpdateMapRunRequest;
import dev.baton.proto.v1.UpdateMapRunResponse;
import dev.baton.proto.v1.DescribeExecutionRequest;
import dev.baton.proto.v1.DescribeExecutionResponse;
import dev.baton.proto.v1.DescribeStateMachineRequest;
import dev.baton.proto.v1.DescribeStateMachineResponse;
import dev.baton.proto.v1.GetActivityTaskRequest;
import dev.baton.proto.v1.GetActivityTaskResponse;
import dev.baton.proto.v1.GetFunctionTaskRequest;
import dev.baton.proto.v1.GetFunctionTaskResponse;
import dev.baton.broker.interpreter.TaskTokens;
import dev.baton.proto.v1.GetExecutionHistoryRequest;
import dev.baton.proto.v1.GetExecutionHistoryResponse;
import dev.baton.proto.v1.ListActivitiesRequest;
import dev.baton.proto.v1.ListActivitiesResponse;
import dev.baton.proto.v1.ListExecutionsRequest;
import dev.baton.proto.v1.ListExecutionsResponse;
import dev.baton.proto.v1.ListStateMachinesRequest;
import dev.baton.proto.v1.ListStateMachinesResponse;
import dev.baton.proto.v1.RedriveExecutionRequest;
import dev.baton.proto.v1.RedriveExecutionResponse;
import dev.baton.proto.v1.SendTaskFailureRequest;
import dev.baton.proto.v1.SendTaskFailureResponse;
import dev.baton.proto.v1.SendTaskHeartbeatRequest;
import dev.baton.proto.v1.SendTaskHeartbeatResponse;
import dev.baton.proto.v1.SendTaskSuccessRequest;
import dev.baton.proto.v1.SendTaskSuccessResponse;
import dev.baton.proto.v1.StartExecutionRequest;
import dev.baton.proto.v1.StartExecutionResponse;
import dev.baton.proto.v1.StepFunctionsGrpc;
import dev.baton.proto.v1.StopExecutionRequest;
import dev.baton.proto.v1.StopExecutionResponse;
import dev.baton.proto.v1.ValidateStateMachineDefinitionRequest;
import dev.baton.proto.v1.ValidateStateMachineDefinitionResponse;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The gRPC face of the application services: each rpc calls one service method and answers with its
 * result or, through {@link ErrorMapper}, its AWS error. No logic lives here.
 */
public final class StepFunctionsService extends StepFunctionsGrpc.StepFunctionsImplBase {
    private final StateMachineService stateMachines;
    private final ActivityService activities;
    private final ExecutionService executions;
    private final TaskService tasks;
    private final MapRunService mapRuns;
    private final DefinitionValidationService validation = new DefinitionValidationService();

    public StepFunctionsService(StateMachineService stateMachines, ActivityService activities,
                                ExecutionService executions, TaskService tasks, MapRunService mapRuns) {
        this.stateMachines = stateMachines;
        this.activities = activities;
        this.executions = executions;
        this.tasks = tasks;
        this.mapRuns = mapRuns;
    }

    private static <T> void unary(StreamObserver<T> observer, Supplier<T> call) {
        T result;
        try {
            result = call.get();
        } catch (RuntimeException e) {
            observer.onError(ErrorMapper.toStatus(e));
            return;
        }
        observer.onNext(result);
        observer.onCompleted();
    }

    private static <T> void async(StreamObserver<T> observer, Supplier<CompletableFuture<T>> call) {
        CompletableFuture<T> future;
        try {
            future = call.get();
        } catch (RuntimeException e) {
            observer.onError(ErrorMapper.toStatus(e));
            return;
        }
        future.whenComplete((result, error) -> {
            if (error != null) {
                observer.onError(ErrorMapper.toStatus(error));
            } else {
                observer.onNext(result);
                observer.onCompleted();
            }
        });
    }

    @Override
    public void createStateMachine(CreateStateMachineRequest req, StreamObserver<CreateStateMachineResponse> obs) {
        unary(obs, () -> stateMachines.create(req));
    }

    @Override
    public void describeStateMachine(DescribeStateMachineRequest req, StreamObserver<DescribeStateMachineResponse> obs) {
        unary(obs, () -> stateMachines.describe(req));
    }

    @Override
    public void listStateMachines(ListStateMachinesRequest req, StreamObserver<ListStateMachinesResponse> obs) {
        unary(obs, () -> stateMachines.list(req));
    }

    @Override
    public void deleteStateMachine(DeleteStateMachineRequest req, StreamObserver<DeleteStateMachineResponse> obs) {
        unary(obs, () -> stateMachines.delete(req));
    }

    @Override
    public void createActivity(CreateActivityRequest req, StreamObserver<CreateActivityResponse> obs) {
        unary(obs, () -> activities.create(req));
    }

    @Override
    public void describeActivity(DescribeActivityRequest req, StreamObserver<DescribeActivityResponse> obs) {
        unary(obs, () -> activities.describe(req));
    }

    @Override
    public void listActivities(ListActivitiesRequest req, StreamObserver<ListActivitiesResponse> obs) {
        unary(obs, () -> activities.list(req));
    }

    @Override
    public void deleteActivity(DeleteActivityRequest req, StreamObserver<DeleteActivityResponse> obs) {
        unary(obs, () -> activities.delete(req));
    }

    @Override
    public void startExecution(StartExecutionRequest req, StreamObserver<StartExecutionResponse> obs) {
        async(obs, () -> executions.start(req));
    }

    @Override
    public void describeExecution(DescribeExecutionRequest req, StreamObserver<DescribeExecutionResponse> obs) {
        unary(obs, () -> executions.describe(req));
    }

    @Override
    public void listExecutions(ListExecutionsRequest req, StreamObserver<ListExecutionsResponse> obs) {
        unary(obs, () -> executions.list(req));
    }

    @Override
    public void stopExecution(StopExecutionRequest req, StreamObserver<StopExecutionResponse> obs) {
        async(obs, () -> executions.stop(req));
    }

    @Override
    public void redriveExecution(RedriveExecutionRequest req, StreamObserver<RedriveExecutionResponse> obs) {
        async(obs, () -> executions.redrive(req));
    }

    @Override
    public void describeMapRun(DescribeMapRunRequest req, StreamObserver<DescribeMapRunResponse> obs) {
        unary(obs, () -> mapRuns.describe(req));
    }

    @Override
    public void listMapRuns(ListMapRunsRequest req, StreamObserver<ListMapRunsResponse> obs) {
        unary(obs, () -> mapRuns.list(req));
    }

    @Override
    public void updateMapRun(UpdateMapRunRequest req, StreamObserver<UpdateMapRunResponse> obs) {
        async(obs, () -> mapRuns.update(req));
    }

    @Override
    public void getExecutionHistory(GetExecutionHistoryRequest req, StreamObserver<GetExecutionHistoryResponse> obs) {
        unary(obs, () -> executions.history(req));
    }

    @Override
    public void getActivityTask(GetActivityTaskRequest req, StreamObserver<GetActivityTaskResponse> obs) {
        GrpcPoll<GetActivityTaskResponse> poll = new GrpcPoll<>(req.getWorkerName(), obs,
                task -> GetActivityTaskResponse.newBuilder().setTaskToken(task.token()).setInput(task.input()).build(),
                GetActivityTaskResponse.getDefaultInstance());
        park(poll, () -> tasks.getActivityTask(req, poll));
    }

    @Override
    public void getFunctionTask(GetFunctionTaskRequest req, StreamObserver<GetFunctionTaskResponse> obs) {
        GrpcPoll<GetFunctionTaskResponse> poll = new GrpcPoll<>(req.getWorkerName(), obs,
                task -> GetFunctionTaskResponse.newBuilder().setTaskToken(task.token()).setPayload(task.input())
                        .setFunctionArn(task.activityArn()).setRequestId(TaskTokens.requestId(task.token())).build(),
                GetFunctionTaskResponse.getDefaultInstance());
        park(poll, () -> tasks.getFunctionTask(req, poll));
    }

    private static void park(GrpcPoll<?> poll, Supplier<Runnable> parking) {
        // The cancel handler must be set before the call handler returns; the poll learns its handle later.
        poll.call.setOnCancelHandler(poll::cancelled);
        try {
            poll.setWithdraw(parking.get());
        } catch (RuntimeException e) {
            poll.fail(e);
        }
    }

    @Override
    public void sendTaskSuccess(SendTaskSuccessRequest req, StreamObserver<SendTaskSuccessResponse> obs) {
        async(obs, () -> tasks.sendTaskSuccess(req));
    }

    @Override
    public void sendTaskFailure(SendTaskFailureRequest req, StreamObserver<SendTaskFailureResponse> obs) {
        async(obs, () -> tasks.sendTaskFailure(req));
    }

    @Override
    public void sendTaskHeartbeat(SendTaskHeartbeatRequest req, StreamObserver<SendTaskHeartbeatResponse> obs) {
        async(obs, () -> tasks.sendTaskHeartbeat(req));
    }

    @Override
    public void validateStateMachineDefinition(ValidateStateMachineDefinitionRequest req,
                                               StreamObserver<ValidateStateMachineDefinitionResponse> obs) {
        unary(obs, () -> validation.validate(req));
    }

    /** A GetActivityTask or GetFunctionTask call parked in the dispatcher; answered exactly once. */
    private static final class GrpcPoll<R> implements ActivityDispatcher.Poll {
        private final String workerName;
        private final ServerCallStreamObserver<R> call;
        private final Function<ActivityDispatcher.ActivityTask, R> answer;
        private final R none;
        private final AtomicBoolean answered = new AtomicBoolean();
        private volatile boolean cancelled;
        private volatile Runnable withdraw;

        GrpcPoll(String workerName, StreamObserver<R> call, Function<ActivityDispatcher.ActivityTask, R> answer, R none) {
            this.workerName = workerName;
            this.call = (ServerCallStreamObserver<R>) call;
            this.answer = answer;
            this.none = none;
        }

        void setWithdraw(Runnable withdraw) {
            this.withdraw = withdraw;
            if (cancelled) {
                withdraw.run();
            }
        }

        void cancelled() {
            cancelled = true;
            answered.set(true);
            Runnable w = withdraw;
            if (w != null) {
                w.run();
            }
        }

        void fail(RuntimeException e) {
            if (answered.compareAndSet(false, true)) {
                call.onError(ErrorMapper.toStatus(e));
            }
        }

        @Override
        public String workerName() {
            return workerName;
        }

        @Override
        public boolean isCancelled() {
            return cancelled || call.isCancelled();
        }

        @Override
        public boolean deliver(ActivityDispatcher.ActivityTask task) {
            if (call.isCancelled()) {
                return false;
            }
            return respond(answer.apply(task));
        }

        @Override
        public void timeout() {
            respond(none);
        }

        private boolean respond(R response) {
            if (!answered.compareAndSet(false, true)) {
                return false;
            }
            try {
                call.onNext(response);
                call.onCompleted();
                return true;
            } catch (IllegalStateException | io.grpc.StatusRuntimeException e) {
                // The call was cancelled while we answered.
                return false;
            }
        }
    }
}
