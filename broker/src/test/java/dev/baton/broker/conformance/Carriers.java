package dev.baton.broker.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.broker.dataflow.Json;
import dev.baton.proto.v1.GetExecutionHistoryRequest;
import dev.baton.proto.v1.GetFunctionTaskRequest;
import dev.baton.proto.v1.GetFunctionTaskResponse;
import dev.baton.proto.v1.SendTaskFailureRequest;
import dev.baton.proto.v1.SendTaskHeartbeatRequest;
import dev.baton.proto.v1.SendTaskSuccessRequest;
import dev.baton.proto.v1.StepFunctionsGrpc;
import io.grpc.StatusRuntimeException;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Baton's own carriers for the corpus' callback cases. AWS recorded them with SQS or SNS carrying
 * the task token to a test-side consumer; Baton has neither service, so (as the corpus README says)
 * the runner swaps the carrier: a Task state {@code arn:aws:states:::SERVICE:ACTION[.waitForTaskToken]}
 * of a service Baton does not run becomes {@code arn:aws:states:::lambda:invoke[.waitForTaskToken]}
 * with {@code {"FunctionName": <the case's carrier>, "Payload": <the state's Parameters>}}, and a
 * function served here plays the consumer that {@code notes.token_consumers} (or the named test
 * threads of {@code notes.client_threads_not_replayed}) describe: it reads the token from the message
 * as the consumer read it from the queue, and answers with SendTaskSuccess / SendTaskFailure /
 * SendTaskHeartbeat. The events then name {@code lambda} and {@code invoke...} where AWS's name
 * {@code sqs}/{@code sns}; that is why the report scores outcome and history apart from details.
 */
final class Carriers {
    /** Services whose Task states Baton runs itself; others are carried by a function. */
    private static final List<String> NATIVE = List.of("lambda", "states", "aws-sdk");
    private static final Pattern INTEGRATION = Pattern.compile(
            "^arn:aws[a-z-]*:states:::([a-z0-9-]+):([A-Za-z0-9]+)(\\.waitForTaskToken)?$");
    private static final Pattern QUOTED = Pattern.compile("(error|cause)\\s*=\\s*'([^']*)'");

    /** What the test-side consumer does with a message. */
    record Consumer(boolean heartbeats, boolean fails, String error, String cause, Output output) {
        static final Consumer NONE = new Consumer(false, false, null, null, null);
    }

    /** What a succeeding consumer answers with. */
    enum Output {
        /** JsonToString(Body.Message): the message's Message member as JSON text. */
        MESSAGE,
        /** The message body as it came. */
        BODY,
        /** {@code {}}. */
        EMPTY
    }

    private final StepFunctionsGrpc.StepFunctionsBlockingStub api;
    private final String callbackFunction;
    private final String sendFunction;
    private final Consumer consumer;
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicInteger invocations = new AtomicInteger();
    private volatile String executionArn;
    private boolean usesCallback;
    private boolean usesSend;

    Carriers(StepFunctionsGrpc.StepFunctionsBlockingStub api, String suffix, ConformanceCase c) {
        this.api = api;
        this.callbackFunction = "carrier_" + suffix + "_wait";
        this.sendFunction = "carrier_" + suffix + "_send";
        this.consumer = consumer(c.notes());
    }

    /** Swaps the carriers of a definition (a copy); notes which carriers the case needs. */
    JsonNode swap(JsonNode definition) {
        JsonNode copy = definition.deepCopy();
        swapIn(copy);
        return copy;
    }

    private void swapIn(JsonNode node) {
        if (node instanceof ObjectNode o) {
            JsonNode resource = o.get("Resource");
            if (o.path("Type").asText().equals("Task") && resource != null && resource.isTextual()) {
                Matcher m = INTEGRATION.matcher(resource.textValue());
                if (m.matches() && !NATIVE.contains(m.group(1))) {
                    boolean callback = m.group(3) != null;
                    usesCallback |= callback;
                    usesSend |= !callback;
                    ObjectNode parameters = Json.MAPPER.createObjectNode();
                    parameters.put("FunctionName", callback ? callbackFunction : sendFunction);
                    parameters.set("Payload", o.has("Parameters") ? o.get("Parameters") : Json.MAPPER.createObjectNode());
                    o.put("Resource", "arn:aws:states:::lambda:invoke" + (callback ? ".waitForTaskToken" : ""));
                    o.set("Parameters", parameters);
                }
            }
            for (Iterator<JsonNode> it = o.elements(); it.hasNext(); ) {
                swapIn(it.next());
            }
        } else if (node != null && node.isArray()) {
            node.forEach(this::swapIn);
        }
    }

    boolean swapped() {
        return usesCallback || usesSend;
    }

    /** Serves the carrier functions the swapped definitions name, for the execution being replayed. */
    void serve(String executionArn) {
        this.executionArn = executionArn;
        if (usesCallback) {
            threads.add(Thread.ofVirtual().name(callbackFunction).start(() -> serve(callbackFunction, true)));
        }
        if (usesSend) {
            threads.add(Thread.ofVirtual().name(sendFunction).start(() -> serve(sendFunction, false)));
        }
    }

    void stop() {
        threads.forEach(Thread::interrupt);
    }

    private void serve(String function, boolean callback) {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                GetFunctionTaskResponse task = api.getFunctionTask(GetFunctionTaskRequest.newBuilder()
                        .setFunctionName(function).setWorkerName("carrier").build());
                if (task.getTaskToken().isEmpty()) {
                    continue;
                }
                JsonNode payload = Json.parse(task.getPayload());
                // The carrier returns at once, as SendMessage or Publish does; the consumer reads the
                // message afterwards, so AWS's order (TaskSubmitted, then the callback) is kept.
                int submitted = callback ? invocations.incrementAndGet() : 0;
                api.sendTaskSuccess(SendTaskSuccessRequest.newBuilder().setTaskToken(task.getTaskToken())
                        .setOutput("{}").build());
                Thread.ofVirtual().start(() -> consume(payload, submitted));
            }
        } catch (StatusRuntimeException | com.fasterxml.jackson.core.JsonProcessingException e) {
            // The broker or the case ended.
        }
    }

    private void consume(JsonNode payload, int submitted) {
        if (consumer == Consumer.NONE) {
            return;
        }
        try {
            if (submitted > 0) {
                awaitSubmitted(submitted);
            }
            // SQS carries MessageBody; SNS carries Message (its subscriber reads the notification's Message).
            JsonNode body = payload.has("MessageBody") ? payload.get("MessageBody") : payload.path("Message");
            String bodyText = body.isTextual() ? body.textValue() : Json.write(body);
            JsonNode message = body.isTextual() ? Json.parse(body.textValue()) : body;
            String token = message.path("TaskToken").asText();
            if (consumer.heartbeats()) {
                for (int i = 0; i < 10; i++) {
                    api.sendTaskHeartbeat(SendTaskHeartbeatRequest.newBuilder().setTaskToken(token).build());
                }
            }
            if (consumer.fails()) {
                SendTaskFailureRequest.Builder f = SendTaskFailureRequest.newBuilder().setTaskToken(token);
                if (consumer.error() != null) {
                    f.setError(consumer.error());
                }
                if (consumer.cause() != null) {
                    f.setCause(consumer.cause());
                }
                api.sendTaskFailure(f.build());
                return;
            }
            String output = switch (consumer.output()) {
                case MESSAGE -> Json.write(message.path("Message"));
                case BODY -> bodyText;
                case EMPTY -> "{}";
            };
            api.sendTaskSuccess(SendTaskSuccessRequest.newBuilder().setTaskToken(token).setOutput(output).build());
        } catch (StatusRuntimeException | com.fasterxml.jackson.core.JsonProcessingException e) {
            // The task ended meanwhile, or the message held no token: the case shows what AWS does then.
        }
    }

    /** Waits until the replayed execution has recorded the carrier's return (its n-th TaskSubmitted). */
    private void awaitSubmitted(int n) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline && !Thread.currentThread().isInterrupted()) {
            long count = api.getExecutionHistory(GetExecutionHistoryRequest.newBuilder().setExecutionArn(executionArn)
                    .setMaxResults(1000).build()).getEventsList().stream()
                    .filter(e -> e.getType().equals("TaskSubmitted")).count();
            if (count >= n) {
                return;
            }
            LockSupport.parkNanos(20_000_000L);
        }
    }

    /**
     * The consumer the case's notes describe: {@code token_consumers[].behaviour} in words, or the
     * LocalStack test threads named in {@code client_threads_not_replayed} (their code reads the
     * queue's message and answers: {@code _handle_sqs_task_token_with_heartbeats_and_success} and
     * {@code _sqs_task_token_handler} send 10 heartbeats then SendTaskSuccess with the message body;
     * {@code _empty_send_task_failure_on_sqs_message} sends SendTaskFailure with no error or cause;
     * the SNS test's {@code retry} thread sends SendTaskSuccess with {@code {}}).
     */
    static Consumer consumer(JsonNode notes) {
        for (JsonNode tc : notes.path("token_consumers")) {
            String behaviour = tc.path("behaviour").asText();
            boolean fails = behaviour.contains("SendTaskFailure");
            String error = null;
            String cause = null;
            Matcher m = QUOTED.matcher(behaviour);
            while (m.find()) {
                if (m.group(1).equals("error")) {
                    error = m.group(2);
                } else {
                    cause = m.group(2);
                }
            }
            Output output = behaviour.contains("Body.Message") ? Output.MESSAGE
                    : behaviour.contains("output={}") ? Output.EMPTY : Output.BODY;
            return new Consumer(behaviour.contains("SendTaskHeartbeat"), fails, error, cause, output);
        }
        Map<String, Consumer> threads = Map.of(
                "_handle_sqs_task_token_with_heartbeats_and_success", new Consumer(true, false, null, null, Output.BODY),
                "_sqs_task_token_handler", new Consumer(true, false, null, null, Output.BODY),
                "_empty_send_task_failure_on_sqs_message", new Consumer(false, true, null, null, null),
                "retry", new Consumer(false, false, null, null, Output.EMPTY));
        for (JsonNode t : notes.path("client_threads_not_replayed")) {
            Consumer known = threads.get(t.asText());
            if (known != null) {
                return known;
            }
        }
        return Consumer.NONE;
    }
}
