package dev.baton.broker.api.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.Any;
import com.google.protobuf.Timestamp;
import dev.baton.proto.v1.AwsError;
import dev.baton.proto.v1.DescribeExecutionRequest;
import dev.baton.proto.v1.DescribeExecutionResponse;
import dev.baton.proto.v1.GetActivityTaskRequest;
import dev.baton.proto.v1.GetActivityTaskResponse;
import dev.baton.proto.v1.ListStateMachinesRequest;
import dev.baton.proto.v1.ListStateMachinesResponse;
import dev.baton.proto.v1.SendTaskSuccessRequest;
import dev.baton.proto.v1.SendTaskSuccessResponse;
import dev.baton.proto.v1.StartExecutionRequest;
import dev.baton.proto.v1.StartExecutionResponse;
import dev.baton.proto.v1.StepFunctionsGrpc;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The protocol translation, against a small in-process StepFunctions service (the real one is tested in e2e). */
class AwsJsonServerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ARN = "arn:aws:states:us-east-1:123456789012:execution:machine:run-1";

    private final FakeStepFunctions service = new FakeStepFunctions();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Server grpcServer;
    private ManagedChannel channel;
    private AwsJsonServer server;

    @BeforeEach
    void start() throws IOException {
        String name = InProcessServerBuilder.generateName();
        grpcServer = InProcessServerBuilder.forName(name).addService(service).build().start();
        channel = InProcessChannelBuilder.forName(name).build();
        server = startServer(AwsJsonServer.Options.builder().port(0).build());
    }

    private AwsJsonServer startServer(AwsJsonServer.Options options) throws IOException {
        return new AwsJsonServer(options, channel).start();
    }

    @AfterEach
    void stop() throws InterruptedException {
        server.close();
        service.releaseParked();
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        grpcServer.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    private HttpRequest.Builder request(String operation, String body) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-amz-json-1.0")
                // What a SigV4-signing SDK sends; Baton does not check it.
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20240101/us-east-1/states/aws4_request, "
                        + "SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=0123456789abcdef")
                .header("X-Amz-Date", "20240101T000000Z")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (operation != null) {
            builder.header("X-Amz-Target", operation);
        }
        return builder;
    }

    private HttpResponse<String> send(String operation, String body) throws Exception {
        return http.send(request(operation, body).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body());
    }

    private static void assertAwsError(HttpResponse<String> response, int status, String errorName) throws IOException {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/x-amz-json-1.0");
        assertThat(response.headers().firstValue("x-amzn-ErrorType")).hasValue(errorName);
        assertThat(response.headers().firstValue("x-amzn-RequestId")).isPresent();
        JsonNode body = json(response);
        assertThat(body.get("__type").asText()).isEqualTo(errorName);
        assertThat(body.get("message").asText()).isNotBlank();
    }

    @Test
    void anOperationReachesTheRpcOfTheSameNameAndItsReplyIsAwsJson() throws Exception {
        HttpResponse<String> response = send("AWSStepFunctions.DescribeExecution", "{\"executionArn\":\"" + ARN + "\"}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/x-amz-json-1.0");
        assertThat(response.headers().firstValue("x-amzn-RequestId")).hasValueSatisfying(id -> assertThat(id).hasSize(36));
        assertThat(response.body()).contains("\"startDate\":1700000000.5");
        JsonNode body = json(response);
        assertThat(body.get("executionArn").asText()).isEqualTo(ARN);
        assertThat(body.get("status").asText()).isEqualTo("RUNNING");
        assertThat(body.has("stopDate")).isFalse();
    }

    @Test
    void requestMembersArriveInTheRpcRequest() throws Exception {
        HttpResponse<String> response = send("AWSStepFunctions.StartExecution", """
                {"stateMachineArn":"arn:aws:states:us-east-1:123456789012:stateMachine:machine",
                 "name":"run-1","input":"{\\"k\\":[1,2]}","unknownMember":true}""");

        assertThat(response.statusCode()).isEqualTo(200);
        StartExecutionRequest seen = service.lastStart.get();
        assertThat(seen.getStateMachineArn()).isEqualTo("arn:aws:states:us-east-1:123456789012:stateMachine:machine");
        assertThat(seen.getName()).isEqualTo("run-1");
        assertThat(seen.getInput()).isEqualTo("{\"k\":[1,2]}");
        assertThat(json(response).get("executionArn").asText()).isEqualTo(ARN);
    }

    @Test
    void emptyListsAreSentAndEmptyTokensAreNot() throws Exception {
        HttpResponse<String> response = send("AWSStepFunctions.ListStateMachines", "{}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"stateMachines\":[]}");
    }

    @Test
    void anAwsErrorDetailBecomesTheErrorTypeWithHttp400() throws Exception {
        HttpResponse<String> response = send("AWSStepFunctions.DescribeExecution", "{\"executionArn\":\"arn:missing\"}");

        assertAwsError(response, 400, "ExecutionDoesNotExist");
        assertThat(json(response).get("message").asText()).isEqualTo("Execution Does Not Exist: 'arn:missing'");
    }

    @Test
    void aServerFailureIsInternalFailureWithoutItsInternals() throws Exception {
        HttpResponse<String> response = send("AWSStepFunctions.SendTaskSuccess", "{\"taskToken\":\"t\",\"output\":\"{}\"}");

        assertAwsError(response, 500, "InternalFailure");
        assertThat(response.body()).doesNotContain("NullPointerException").contains(response.headers().firstValue("x-amzn-RequestId").orElseThrow());
    }

    @Test
    void anRpcTheBrokerDoesNotImplementIsAnUnknownOperation() throws Exception {
        assertAwsError(send("AWSStepFunctions.ListActivities", "{}"), 400, "UnknownOperationException");
    }

    @Test
    void unknownMissingOrForeignTargetsAreUnknownOperations() throws Exception {
        HttpResponse<String> unknown = send("AWSStepFunctions.DescribeNothing", "{}");
        assertAwsError(unknown, 400, "UnknownOperationException");
        assertThat(json(unknown).get("message").asText()).contains("DescribeNothing").contains("StartExecution");

        HttpResponse<String> missing = send(null, "{}");
        assertAwsError(missing, 400, "UnknownOperationException");
        assertThat(json(missing).get("message").asText()).contains("X-Amz-Target");

        assertAwsError(send("DynamoDB_20120810.ListTables", "{}"), 400, "UnknownOperationException");
    }

    @Test
    void bodiesThatAreNotTheOperationsJsonAreSerializationExceptions() throws Exception {
        assertAwsError(send("AWSStepFunctions.DescribeExecution", "{\"executionArn\":"), 400, "SerializationException");
        assertAwsError(send("AWSStepFunctions.DescribeExecution", "\"text\""), 400, "SerializationException");
        assertAwsError(send("AWSStepFunctions.ListStateMachines", "{\"maxResults\":{\"a\":1}}"), 400, "SerializationException");
    }

    @Test
    void onlyPostIsAccepted() throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/")).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertAwsError(response, 405, "UnknownOperationException");
        assertThat(response.headers().firstValue("Allow")).hasValue("POST");
    }

    @Test
    void aBodyOverTheLimitIsRefusedWith413AndALargeDefinitionIsNot() throws Exception {
        String definition = "x".repeat(1024 * 1024);
        HttpResponse<String> large = send("AWSStepFunctions.StartExecution",
                "{\"stateMachineArn\":\"arn\",\"input\":\"" + definition + "\"}");
        assertThat(large.statusCode()).isEqualTo(200);
        assertThat(service.lastStart.get().getInput()).hasSize(definition.length());

        HttpResponse<String> tooLarge = send("AWSStepFunctions.StartExecution",
                "{\"stateMachineArn\":\"arn\",\"input\":\"" + "x".repeat(AwsJsonServer.Options.DEFAULT_MAX_REQUEST_BYTES) + "\"}");
        assertAwsError(tooLarge, 413, "RequestEntityTooLargeException");

        // The connection (or a new one) still serves the next request.
        assertThat(send("AWSStepFunctions.ListStateMachines", "{}").statusCode()).isEqualTo(200);
    }

    @Test
    void parkedLongPollsHoldNoThreadAndOthersAreServedMeanwhile() throws Exception {
        int polls = 3 * AwsJsonServer.Options.DEFAULT_EVENT_LOOP_THREADS + 2;
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        for (int i = 0; i < polls; i++) {
            answers.add(http.sendAsync(request("AWSStepFunctions.GetActivityTask",
                    "{\"activityArn\":\"arn:aws:states:us-east-1:123456789012:activity:a\",\"workerName\":\"w" + i + "\"}").build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> service.parked.size() == polls);

        // Every event loop thread has parked polls; a new request is still answered at once.
        assertThat(send("AWSStepFunctions.DescribeExecution", "{\"executionArn\":\"" + ARN + "\"}").statusCode()).isEqualTo(200);
        assertThat(answers).noneMatch(CompletableFuture::isDone);

        service.releaseParked();
        for (CompletableFuture<HttpResponse<String>> answer : answers) {
            HttpResponse<String> response = answer.get(20, TimeUnit.SECONDS);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(json(response).get("taskToken").asText()).startsWith("token-for-w");
        }
    }

    @Test
    void aClientThatHangsUpCancelsItsParkedPoll() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            writeRequest(socket.getOutputStream(), "AWSStepFunctions.GetActivityTask", "{\"activityArn\":\"a\"}");
            await().atMost(Duration.ofSeconds(20)).until(() -> service.parked.size() == 1);
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> service.cancelledPolls.get() == 1);
    }

    @Test
    void pipelinedRequestsOnOneConnectionAreAnsweredInOrder() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            writeRequest(out, "AWSStepFunctions.GetActivityTask", "{\"activityArn\":\"a\",\"workerName\":\"first\"}");
            writeRequest(out, "AWSStepFunctions.DescribeExecution", "{\"executionArn\":\"" + ARN + "\"}");
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));

            await().atMost(Duration.ofSeconds(20)).until(() -> service.parked.size() == 1);
            service.releaseParked();

            assertThat(readBody(in)).contains("token-for-first");
            assertThat(readBody(in)).contains(ARN);
        }
    }

    @Test
    void closingAnswersParkedPollsServiceUnavailableAfterTheGrace() throws Exception {
        server.close();
        server = startServer(AwsJsonServer.Options.builder().port(0).shutdownGrace(Duration.ofMillis(200)).build());
        CompletableFuture<HttpResponse<String>> poll = http.sendAsync(
                request("AWSStepFunctions.GetActivityTask", "{\"activityArn\":\"a\"}").build(), HttpResponse.BodyHandlers.ofString());
        await().atMost(Duration.ofSeconds(20)).until(() -> service.parked.size() == 1);

        server.close();

        assertAwsError(poll.get(20, TimeUnit.SECONDS), 503, "ServiceUnavailable");
        assertThat(service.cancelledPolls.get()).isEqualTo(1);
    }

    @Test
    void closingLetsRequestsInFlightFinish() throws Exception {
        CompletableFuture<HttpResponse<String>> poll = http.sendAsync(
                request("AWSStepFunctions.GetActivityTask", "{\"activityArn\":\"a\",\"workerName\":\"w\"}").build(),
                HttpResponse.BodyHandlers.ofString());
        await().atMost(Duration.ofSeconds(20)).until(() -> service.parked.size() == 1);

        CompletableFuture<Void> closing = CompletableFuture.runAsync(server::close);
        service.releaseParked();
        closing.get(20, TimeUnit.SECONDS);

        assertThat(poll.get(20, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    }

    @Test
    void unusedConnectionsAreClosedAfterTheIdleTimeoutButALongPollIsNot() throws Exception {
        server.close();
        server = startServer(AwsJsonServer.Options.builder().port(0).idleTimeout(Duration.ofMillis(200)).build());
        try (Socket idle = new Socket("127.0.0.1", server.port()); Socket polling = new Socket("127.0.0.1", server.port())) {
            idle.setSoTimeout(20_000);
            writeRequest(idle.getOutputStream(), "AWSStepFunctions.ListStateMachines", "{}");
            BufferedReader in = new BufferedReader(new InputStreamReader(idle.getInputStream(), StandardCharsets.UTF_8));
            assertThat(readBody(in)).isEqualTo("{\"stateMachines\":[]}");

            writeRequest(polling.getOutputStream(), "AWSStepFunctions.GetActivityTask", "{\"activityArn\":\"a\"}");
            await().atMost(Duration.ofSeconds(20)).until(() -> service.parked.size() == 1);

            assertThat(in.read()).as("end of stream: the server closed the unused connection").isEqualTo(-1);
            await().during(Duration.ofMillis(600)).atMost(Duration.ofSeconds(5)).until(() -> service.cancelledPolls.get() == 0);
        }
    }

    private static void writeRequest(OutputStream out, String target, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String head = "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-amz-json-1.0\r\n"
                + "X-Amz-Target: " + target + "\r\nContent-Length: " + bytes.length + "\r\n\r\n";
        out.write(head.getBytes(StandardCharsets.US_ASCII));
        out.write(bytes);
        out.flush();
    }

    private static String readBody(BufferedReader in) throws IOException {
        String status = in.readLine();
        assertThat(status).startsWith("HTTP/1.1 200");
        int length = -1;
        for (String line = in.readLine(); !line.isEmpty(); line = in.readLine()) {
            if (line.toLowerCase().startsWith("content-length:")) {
                length = Integer.parseInt(line.substring("content-length:".length()).trim());
            }
        }
        char[] body = new char[length];
        int read = 0;
        while (read < length) {
            read += in.read(body, read, length - read);
        }
        return new String(body);
    }

    /** Answers a few rpcs the way the broker does; the rest stay UNIMPLEMENTED. */
    private static final class FakeStepFunctions extends StepFunctionsGrpc.StepFunctionsImplBase {
        final LinkedBlockingQueue<Parked> parked = new LinkedBlockingQueue<>();
        final AtomicInteger cancelledPolls = new AtomicInteger();
        final AtomicReference<StartExecutionRequest> lastStart = new AtomicReference<>();

        record Parked(GetActivityTaskRequest request, StreamObserver<GetActivityTaskResponse> observer) {}

        @Override
        public void describeExecution(DescribeExecutionRequest request, StreamObserver<DescribeExecutionResponse> observer) {
            if (!request.getExecutionArn().equals(ARN)) {
                observer.onError(awsError(Status.Code.NOT_FOUND, "ExecutionDoesNotExist",
                        "Execution Does Not Exist: '" + request.getExecutionArn() + "'"));
                return;
            }
            observer.onNext(DescribeExecutionResponse.newBuilder()
                    .setExecutionArn(ARN)
                    .setStatus("RUNNING")
                    .setStartDate(Timestamp.newBuilder().setSeconds(1_700_000_000L).setNanos(500_000_000))
                    .build());
            observer.onCompleted();
        }

        @Override
        public void startExecution(StartExecutionRequest request, StreamObserver<StartExecutionResponse> observer) {
            lastStart.set(request);
            observer.onNext(StartExecutionResponse.newBuilder().setExecutionArn(ARN)
                    .setStartDate(Timestamp.newBuilder().setSeconds(1_700_000_000L)).build());
            observer.onCompleted();
        }

        @Override
        public void listStateMachines(ListStateMachinesRequest request, StreamObserver<ListStateMachinesResponse> observer) {
            observer.onNext(ListStateMachinesResponse.getDefaultInstance());
            observer.onCompleted();
        }

        @Override
        public void sendTaskSuccess(SendTaskSuccessRequest request, StreamObserver<SendTaskSuccessResponse> observer) {
            observer.onError(Status.INTERNAL.withDescription("java.lang.NullPointerException at Secret.java:42").asRuntimeException());
        }

        @Override
        public void getActivityTask(GetActivityTaskRequest request, StreamObserver<GetActivityTaskResponse> observer) {
            ((ServerCallStreamObserver<GetActivityTaskResponse>) observer).setOnCancelHandler(cancelledPolls::incrementAndGet);
            parked.add(new Parked(request, observer));
        }

        void releaseParked() {
            Parked poll;
            while ((poll = parked.poll()) != null) {
                try {
                    poll.observer().onNext(GetActivityTaskResponse.newBuilder()
                            .setTaskToken("token-for-" + poll.request().getWorkerName()).setInput("{}").build());
                    poll.observer().onCompleted();
                } catch (StatusRuntimeException alreadyCancelled) {
                    // the client went away; nothing to answer
                }
            }
        }

        private static StatusRuntimeException awsError(Status.Code code, String name, String message) {
            return StatusProto.toStatusRuntimeException(com.google.rpc.Status.newBuilder()
                    .setCode(code.value())
                    .setMessage(message)
                    .addDetails(Any.pack(AwsError.newBuilder().setErrorName(name).setMessage(message).build()))
                    .build());
        }
    }
}
