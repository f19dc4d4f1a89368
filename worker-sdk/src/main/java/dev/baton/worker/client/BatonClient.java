package dev.baton.worker.client;

import dev.baton.proto.v1.ActivityListItem;
import dev.baton.proto.v1.CreateActivityRequest;
import dev.baton.proto.v1.CreateActivityResponse;
import dev.baton.proto.v1.CreateStateMachineRequest;
import dev.baton.proto.v1.CreateStateMachineResponse;
import dev.baton.proto.v1.DeleteActivityRequest;
import dev.baton.proto.v1.DeleteStateMachineRequest;
import dev.baton.proto.v1.DescribeActivityRequest;
import dev.baton.proto.v1.DescribeActivityResponse;
import dev.baton.proto.v1.DescribeExecutionRequest;
import dev.baton.proto.v1.DescribeExecutionResponse;
import dev.baton.proto.v1.DescribeStateMachineRequest;
import dev.baton.proto.v1.DescribeStateMachineResponse;
import dev.baton.proto.v1.ExecutionListItem;
import dev.baton.proto.v1.GetExecutionHistoryRequest;
import dev.baton.proto.v1.GetExecutionHistoryResponse;
import dev.baton.proto.v1.HistoryEvent;
import dev.baton.proto.v1.ListActivitiesRequest;
import dev.baton.proto.v1.ListActivitiesResponse;
import dev.baton.proto.v1.ListExecutionsRequest;
import dev.baton.proto.v1.ListExecutionsResponse;
import dev.baton.proto.v1.ListStateMachinesRequest;
import dev.baton.proto.v1.ListStateMachinesResponse;
import dev.baton.proto.v1.StartExecutionRequest;
import dev.baton.proto.v1.StartExecutionResponse;
import dev.baton.proto.v1.StateMachineListItem;
import dev.baton.proto.v1.StopExecutionRequest;
import io.grpc.Channel;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A client for the broker's Step Functions API: state machines, activities, executions and their
 * history. Every method makes blocking calls with a deadline and throws a {@link BatonException}
 * subclass named after AWS's error ({@link StateMachineDoesNotExistException}, ...) when the broker
 * refuses. Thread-safe.
 *
 * <pre>{@code
 * try (BatonClient baton = BatonClient.connect("localhost:7070")) {
 *   String arn = baton.createStateMachine("orders", definition).stateMachineArn();
 *   String run = baton.startExecution(arn, "{\"orderId\":\"o-1\"}").executionArn();
 *   ExecutionStatus status = baton.describeExecution(run).status();
 * }
 * }</pre>
 *
 * <p>History events are the API's {@link HistoryEvent} messages, which have AWS's shape: one
 * {@code *_event_details} field set per event type.
 */
public final class BatonClient implements AutoCloseable {

  /** The default deadline of each call. */
  public static final Duration DEFAULT_CALL_DEADLINE = Duration.ofSeconds(30);

  private final Connection connection;

  private BatonClient(Connection connection) {
    this.connection = connection;
  }

  /** A client on a channel the caller owns and closes. */
  public static BatonClient create(Channel channel) {
    return new BatonClient(Connection.on(channel, DEFAULT_CALL_DEADLINE));
  }

  /** A client on a channel the caller owns, with a deadline for each call. */
  public static BatonClient create(Channel channel, Duration callDeadline) {
    return new BatonClient(Connection.on(channel, callDeadline));
  }

  /**
   * A client that opens a plaintext channel to {@code target} (e.g. {@code "localhost:7070"}) and
   * closes it on {@link #close()}. For TLS, build a channel and use {@link #create(Channel)}.
   */
  public static BatonClient connect(String target) {
    return new BatonClient(Connection.to(target, DEFAULT_CALL_DEADLINE));
  }

  /** A task-token client on the same channel; closing it leaves the channel open. */
  public TaskTokenClient tasks() {
    return new TaskTokenClient(Connection.on(connection.channel(), connection.callDeadline()));
  }

  // ---- State machines

  /**
   * Creates a STANDARD state machine; with the same name and definition again, returns the
   * existing one.
   *
   * @throws InvalidNameException the name is not allowed
   * @throws InvalidDefinitionException the definition is not valid
   * @throws StateMachineAlreadyExistsException the name is taken by another definition
   */
  public StateMachineSummary createStateMachine(String name, String definition) {
    return createStateMachine(name, definition, StateMachineType.STANDARD, null);
  }

  /**
   * Creates a state machine of a type, with a role ARN (kept, as AWS requires one, but not assumed).
   *
   * @param roleArn the role, or null for none
   * @throws InvalidNameException the name is not allowed
   * @throws InvalidDefinitionException the definition is not valid
   * @throws InvalidArnException the role ARN is malformed
   * @throws StateMachineAlreadyExistsException the name is taken by another definition or type
   * @throws StateMachineTypeNotSupportedException the type is not supported
   */
  public StateMachineSummary createStateMachine(
      String name, String definition, StateMachineType type, String roleArn) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(definition, "definition");
    Objects.requireNonNull(type, "type");
    CreateStateMachineRequest.Builder request = CreateStateMachineRequest.newBuilder()
        .setName(name)
        .setDefinition(definition)
        .setType(type.name());
    if (roleArn != null) {
      request.setRoleArn(roleArn);
    }
    CreateStateMachineResponse response = connection.call(stub -> stub.createStateMachine(request.build()));
    return new StateMachineSummary(
        response.getStateMachineArn(), name, type, Connection.instant(response.getCreationDate()));
  }

  /**
   * @throws InvalidArnException the ARN is malformed
   * @throws StateMachineDoesNotExistException there is no such state machine
   */
  public StateMachine describeStateMachine(String stateMachineArn) {
    Objects.requireNonNull(stateMachineArn, "stateMachineArn");
    DescribeStateMachineResponse response = connection.call(stub -> stub.describeStateMachine(
        DescribeStateMachineRequest.newBuilder().setStateMachineArn(stateMachineArn).build()));
    return new StateMachine(
        response.getStateMachineArn(),
        response.getName(),
        StateMachine.Status.valueOf(response.getStatus()),
        response.getDefinition(),
        response.getRoleArn(),
        type(response.getType()),
        Connection.instant(response.getCreationDate()));
  }

  /**
   * One page of state machines.
   *
   * @param maxResults 1 to 1000, or 0 for the broker's default (100)
   * @param nextToken the previous page's token, or empty for the first page
   * @throws InvalidTokenException the token was not issued by this broker
   */
  public Page<StateMachineSummary> listStateMachines(int maxResults, String nextToken) {
    ListStateMachinesResponse response = connection.call(stub -> stub.listStateMachines(
        ListStateMachinesRequest.newBuilder()
            .setMaxResults(maxResults)
            .setNextToken(Objects.requireNonNull(nextToken, "nextToken"))
            .build()));
    return new Page<>(
        response.getStateMachinesList().stream().map(BatonClient::stateMachine).toList(),
        token(response.getNextToken()));
  }

  /** All state machines, fetched page by page as the stream is consumed. */
  public Stream<StateMachineSummary> stateMachines() {
    return Page.all(token -> listStateMachines(0, token));
  }

  /**
   * Deletes a state machine; running executions go on to their end. Deleting one that does not
   * exist succeeds, as on AWS.
   *
   * @throws InvalidArnException the ARN is malformed
   */
  public void deleteStateMachine(String stateMachineArn) {
    Objects.requireNonNull(stateMachineArn, "stateMachineArn");
    connection.call(stub -> stub.deleteStateMachine(
        DeleteStateMachineRequest.newBuilder().setStateMachineArn(stateMachineArn).build()));
  }

  // ---- Activities

  /**
   * Creates an activity, or returns the existing one of that name.
   *
   * @throws InvalidNameException the name is not allowed
   */
  public Activity createActivity(String name) {
    Objects.requireNonNull(name, "name");
    CreateActivityResponse response = connection.call(stub -> stub.createActivity(
        CreateActivityRequest.newBuilder().setName(name).build()));
    return new Activity(response.getActivityArn(), name, Connection.instant(response.getCreationDate()));
  }

  /**
   * @throws InvalidArnException the ARN is malformed
   * @throws ActivityDoesNotExistException there is no such activity
   */
  public Activity describeActivity(String activityArn) {
    Objects.requireNonNull(activityArn, "activityArn");
    DescribeActivityResponse response = connection.call(stub -> stub.describeActivity(
        DescribeActivityRequest.newBuilder().setActivityArn(activityArn).build()));
    return new Activity(response.getActivityArn(), response.getName(),
        Connection.instant(response.getCreationDate()));
  }

  /**
   * One page of activities.
   *
   * @param maxResults 1 to 1000, or 0 for the broker's default (100)
   * @param nextToken the previous page's token, or empty for the first page
   * @throws InvalidTokenException the token was not issued by this broker
   */
  public Page<Activity> listActivities(int maxResults, String nextToken) {
    ListActivitiesResponse response = connection.call(stub -> stub.listActivities(
        ListActivitiesRequest.newBuilder()
            .setMaxResults(maxResults)
            .setNextToken(Objects.requireNonNull(nextToken, "nextToken"))
            .build()));
    return new Page<>(
        response.getActivitiesList().stream().map(BatonClient::activity).toList(),
        token(response.getNextToken()));
  }

  /** All activities, fetched page by page as the stream is consumed. */
  public Stream<Activity> activities() {
    return Page.all(token -> listActivities(0, token));
  }

  /**
   * Deletes an activity; deleting one that does not exist succeeds, as on AWS.
   *
   * @throws InvalidArnException the ARN is malformed
   */
  public void deleteActivity(String activityArn) {
    Objects.requireNonNull(activityArn, "activityArn");
    connection.call(stub -> stub.deleteActivity(
        DeleteActivityRequest.newBuilder().setActivityArn(activityArn).build()));
  }

  // ---- Executions

  /**
   * Starts an execution with a generated name.
   *
   * @param input JSON text, at most 256 KiB; null for {@code {}}
   * @throws InvalidArnException the ARN is malformed
   * @throws InvalidExecutionInputException the input is not JSON or too large
   * @throws StateMachineDoesNotExistException there is no such state machine
   * @throws StateMachineDeletingException the state machine is being deleted
   */
  public StartedExecution startExecution(String stateMachineArn, String input) {
    return startExecution(stateMachineArn, "", input, "");
  }

  /**
   * Starts an execution with a name, unique per state machine.
   *
   * @param name the execution's name; empty for a generated one
   * @param input JSON text, at most 256 KiB; null for {@code {}}
   * @throws InvalidNameException the name is not allowed
   * @throws ExecutionAlreadyExistsException an execution of that name exists with another input
   * @see #startExecution(String, String)
   */
  public StartedExecution startExecution(String stateMachineArn, String name, String input) {
    return startExecution(stateMachineArn, name, input, "");
  }

  /**
   * Starts an execution with a name and a trace header (recorded, for X-Ray compatible tooling).
   *
   * @see #startExecution(String, String, String)
   */
  public StartedExecution startExecution(String stateMachineArn, String name, String input, String traceHeader) {
    Objects.requireNonNull(stateMachineArn, "stateMachineArn");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(traceHeader, "traceHeader");
    StartExecutionRequest.Builder request = StartExecutionRequest.newBuilder()
        .setStateMachineArn(stateMachineArn)
        .setName(name)
        .setTraceHeader(traceHeader);
    if (input != null) {
      request.setInput(input);
    }
    StartExecutionResponse response = connection.call(stub -> stub.startExecution(request.build()));
    return new StartedExecution(response.getExecutionArn(), Connection.instant(response.getStartDate()));
  }

  /**
   * @throws InvalidArnException the ARN is malformed
   * @throws ExecutionDoesNotExistException there is no such execution
   */
  public Execution describeExecution(String executionArn) {
    Objects.requireNonNull(executionArn, "executionArn");
    DescribeExecutionResponse response = connection.call(stub -> stub.describeExecution(
        DescribeExecutionRequest.newBuilder().setExecutionArn(executionArn).build()));
    return new Execution(
        response.getExecutionArn(),
        response.getStateMachineArn(),
        response.getName(),
        ExecutionStatus.valueOf(response.getStatus()),
        Connection.instant(response.getStartDate()),
        response.hasStopDate() ? Optional.of(Connection.instant(response.getStopDate())) : Optional.empty(),
        response.hasInput() ? Optional.of(response.getInput()) : Optional.empty(),
        response.hasOutput() ? Optional.of(response.getOutput()) : Optional.empty(),
        response.hasError() ? Optional.of(response.getError()) : Optional.empty(),
        response.hasCause() ? Optional.of(response.getCause()) : Optional.empty(),
        response.getTraceHeader());
  }

  /** First pause of {@link #awaitExecution}; it doubles up to {@link #AWAIT_MAX_PAUSE}. */
  public static final Duration AWAIT_FIRST_PAUSE = Duration.ofMillis(10);
  /** Longest pause between two DescribeExecution calls of {@link #awaitExecution}. */
  public static final Duration AWAIT_MAX_PAUSE = Duration.ofSeconds(1);

  /**
   * Waits until the execution has ended, calling DescribeExecution with a growing pause (10 ms
   * doubling up to 1 s), and returns its final description; when {@code timeout} passes first,
   * returns the latest description, still {@link ExecutionStatus#RUNNING}.
   *
   * @throws InvalidArnException the ARN is malformed
   * @throws ExecutionDoesNotExistException there is no such execution
   * @throws InterruptedException the waiting thread was interrupted
   */
  public Execution awaitExecution(String executionArn, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    long pause = AWAIT_FIRST_PAUSE.toMillis();
    while (true) {
      Execution execution = describeExecution(executionArn);
      long left = deadline - System.nanoTime();
      if (execution.status() != ExecutionStatus.RUNNING || left <= 0) {
        return execution;
      }
      Thread.sleep(Math.min(pause, Math.max(1, left / 1_000_000)));
      pause = Math.min(AWAIT_MAX_PAUSE.toMillis(), pause * 2);
    }
  }

  /**
   * One page of a state machine's executions, newest first.
   *
   * @param status only executions in this status, or null for all
   * @param maxResults 1 to 1000, or 0 for the broker's default (100)
   * @param nextToken the previous page's token, or empty for the first page
   * @throws InvalidArnException the ARN is malformed
   * @throws StateMachineDoesNotExistException there is no such state machine
   * @throws InvalidTokenException the token was not issued by this broker
   */
  public Page<ExecutionSummary> listExecutions(
      String stateMachineArn, ExecutionStatus status, int maxResults, String nextToken) {
    Objects.requireNonNull(stateMachineArn, "stateMachineArn");
    ListExecutionsRequest.Builder request = ListExecutionsRequest.newBuilder()
        .setStateMachineArn(stateMachineArn)
        .setMaxResults(maxResults)
        .setNextToken(Objects.requireNonNull(nextToken, "nextToken"));
    if (status != null) {
      request.setStatusFilter(status.name());
    }
    ListExecutionsResponse response = connection.call(stub -> stub.listExecutions(request.build()));
    return new Page<>(
        response.getExecutionsList().stream().map(BatonClient::execution).toList(),
        token(response.getNextToken()));
  }

  /**
   * All of a state machine's executions (in a status, or all when null), fetched page by page as
   * the stream is consumed.
   */
  public Stream<ExecutionSummary> executions(String stateMachineArn, ExecutionStatus status) {
    return Page.all(token -> listExecutions(stateMachineArn, status, 0, token));
  }

  /**
   * Stops a running execution: it ends ABORTED. Stopping one that has already ended changes
   * nothing.
   *
   * @return when the execution stopped
   * @throws InvalidArnException the ARN is malformed
   * @throws ExecutionDoesNotExistException there is no such execution
   */
  public Instant stopExecution(String executionArn) {
    return stopExecution(executionArn, null, null);
  }

  /**
   * Stops a running execution with an error and cause, recorded in its ExecutionAborted event.
   *
   * @param error the error, or null for none
   * @param cause the cause, or null for none
   * @see #stopExecution(String)
   */
  public Instant stopExecution(String executionArn, String error, String cause) {
    Objects.requireNonNull(executionArn, "executionArn");
    StopExecutionRequest.Builder request = StopExecutionRequest.newBuilder().setExecutionArn(executionArn);
    if (error != null) {
      request.setError(error);
    }
    if (cause != null) {
      request.setCause(cause);
    }
    return Connection.instant(connection.call(stub -> stub.stopExecution(request.build())).getStopDate());
  }

  /**
   * One page of an execution's history.
   *
   * @throws InvalidArnException the ARN is malformed
   * @throws ExecutionDoesNotExistException there is no such execution
   * @throws InvalidTokenException the token was not issued by this broker
   */
  public Page<HistoryEvent> getExecutionHistory(String executionArn, HistoryQuery query) {
    Objects.requireNonNull(executionArn, "executionArn");
    Objects.requireNonNull(query, "query");
    GetExecutionHistoryResponse response = connection.call(stub -> stub.getExecutionHistory(
        GetExecutionHistoryRequest.newBuilder()
            .setExecutionArn(executionArn)
            .setMaxResults(query.maxResults())
            .setReverseOrder(query.reverseOrder())
            .setIncludeExecutionData(query.includeExecutionData())
            .setNextToken(query.nextToken())
            .build()));
    return new Page<>(response.getEventsList(), token(response.getNextToken()));
  }

  /** An execution's whole history, oldest event first (AWS caps a history at 25,000 events). */
  public List<HistoryEvent> getExecutionHistory(String executionArn) {
    HistoryQuery first = HistoryQuery.FIRST_PAGE.withMaxResults(1000);
    return Page.all(token -> getExecutionHistory(executionArn, first.withNextToken(token))).toList();
  }

  /** Closes the channel if this client opened it. */
  @Override
  public void close() {
    connection.close();
  }

  private static StateMachineSummary stateMachine(StateMachineListItem item) {
    return new StateMachineSummary(item.getStateMachineArn(), item.getName(), type(item.getType()),
        Connection.instant(item.getCreationDate()));
  }

  private static Activity activity(ActivityListItem item) {
    return new Activity(item.getActivityArn(), item.getName(), Connection.instant(item.getCreationDate()));
  }

  private static ExecutionSummary execution(ExecutionListItem item) {
    return new ExecutionSummary(
        item.getExecutionArn(),
        item.getStateMachineArn(),
        item.getName(),
        ExecutionStatus.valueOf(item.getStatus()),
        Connection.instant(item.getStartDate()),
        item.hasStopDate() ? Optional.of(Connection.instant(item.getStopDate())) : Optional.empty());
  }

  /** AWS's default type is STANDARD. */
  private static StateMachineType type(String type) {
    return type.isEmpty() ? StateMachineType.STANDARD : StateMachineType.valueOf(type);
  }

  private static Optional<String> token(String nextToken) {
    return nextToken.isEmpty() ? Optional.empty() : Optional.of(nextToken);
  }
}
