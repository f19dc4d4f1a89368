package dev.baton.broker.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.Option;
import com.jayway.jsonpath.spi.json.JacksonJsonNodeJsonProvider;
import com.jayway.jsonpath.spi.mapper.JacksonMappingProvider;
import dev.baton.broker.BrokerFixture;
import dev.baton.broker.dataflow.EvaluationContext;
import dev.baton.broker.dataflow.Json;
import dev.baton.broker.dataflow.PayloadTemplate;
import dev.baton.proto.v1.CreateActivityRequest;
import dev.baton.proto.v1.CreateStateMachineRequest;
import dev.baton.proto.v1.DescribeExecutionRequest;
import dev.baton.proto.v1.DescribeExecutionResponse;
import dev.baton.proto.v1.GetActivityTaskRequest;
import dev.baton.proto.v1.GetActivityTaskResponse;
import dev.baton.proto.v1.GetExecutionHistoryRequest;
import dev.baton.proto.v1.GetExecutionHistoryResponse;
import dev.baton.proto.v1.HistoryEvent;
import dev.baton.proto.v1.SendTaskFailureRequest;
import dev.baton.proto.v1.SendTaskHeartbeatRequest;
import dev.baton.proto.v1.SendTaskSuccessRequest;
import dev.baton.proto.v1.StartExecutionRequest;
import dev.baton.proto.v1.StepFunctionsGrpc;
import dev.baton.proto.v1.StopExecutionRequest;
import io.grpc.StatusRuntimeException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replays one corpus case against a running broker over gRPC, following the corpus README's runner
 * conventions, and scores it (outcome, history, details).
 */
final class CaseRun {
    /** How long a case may run before it counts as hung. */
    static final Duration CASE_TIMEOUT = Duration.ofSeconds(150);
    private static final Duration POLL = Duration.ofMillis(25);
    private static final Pattern ACTIVITY_ARN = Pattern.compile("arn:aws:states:[a-z0-9-]+:\\d{12}:activity:([A-Za-z0-9_.~-]+)");
    private static final Configuration JSONPATH = Configuration.builder()
            .jsonProvider(new JacksonJsonNodeJsonProvider(Json.MAPPER))
            .mappingProvider(new JacksonMappingProvider(Json.MAPPER))
            .options(Option.SUPPRESS_EXCEPTIONS)
            .build();
    private static final JsonFormat.Printer EVENT_PRINTER = JsonFormat.printer().omittingInsignificantWhitespace();

    /**
     * @param history null when the case has no recorded history
     * @param details null when the case has no recorded history
     * @param reason  the first difference found, or null when everything matched
     */
    record Result(ConformanceCase c, boolean outcome, Boolean history, Boolean details, String reason) {
    }

    private final ConformanceCase c;
    private final StepFunctionsGrpc.StepFunctionsBlockingStub api;
    private final String suffix;
    private final Map<String, String> substitutions = new LinkedHashMap<>();
    /** The test's state machines by the name it gave them -> the ARN of ours. */
    private final Map<String, String> stateMachines = new LinkedHashMap<>();
    /** Our state machines' names, in the order the test created its own. */
    private final List<String> created = new ArrayList<>();
    /** Values the test made at run time ({@code <auto:LABEL>}) by label -> the ones made here. */
    private final Map<String, String> environment = new LinkedHashMap<>();
    private static final Pattern AUTO = Pattern.compile("<auto:([^>]*\\))(?:\\.[A-Za-z]+)?>");
    private static final Pattern STATE_MACHINE_ARN = Pattern.compile("arn:aws:states:[a-z0-9-]+:\\d{12}:stateMachine:");

    CaseRun(ConformanceCase c, StepFunctionsGrpc.StepFunctionsBlockingStub api, int number) {
        this.c = c;
        this.api = api;
        this.suffix = Integer.toString(number);
    }

    Result run() {
        try {
            return execute();
        } catch (StatusRuntimeException e) {
            return new Result(c, false, c.hasHistory() ? false : null, c.hasHistory() ? false : null,
                    "API call failed: " + BrokerFixture.awsError(e) + " " + e.getStatus().getDescription());
        } catch (RuntimeException e) {
            return new Result(c, false, c.hasHistory() ? false : null, c.hasHistory() ? false : null,
                    "runner error: " + e);
        }
    }

    private Result execute() {
        Carriers carriers = new Carriers(api, suffix, c);
        String definition = PythonJson.dumps(carriers.swap(c.json().path("definition")));
        Matcher m = ACTIVITY_ARN.matcher(definition);
        Set<String> activities = new LinkedHashSet<>();
        while (m.find()) {
            activities.add(m.group());
        }
        int k = 0;
        for (String arn : activities) {
            String name = "act_" + suffix + "_" + (k++);
            String ours = api.createActivity(CreateActivityRequest.newBuilder().setName(name).build()).getActivityArn();
            substitutions.put(arn, ours);
            substitutions.put(arn.substring(arn.lastIndexOf(':') + 1), name);
        }
        for (Map.Entry<String, String> s : substitutions.entrySet()) {
            if (s.getKey().startsWith("arn:")) {
                definition = definition.replace(s.getKey(), s.getValue());
            }
        }
        // The test's other state machines (children of sfn_nested cases) were created first: they hold
        // the snapshot's first <ArnPart_Nidx> placeholders.
        int others = 0;
        for (JsonNode other : c.notes().path("other_state_machines_created_by_test")) {
            String name = "sm_" + suffix + "_" + (others++);
            String text = substitute(PythonJson.dumps(carriers.swap(other.path("definition"))));
            String ours;
            try {
                ours = api.createStateMachine(CreateStateMachineRequest.newBuilder().setName(name).setDefinition(text)
                        .build()).getStateMachineArn();
            } catch (StatusRuntimeException e) {
                return new Result(c, false, c.hasHistory() ? false : null, c.hasHistory() ? false : null,
                        "CreateStateMachine of " + other.path("name").asText() + " failed: " + BrokerFixture.awsError(e)
                                + " " + e.getStatus().getDescription());
            }
            created.add(name);
            stateMachines.put(other.path("name").asText(), ours);
        }
        definition = substitute(definition);
        String smName = "sm_" + suffix;
        String execName = "ex_" + suffix;
        String smArn;
        try {
            smArn = api.createStateMachine(CreateStateMachineRequest.newBuilder().setName(smName)
                    .setDefinition(definition).build()).getStateMachineArn();
        } catch (StatusRuntimeException e) {
            return new Result(c, false, c.hasHistory() ? false : null, c.hasHistory() ? false : null,
                    "CreateStateMachine failed: " + BrokerFixture.awsError(e) + " " + e.getStatus().getDescription());
        }
        created.add(smName);
        StartExecutionRequest.Builder start = StartExecutionRequest.newBuilder().setStateMachineArn(smArn).setName(execName);
        if (c.json().has("input_raw")) {
            start.setInput(substitute(c.json().get("input_raw").asText()));
        } else if (!c.json().path("input").isNull() && !c.json().path("input").isMissingNode()) {
            start.setInput(substitute(PythonJson.dumps(c.json().get("input"))));
        }
        String execArn = api.startExecution(start.build()).getExecutionArn();
        carriers.serve(execArn);

        List<Thread> workers = new ArrayList<>();
        for (JsonNode worker : c.notes().path("activity_workers")) {
            Thread t = Thread.ofVirtual().name("worker-" + suffix).start(() -> work(worker, execArn));
            workers.add(t);
        }
        for (JsonNode action : c.notes().path("client_actions")) {
            if (action.path("api").asText().equals("stepfunctions.stop_execution")) {
                stopOnceAStateIsEntered(execArn, action.path("kwargs"));
            }
        }
        DescribeExecutionResponse described = awaitEnd(execArn);
        for (Thread t : workers) {
            t.interrupt();
        }
        carriers.stop();
        if (described.getStatus().equals("RUNNING")) {
            return new Result(c, false, c.hasHistory() ? false : null, c.hasHistory() ? false : null,
                    "still RUNNING after " + CASE_TIMEOUT.toSeconds() + " s");
        }
        return score(described, history(execArn), smName, execName);
    }

    /**
     * Puts this run's resources where the case names the test's: its state machines' ARNs, and
     * values the test made at run time ({@code <auto:sqs_create_queue()>}, see
     * {@code notes.environment_placeholders}).
     */
    private String substitute(String text) {
        for (Map.Entry<String, String> sm : stateMachines.entrySet()) {
            text = text.replaceAll(STATE_MACHINE_ARN.pattern() + Pattern.quote(sm.getKey()),
                    Matcher.quoteReplacement(sm.getValue()));
        }
        Matcher m = AUTO.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(environmentValue(m.group(1))));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** A value standing for a resource the test made: a queue URL, a topic ARN, a role ARN, ... */
    private String environmentValue(String label) {
        return environment.computeIfAbsent(label, l -> {
            String id = suffix + "_" + environment.size();
            if (l.startsWith("sqs")) {
                return "https://sqs.us-east-1.amazonaws.com/123456789012/queue_" + id;
            }
            if (l.startsWith("sns")) {
                return "arn:aws:sns:us-east-1:123456789012:topic_" + id;
            }
            if (l.contains("role")) {
                return "arn:aws:iam::123456789012:role/role_" + id;
            }
            return "resource_" + id;
        });
    }

    // ---- driving the execution ----

    private DescribeExecutionResponse awaitEnd(String execArn) {
        long deadline = System.nanoTime() + CASE_TIMEOUT.toNanos();
        while (true) {
            DescribeExecutionResponse d = api.describeExecution(DescribeExecutionRequest.newBuilder()
                    .setExecutionArn(execArn).build());
            if (!d.getStatus().equals("RUNNING") || System.nanoTime() > deadline) {
                return d;
            }
            LockSupport.parkNanos(POLL.toNanos());
        }
    }

    private void stopOnceAStateIsEntered(String execArn, JsonNode kwargs) {
        long deadline = System.nanoTime() + CASE_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            boolean entered = api.getExecutionHistory(GetExecutionHistoryRequest.newBuilder().setExecutionArn(execArn).build())
                    .getEventsList().stream().anyMatch(e -> e.getType().endsWith("StateEntered"));
            if (entered) {
                StopExecutionRequest.Builder stop = StopExecutionRequest.newBuilder().setExecutionArn(execArn);
                if (kwargs.hasNonNull("error")) {
                    stop.setError(kwargs.get("error").asText());
                }
                if (kwargs.hasNonNull("cause")) {
                    stop.setCause(kwargs.get("cause").asText());
                }
                api.stopExecution(stop.build());
                return;
            }
            LockSupport.parkNanos(POLL.toNanos());
        }
    }

    /**
     * The activity worker of {@code notes.activity_workers}: its consumer definition polls
     * GetActivityTask under a worker name until a task arrives, then walks the states after its
     * "task received" choice (SendTaskSuccess/Failure/Heartbeat calls with their Parameters, Pass,
     * Wait) once. Done here with raw gRPC calls.
     */
    private void work(JsonNode worker, String execArn) {
        JsonNode consumer = worker.path("consumer_definition");
        JsonNode states = consumer.path("States");
        String workerName = "worker";
        String received = null;
        for (Iterator<Map.Entry<String, JsonNode>> it = states.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode s = e.getValue();
            if (s.path("Resource").asText().endsWith(":getActivityTask")) {
                workerName = s.path("Parameters").path("WorkerName").asText(workerName);
            }
            if (s.path("Type").asText().equals("Choice")) {
                received = s.path("Choices").path(0).path("Next").asText();
            }
        }
        String activityArn = substitutions.entrySet().stream().filter(e -> e.getKey().startsWith("arn:"))
                .map(Map.Entry::getValue).findFirst().orElseThrow();
        try {
            while (!Thread.currentThread().isInterrupted()) {
                GetActivityTaskResponse task = api.getActivityTask(GetActivityTaskRequest.newBuilder()
                        .setActivityArn(activityArn).setWorkerName(workerName).build());
                if (task.getTaskToken().isEmpty()) {
                    continue;
                }
                ObjectNode doc = Json.MAPPER.createObjectNode();
                doc.put("ActivityArn", activityArn);
                doc.putObject("GetActivityTaskOutput").put("Input", task.getInput()).put("TaskToken", task.getTaskToken());
                walk(states, received, doc);
                return;
            }
        } catch (StatusRuntimeException e) {
            // The broker or the case ended; the worker is done.
        }
    }

    private void walk(JsonNode states, String stateName, JsonNode doc) {
        String name = stateName;
        while (name != null && !Thread.currentThread().isInterrupted()) {
            JsonNode s = states.path(name);
            String resource = s.path("Resource").asText();
            try {
                if (s.path("Type").asText().equals("Wait")) {
                    Thread.sleep(s.path("Seconds").asLong() * 1000);
                } else if (resource.contains(":sfn:sendTask")) {
                    JsonNode p = PayloadTemplate.parse(s.path("Parameters")).evaluate(doc, EvaluationContext.EMPTY);
                    String token = p.path("TaskToken").asText();
                    if (resource.endsWith(":sendTaskSuccess")) {
                        JsonNode out = p.path("Output");
                        api.sendTaskSuccess(SendTaskSuccessRequest.newBuilder().setTaskToken(token)
                                .setOutput(out.isTextual() ? out.textValue() : Json.write(out)).build());
                    } else if (resource.endsWith(":sendTaskFailure")) {
                        SendTaskFailureRequest.Builder f = SendTaskFailureRequest.newBuilder().setTaskToken(token);
                        if (p.hasNonNull("Error")) {
                            f.setError(p.get("Error").asText());
                        }
                        if (p.hasNonNull("Cause")) {
                            f.setCause(p.get("Cause").asText());
                        }
                        api.sendTaskFailure(f.build());
                    } else if (resource.endsWith(":sendTaskHeartbeat")) {
                        api.sendTaskHeartbeat(SendTaskHeartbeatRequest.newBuilder().setTaskToken(token).build());
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (dev.baton.broker.dataflow.DataflowSyntaxException e) {
                throw new IllegalStateException("worker definition: " + e.getMessage(), e);
            }
            name = s.path("End").asBoolean(false) ? null : s.path("Next").asText(null);
        }
    }

    private List<HistoryEvent> history(String execArn) {
        boolean reverse = reverseOrder();
        List<HistoryEvent> events = new ArrayList<>();
        String next = "";
        do {
            GetExecutionHistoryRequest.Builder req = GetExecutionHistoryRequest.newBuilder().setExecutionArn(execArn)
                    .setMaxResults(1000).setReverseOrder(reverse);
            if (!next.isEmpty()) {
                req.setNextToken(next);
            }
            GetExecutionHistoryResponse page = api.getExecutionHistory(req.build());
            events.addAll(page.getEventsList());
            next = page.getNextToken();
        } while (!next.isEmpty());
        return events;
    }

    /** The corpus README: read the history with reverseOrder when the expected ids descend. */
    private boolean reverseOrder() {
        JsonNode h = c.expectedHistory();
        return h.size() >= 2 && h.get(0).path("id").isInt() && h.get(1).path("id").isInt()
                && h.get(0).path("id").asInt() > h.get(1).path("id").asInt();
    }

    // ---- scoring ----

    private Result score(DescribeExecutionResponse described, List<HistoryEvent> events, String smName, String execName) {
        ObjectNode doc = Json.MAPPER.createObjectNode();
        ArrayNode actualEvents = doc.putArray("events");
        for (HistoryEvent e : events) {
            actualEvents.add(eventJson(e));
        }
        if (described.hasOutput()) {
            doc.set("output", parseOrText(described.getOutput()));
        }
        if (described.hasError()) {
            doc.put("error", described.getError());
        }
        if (described.hasCause()) {
            // The snapshot tool stored a cause that is JSON text parsed (expected.json_parsed_fields).
            doc.set("cause", snapshotValue(Json.MAPPER.getNodeFactory().textNode(described.getCause())));
        }
        transform(doc);
        skipUnverifiable(doc);

        Map<String, String> preBound = new HashMap<>();
        for (int i = 0; i < created.size(); i++) {
            preBound.put("<ArnPart_" + i + "idx>", created.get(i));
        }
        preBound.put("<ExecArnPart_0idx>", execName);
        List<String> tokens = new ArrayList<>();
        c.notes().path("expected_placeholders").forEach(n -> tokens.add(n.asText()));
        for (JsonNode t : c.notes().path("snapshot_transformers")) {
            JsonNode replacement = t.path("kwargs").has("replacement") ? t.path("kwargs").path("replacement") : t.path("args").path(1);
            if (replacement.isTextual()) {
                tokens.add(replacement.asText());
            }
        }
        SnapshotMatcher matcher = new SnapshotMatcher(tokens, preBound);

        String outcomeProblem = outcome(described, doc, matcher);
        Boolean history = null;
        Boolean details = null;
        String historyProblem = null;
        if (c.hasHistory()) {
            historyProblem = compareHistory(c.expectedHistory(), doc.withArray("events"), matcher, false);
            history = historyProblem == null;
            String detailsProblem = history ? compareHistory(c.expectedHistory(), doc.withArray("events"), matcher, true) : historyProblem;
            details = detailsProblem == null;
            if (historyProblem == null) {
                historyProblem = detailsProblem;
            }
        }
        String reason = outcomeProblem != null ? "outcome: " + outcomeProblem
                : historyProblem != null ? (Boolean.TRUE.equals(history) ? "details: " : "history: ") + historyProblem : null;
        return new Result(c, outcomeProblem == null, history, details, reason);
    }

    private String outcome(DescribeExecutionResponse described, ObjectNode doc, SnapshotMatcher matcher) {
        JsonNode expected = c.expected();
        String status = expected.path("status").asText();
        if (!status.equals(described.getStatus())) {
            return "status " + described.getStatus() + " (expected " + status + ")"
                    + (described.hasError() ? " error " + described.getError() : "")
                    + (described.hasCause() ? " cause " + described.getCause() : "");
        }
        if (status.equals("SUCCEEDED")) {
            JsonNode output = doc.get("output");
            // The corpus read outputs from the (transformed) ExecutionSucceeded event where it could.
            for (JsonNode e : doc.withArray("events")) {
                if (e.has("executionSucceededEventDetails") && e.get("executionSucceededEventDetails").has("output")) {
                    output = parseOrText(e.get("executionSucceededEventDetails").get("output"));
                }
            }
            String problem = matcher.compare(verifiable(expected.path("output")), output);
            return problem == null ? null : "output " + problem;
        }
        String problem = matcher.compare(expected.path("error"), doc.path("error"));
        if (problem != null) {
            return "error " + problem;
        }
        problem = matcher.compare(parseOrText(expected.path("cause")), parseOrText(doc.path("cause")));
        return problem == null ? null : "cause " + problem;
    }

    /**
     * Compares histories: type, id and previousEventId of each event (and with {@code details}, its
     * details). Events whose id the snapshot set to {@code [0]} (sorted Parallel events) are compared
     * as a set with the events between their neighbours.
     */
    private String compareHistory(JsonNode expected, JsonNode actual, SnapshotMatcher matcher, boolean details) {
        int ia = 0;
        for (int ie = 0; ie < expected.size(); ie++) {
            JsonNode e = expected.get(ie);
            if (e.path("id").isArray()) {
                int end = ie;
                while (end < expected.size() && expected.get(end).path("id").isArray()) {
                    end++;
                }
                int nextId = end < expected.size() ? expected.get(end).path("id").asInt() : Integer.MAX_VALUE;
                List<JsonNode> group = new ArrayList<>();
                while (ia < actual.size() && actual.get(ia).path("id").asInt() < nextId) {
                    group.add(actual.get(ia++));
                }
                for (int g = ie; g < end; g++) {
                    JsonNode want = expected.get(g);
                    boolean found = false;
                    for (Iterator<JsonNode> it = group.iterator(); it.hasNext(); ) {
                        JsonNode have = it.next();
                        if (have.path("type").asText().equals(want.path("type").asText())
                                && (!details || detailsProblem(want, have, matcher) == null)) {
                            it.remove();
                            found = true;
                            break;
                        }
                    }
                    if (!found) {
                        return "no event like " + want.path("type").asText() + " among the events before id " + nextId;
                    }
                }
                ie = end - 1;
                continue;
            }
            if (ia >= actual.size()) {
                return "missing event " + e.path("id") + " " + e.path("type").asText() + " (history has " + actual.size() + ")";
            }
            JsonNode a = actual.get(ia++);
            if (!a.path("type").asText().equals(e.path("type").asText()) || a.path("id").asInt() != e.path("id").asInt()
                    || a.path("previousEventId").asInt() != e.path("previousEventId").asInt()) {
                return "event " + e.path("id") + ": expected " + e.path("type").asText() + " prev " + e.path("previousEventId")
                        + ", got " + a.path("id") + " " + a.path("type").asText() + " prev " + a.path("previousEventId");
            }
            if (details) {
                String problem = detailsProblem(e, a, matcher);
                if (problem != null) {
                    return "event " + e.path("id") + " " + e.path("type").asText() + " details " + problem;
                }
            }
        }
        if (ia < actual.size()) {
            return "extra event " + actual.get(ia).path("id") + " " + actual.get(ia).path("type").asText();
        }
        return null;
    }

    private String detailsProblem(JsonNode expected, JsonNode actual, SnapshotMatcher matcher) {
        JsonNode want = verifiable(expected.path("details"));
        String key = expected.path("details_key").asText(null);
        if (want.isNull() || want.isMissingNode() || key == null) {
            return null;
        }
        return matcher.compare(want, actual.path(key));
    }

    // ---- the snapshot tool's rewriting, applied to Baton's results ----

    private static JsonNode eventJson(HistoryEvent e) {
        try {
            ObjectNode json = (ObjectNode) Json.parse(EVENT_PRINTER.print(e));
            json.remove("timestamp");
            if (!json.has("previousEventId")) {
                json.put("previousEventId", 0);
            }
            return snapshotValue(json);
        } catch (InvalidProtocolBufferException | com.fasterxml.jackson.core.JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /**
     * JSON strings that start with '{' are stored parsed (the snapshot tool's rule); strings inside a
     * value parsed that way stay as they are, as the tool left them.
     */
    static JsonNode snapshotValue(JsonNode value) {
        if (value.isTextual() && value.textValue().startsWith("{")) {
            try {
                return Json.parse(value.textValue());
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                return value;
            }
        }
        if (value instanceof ObjectNode o) {
            List<String> names = new ArrayList<>();
            o.fieldNames().forEachRemaining(names::add);
            for (String n : names) {
                o.set(n, snapshotValue(o.get(n)));
            }
        } else if (value instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                a.set(i, snapshotValue(a.get(i)));
            }
        }
        return value;
    }

    private static JsonNode parseOrText(JsonNode value) {
        if (value != null && value.isTextual()) {
            return parseOrText(value.textValue());
        }
        return value;
    }

    private static JsonNode parseOrText(String text) {
        try {
            return Json.parse(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return Json.MAPPER.getNodeFactory().textNode(text);
        }
    }

    /** Applies the case's snapshot transformers (JSONPath and regex replacements) to Baton's results. */
    private void transform(ObjectNode doc) {
        for (JsonNode t : c.notes().path("snapshot_transformers")) {
            String kind = t.path("kind").asText();
            JsonNode args = t.path("args");
            JsonNode kwargs = t.path("kwargs");
            if (kind.equals("JsonpathTransformer")) {
                String path = kwargs.has("jsonpath") ? kwargs.path("jsonpath").asText() : args.path(0).asText();
                String replacement = kwargs.has("replacement") ? kwargs.path("replacement").asText() : args.path(1).asText();
                Matcher deep = DEEP_SCAN.matcher(path);
                if (deep.matches()) {
                    // Jayway's deep-scan set fails on Jackson trees: replace every such key directly.
                    replaceKey(doc, deep.group(1), replacement);
                } else if (path.startsWith("$..") && path.substring(3).matches("[A-Za-z0-9_]+(\\.[A-Za-z0-9_]+)+")) {
                    setDeep(doc, path.substring(3).split("\\."), replacement);
                } else {
                    JsonPath.using(JSONPATH).parse(doc).set(path, replacement);
                }
            } else if (kind.equals("GenericTransformer") && args.path(0).asText().equals("_convert_output_to_json")) {
                outputsAsJson(doc);
            } else if (kind.equals("RegexTransformer") || kind.equals("transform.regex")) {
                String pattern = args.path(0).isObject()
                        // A value the test made at run time: the one this run made in its place.
                        ? Pattern.quote(environmentValue(args.path(0).path("label").asText()))
                        : args.path(0).asText();
                for (Map.Entry<String, String> s : substitutions.entrySet()) {
                    pattern = pattern.replace(s.getKey(), s.getValue());
                }
                replaceStrings(doc, Pattern.compile(pattern), args.path(1).asText());
            }
        }
    }

    /**
     * Removes the values no run but the recorded one can reproduce, where the case's test did not
     * verify them either ({@code notes.snapshot_skip_verify_paths}): the HTTP metadata AWS's
     * integrations add ({@code SdkHttpMetadata}, {@code SdkResponseMetadata}), which describe that
     * one HTTP exchange (its request id, date, content length). Nothing else is skipped.
     */
    private void skipUnverifiable(ObjectNode doc) {
        for (String key : unverifiable()) {
            removeKey(doc, key);
        }
    }

    /** Sets {@code $..a.b.c} wherever it exists, as the snapshot tool's JSONPath transformer does. */
    private static void setDeep(JsonNode node, String[] path, String replacement) {
        if (node instanceof ObjectNode o && o.has(path[0])) {
            JsonNode at = o;
            for (int i = 0; i < path.length - 1 && at != null; i++) {
                at = at.get(path[i]);
            }
            if (at instanceof ObjectNode parent && parent.has(path[path.length - 1])) {
                parent.put(path[path.length - 1], replacement);
            }
        }
        if (node != null && node.isContainerNode()) {
            node.forEach(child -> setDeep(child, path, replacement));
        }
    }

    /** Removes a member at any depth (JSONPath {@code $..key}). */
    private static void removeKey(JsonNode node, String key) {
        if (node instanceof ObjectNode o) {
            o.remove(key);
        }
        if (node != null && node.isContainerNode()) {
            node.forEach(child -> removeKey(child, key));
        }
    }

    private List<String> unverifiable() {
        List<String> keys = new ArrayList<>();
        for (JsonNode p : c.notes().path("snapshot_skip_verify_paths")) {
            String path = p.asText();
            if (path.equals("$..SdkHttpMetadata") || path.equals("$..SdkResponseMetadata")) {
                keys.add(path.substring(3));
            }
        }
        return keys;
    }

    /** The expected value without what {@link #skipUnverifiable} removes from Baton's. */
    private JsonNode verifiable(JsonNode expected) {
        List<String> keys = unverifiable();
        if (keys.isEmpty() || expected.isMissingNode()) {
            return expected;
        }
        JsonNode copy = expected.deepCopy();
        for (String key : keys) {
            removeKey(copy, key);
        }
        return copy;
    }

    /** {@code $..name}: the key at any depth. */
    private static final Pattern DEEP_SCAN = Pattern.compile("\\$\\.\\.([A-Za-z_][A-Za-z0-9_]*)");

    private static void replaceKey(JsonNode node, String key, String replacement) {
        if (node instanceof ObjectNode o) {
            List<String> names = new ArrayList<>();
            o.fieldNames().forEachRemaining(names::add);
            for (String n : names) {
                if (n.equals(key)) {
                    o.put(n, replacement);
                } else {
                    replaceKey(o.get(n), key, replacement);
                }
            }
        } else if (node instanceof ArrayNode a) {
            a.forEach(e -> replaceKey(e, key, replacement));
        }
    }

    /**
     * The test-side transformer {@code _convert_output_to_json}: every {@code output} member holding
     * JSON text is stored parsed.
     */
    private static void outputsAsJson(JsonNode node) {
        if (node instanceof ObjectNode o) {
            List<String> names = new ArrayList<>();
            o.fieldNames().forEachRemaining(names::add);
            for (String n : names) {
                JsonNode v = o.get(n);
                if (n.equals("output") && v.isTextual()) {
                    o.set(n, parseOrText(v.textValue()));
                } else {
                    outputsAsJson(v);
                }
            }
        } else if (node instanceof ArrayNode a) {
            a.forEach(CaseRun::outputsAsJson);
        }
    }

    private static void replaceStrings(JsonNode node, Pattern pattern, String replacement) {
        if (node instanceof ObjectNode o) {
            List<String> names = new ArrayList<>();
            o.fieldNames().forEachRemaining(names::add);
            for (String n : names) {
                JsonNode v = o.get(n);
                if (v.isTextual()) {
                    o.put(n, pattern.matcher(v.textValue()).replaceAll(Matcher.quoteReplacement(replacement)));
                } else {
                    replaceStrings(v, pattern, replacement);
                }
            }
        } else if (node instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                JsonNode v = a.get(i);
                if (v.isTextual()) {
                    a.set(i, pattern.matcher(v.textValue()).replaceAll(Matcher.quoteReplacement(replacement)));
                } else {
                    replaceStrings(v, pattern, replacement);
                }
            }
        }
    }
}
