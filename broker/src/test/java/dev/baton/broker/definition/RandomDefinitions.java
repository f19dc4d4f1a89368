package dev.baton.broker.definition;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Builds random valid ASL definitions in the canonical form {@link DefinitionWriter} writes (no
 * explicit defaults, Map items selected with ItemSelector), covering every state type, both query
 * languages, nested Parallel/Map graphs, Retry/Catch and Choice rules. Deterministic for a seed.
 */
final class RandomDefinitions {
    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);
    private static final List<String> RESOURCES = List.of(
            "arn:aws:states:us-east-1:123456789012:activity:work",
            "arn:aws:lambda:eu-west-1:123456789012:function:charge:live",
            "arn:aws:states:::lambda:invoke",
            "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
            "arn:aws:states:::states:startExecution.sync:2",
            "arn:aws:states:::aws-sdk:s3:getObject",
            "arn:aws:states:::http:invoke");
    private static final List<String> PATHS = List.of("$.a", "$.a.b", "$.items[0]", "$['odd key']", "$$.Execution.Input",
            "$$.Task.Token", "$counter", "$counter.total");
    private static final List<String> INTRINSICS = List.of("States.Format('x{}', $.a)", "States.StringToJson($.s)",
            "States.Array(1, $.a, 'two')", "States.MathAdd($.n, -1)", "States.UUID()");
    private static final List<String> REFERENCE_PATHS = List.of("$.result", "$.a.b", "$.list[1]", "$['odd key'].x");
    private static final List<String> EXPRESSIONS = List.of("{% $states.input.a %}", "{% 1 + 2 %}", "{% $count([1, 2]) %}",
            "{% $states.context.Execution.Id %}", "{% $counter %}", "{% {'x': $states.input} %}");
    private static final List<String> ERRORS = List.of("States.Timeout", "States.TaskFailed", "Custom.Error", "Another");
    private static final List<String> TIMESTAMPS = List.of("2016-03-14T01:59:00Z", "2030-12-31T23:59:59.123Z",
            "2024-02-29T12:00:00+02:00");

    private final Random random;
    private final boolean machineJsonata;
    private int names;

    RandomDefinitions(long seed) {
        this.random = new Random(seed);
        this.machineJsonata = random.nextInt(4) == 0;
    }

    ObjectNode machine() {
        ObjectNode root = NODES.objectNode();
        if (machineJsonata) {
            root.put("QueryLanguage", "JSONata");
        }
        if (chance(3)) {
            root.put("Version", "1.0");
        }
        if (chance(3)) {
            root.put("TimeoutSeconds", 1 + random.nextInt(100_000));
        }
        graph(root, 0);
        return root;
    }

    private boolean chance(int oneIn) {
        return random.nextInt(oneIn) == 0;
    }

    private <T> T pick(List<T> list) {
        return list.get(random.nextInt(list.size()));
    }

    private String text() {
        String alphabet = "abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_éü中";
        StringBuilder sb = new StringBuilder();
        int length = random.nextInt(12);
        for (int i = 0; i < length; i++) {
            sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    private JsonNode literal(int depth) {
        return switch (random.nextInt(depth > 1 ? 5 : 7)) {
            case 0 -> NODES.textNode(text());
            case 1 -> NODES.numberNode(random.nextInt(2000) - 1000);
            case 2 -> NODES.numberNode(new BigDecimal(random.nextInt(10_000)).movePointLeft(1 + random.nextInt(3)));
            case 3 -> NODES.booleanNode(random.nextBoolean());
            case 4 -> NODES.nullNode();
            case 5 -> {
                ObjectNode o = NODES.objectNode();
                for (int i = random.nextInt(3); i > 0; i--) {
                    o.set("k" + text().replace(" ", ""), literal(depth + 1));
                }
                yield o;
            }
            default -> {
                ArrayNode a = NODES.arrayNode();
                for (int i = random.nextInt(3); i > 0; i--) {
                    a.add(literal(depth + 1));
                }
                yield a;
            }
        };
    }

    /** A JSONPath payload template: literals and "key.$" paths, possibly nested. */
    private ObjectNode payload(int depth) {
        ObjectNode o = NODES.objectNode();
        for (int i = 1 + random.nextInt(3); i > 0; i--) {
            String key = "f" + i;
            switch (random.nextInt(depth > 0 ? 2 : 3)) {
                case 0 -> o.set(key, literal(1));
                case 1 -> o.put(key + ".$", chance(4) ? pick(INTRINSICS) : pick(PATHS));
                default -> o.set(key, payload(depth + 1));
            }
        }
        return o;
    }

    /** A JSONata template: literals and "{% %}" expressions, possibly nested, or one expression. */
    private JsonNode jsonataTemplate(boolean objectOnly) {
        if (!objectOnly && chance(3)) {
            return NODES.textNode(pick(EXPRESSIONS));
        }
        ObjectNode o = NODES.objectNode();
        for (int i = 1 + random.nextInt(3); i > 0; i--) {
            o.set("f" + i, chance(2) ? NODES.textNode(pick(EXPRESSIONS)) : literal(1));
        }
        return o;
    }

    private ObjectNode assign(boolean jsonata) {
        ObjectNode o = NODES.objectNode();
        for (int i = 1 + random.nextInt(2); i > 0; i--) {
            String name = pick(List.of("counter", "total", "_x", "user", "größe"));
            if (jsonata) {
                o.set(name, chance(2) ? NODES.textNode(pick(EXPRESSIONS)) : literal(1));
            } else if (chance(2)) {
                o.put(name + ".$", pick(PATHS));
            } else {
                o.set(name, literal(1));
            }
        }
        return o;
    }

    private void graph(ObjectNode graph, int depth) {
        if (chance(3)) {
            graph.put("Comment", text());
        }
        int count = 1 + random.nextInt(depth == 0 ? 5 : 3);
        List<String> stateNames = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            stateNames.add("S" + names++ + (chance(4) ? " " + text() : ""));
        }
        graph.put("StartAt", stateNames.get(0));
        ObjectNode states = graph.putObject("States");
        for (int i = 0; i < count; i++) {
            states.set(stateNames.get(i), state(stateNames, i, depth));
        }
    }

    private ObjectNode state(List<String> stateNames, int index, int depth) {
        boolean last = index == stateNames.size() - 1;
        boolean jsonata = machineJsonata || chance(4);
        ObjectNode s = NODES.objectNode();
        List<String> types = new ArrayList<>(List.of("Pass", "Task", "Wait"));
        if (depth < 2) {
            types.addAll(List.of("Parallel", "Map"));
        }
        if (last) {
            types.addAll(List.of("Succeed", "Fail"));
        } else {
            types.add("Choice");
        }
        String type = pick(types);
        s.put("Type", type);
        if (jsonata && !machineJsonata) {
            s.put("QueryLanguage", "JSONata");
        }
        if (chance(4)) {
            s.put("Comment", text());
        }
        List<String> later = stateNames.subList(index + 1, stateNames.size());
        io(s, type, jsonata);
        switch (type) {
            case "Pass" -> {
                if (!jsonata && chance(2)) {
                    s.set("Result", literal(0));
                }
            }
            case "Task" -> task(s, jsonata);
            case "Wait" -> wait(s, jsonata);
            case "Choice" -> choice(s, jsonata, later);
            case "Fail" -> fail(s, jsonata);
            case "Parallel" -> {
                ArrayNode branches = s.putArray("Branches");
                for (int i = 1 + random.nextInt(2); i > 0; i--) {
                    graph(branches.addObject(), depth + 1);
                }
            }
            case "Map" -> map(s, jsonata, depth);
            default -> {
            }
        }
        if (List.of("Task", "Parallel", "Map").contains(type)) {
            retry(s);
            catchers(s, jsonata, later);
        }
        if (List.of("Pass", "Task", "Wait", "Parallel", "Map").contains(type)) {
            if (last) {
                s.put("End", true);
            } else {
                s.put("Next", stateNames.get(index + 1));
            }
        }
        return s;
    }

    private void io(ObjectNode s, String type, boolean jsonata) {
        boolean working = List.of("Pass", "Task", "Parallel", "Map").contains(type);
        if (jsonata) {
            if (List.of("Task", "Parallel").contains(type) && chance(2)) {
                s.set("Arguments", jsonataTemplate(false));
            }
            if (!type.equals("Fail") && chance(3)) {
                s.set("Output", chance(2) ? jsonataTemplate(false) : literal(0));
            }
        } else {
            if (!type.equals("Fail")) {
                if (chance(4)) {
                    path(s, "InputPath");
                }
                if (chance(4)) {
                    path(s, "OutputPath");
                }
            }
            if (working && !type.equals("Map") && chance(3)) {
                s.set("Parameters", payload(0));
            }
            if (working && !type.equals("Pass") && chance(4)) {
                s.set("ResultSelector", payload(0));
            }
            if (working && chance(3)) {
                if (chance(4)) {
                    s.putNull("ResultPath");
                } else {
                    s.put("ResultPath", pick(REFERENCE_PATHS));
                }
            }
        }
        if (!List.of("Succeed", "Fail").contains(type) && chance(4)) {
            s.set("Assign", assign(jsonata));
        }
    }

    private void path(ObjectNode s, String field) {
        if (chance(5)) {
            s.putNull(field);
        } else {
            s.put(field, pick(PATHS));
        }
    }

    private void task(ObjectNode s, boolean jsonata) {
        s.put("Resource", pick(RESOURCES));
        Integer timeout = null;
        switch (random.nextInt(3)) {
            case 0 -> {
                timeout = 2 + random.nextInt(10_000);
                s.put("TimeoutSeconds", timeout);
            }
            case 1 -> {
                if (jsonata) {
                    s.put("TimeoutSeconds", "{% 60 %}");
                } else {
                    s.put("TimeoutSecondsPath", "$.timeout");
                }
            }
            default -> {
            }
        }
        if (chance(2)) {
            if (timeout != null || chance(2)) {
                s.put("HeartbeatSeconds", 1 + random.nextInt(timeout == null ? 1000 : timeout - 1));
            } else if (jsonata) {
                s.put("HeartbeatSeconds", "{% 10 %}");
            } else {
                s.put("HeartbeatSecondsPath", "$.heartbeat");
            }
        }
        if (chance(4)) {
            ObjectNode credentials = s.putObject("Credentials");
            if (!jsonata && chance(2)) {
                credentials.put("RoleArn.$", "$.role");
            } else {
                credentials.put("RoleArn", "arn:aws:iam::123456789012:role/worker");
            }
        }
    }

    private void wait(ObjectNode s, boolean jsonata) {
        switch (random.nextInt(4)) {
            case 0 -> s.put("Seconds", random.nextInt(1000));
            case 1 -> {
                if (jsonata) {
                    s.put("Seconds", "{% 5 %}");
                } else {
                    s.put("SecondsPath", "$.seconds");
                }
            }
            case 2 -> s.put("Timestamp", pick(TIMESTAMPS));
            default -> {
                if (jsonata) {
                    s.put("Timestamp", "{% $states.input.when %}");
                } else {
                    s.put("TimestampPath", "$.when");
                }
            }
        }
    }

    private void fail(ObjectNode s, boolean jsonata) {
        if (chance(2)) {
            if (jsonata || chance(2)) {
                s.put("Error", jsonata && chance(2) ? "{% 'Failed.' & $states.input.kind %}" : "Custom.Failure");
            } else {
                s.put("ErrorPath", chance(2) ? "$.error" : "States.Format('E{}', $.code)");
            }
        }
        if (chance(2)) {
            if (jsonata || chance(2)) {
                s.put("Cause", text());
            } else {
                s.put("CausePath", "$.cause");
            }
        }
    }

    private void choice(ObjectNode s, boolean jsonata, List<String> later) {
        ArrayNode choices = s.putArray("Choices");
        for (int i = 1 + random.nextInt(3); i > 0; i--) {
            ObjectNode rule = jsonata ? NODES.objectNode() : rule(0);
            if (jsonata) {
                rule.put("Condition", pick(List.of("{% true %}", "{% $states.input.a = 1 %}", "{% $counter > 2 %}")));
                if (chance(3)) {
                    rule.set("Output", jsonataTemplate(false));
                }
            }
            if (chance(4)) {
                rule.set("Assign", assign(jsonata));
            }
            if (chance(5)) {
                rule.put("Comment", text());
            }
            rule.put("Next", choices.isEmpty() ? later.get(0) : pick(later));
            choices.add(rule);
        }
        if (chance(2)) {
            s.put("Default", pick(later));
        }
    }

    private ObjectNode rule(int depth) {
        ObjectNode rule = NODES.objectNode();
        int kind = depth < 2 ? random.nextInt(6) : 0;
        switch (kind) {
            case 1, 2 -> {
                ArrayNode list = rule.putArray(kind == 1 ? "And" : "Or");
                for (int i = 1 + random.nextInt(2); i > 0; i--) {
                    list.add(rule(depth + 1));
                }
            }
            case 3 -> rule.set("Not", rule(depth + 1));
            default -> {
                rule.put("Variable", pick(PATHS));
                String op = pick(List.of("StringEquals", "StringLessThan", "StringMatches", "NumericEquals",
                        "NumericGreaterThanEquals", "BooleanEquals", "TimestampLessThan", "IsPresent", "IsNull",
                        "IsTimestamp", "StringEqualsPath", "NumericLessThanPath", "TimestampEqualsPath"));
                if (op.endsWith("Path")) {
                    rule.put(op, pick(PATHS));
                } else if (op.startsWith("String")) {
                    rule.put(op, text() + (op.equals("StringMatches") ? "*" : ""));
                } else if (op.startsWith("Numeric")) {
                    rule.set(op, chance(2) ? NODES.numberNode(random.nextInt(100))
                            : NODES.numberNode(new BigDecimal("2.5")));
                } else if (op.startsWith("Timestamp")) {
                    rule.put(op, pick(TIMESTAMPS));
                } else {
                    rule.put(op, random.nextBoolean());
                }
            }
        }
        return rule;
    }

    private void map(ObjectNode s, boolean jsonata, int depth) {
        boolean distributed = chance(3);
        boolean legacy = !jsonata && !distributed && chance(5);
        ObjectNode processor = s.putObject(legacy ? "Iterator" : "ItemProcessor");
        if (distributed) {
            ObjectNode config = processor.putObject("ProcessorConfig");
            config.put("Mode", "DISTRIBUTED");
            config.put("ExecutionType", pick(List.of("STANDARD", "EXPRESS")));
        }
        graph(processor, depth + 1);
        if (jsonata) {
            if (chance(2)) {
                s.set("Items", chance(2) ? NODES.textNode("{% $states.input.items %}") : literalArray());
            }
        } else if (chance(2)) {
            s.put("ItemsPath", "$.items");
        }
        if (chance(3)) {
            s.set("ItemSelector", jsonata ? jsonataTemplate(false) : payload(0));
        }
        if (chance(2)) {
            if (jsonata && chance(2)) {
                s.put("MaxConcurrency", "{% 2 %}");
            } else if (!jsonata && chance(3)) {
                s.put("MaxConcurrencyPath", "$.concurrency");
            } else {
                s.put("MaxConcurrency", random.nextInt(40));
            }
        }
        if (!distributed) {
            return;
        }
        if (chance(2)) {
            s.put("Label", "run" + random.nextInt(1000));
        }
        if (chance(2)) {
            s.put("ToleratedFailurePercentage", random.nextInt(101));
        }
        if (chance(2)) {
            if (jsonata) {
                s.put("ToleratedFailureCount", random.nextInt(10));
            } else {
                s.put("ToleratedFailureCountPath", "$.tolerated");
            }
        }
        String arguments = jsonata ? "Arguments" : "Parameters";
        if (chance(2)) {
            ObjectNode reader = s.putObject("ItemReader");
            reader.put("Resource", "arn:aws:states:::s3:getObject");
            ObjectNode config = reader.putObject("ReaderConfig");
            config.put("InputType", "CSV");
            config.put("CSVHeaderLocation", "GIVEN");
            config.putArray("CSVHeaders").add("id").add("name");
            config.put("CSVDelimiter", "SEMICOLON");
            if (chance(2)) {
                config.put("MaxItems", 1 + random.nextInt(100));
            }
            ObjectNode args = reader.putObject(arguments);
            args.put("Bucket", "bucket");
            args.put("Key", "items.csv");
        }
        if (chance(2)) {
            ObjectNode batcher = s.putObject("ItemBatcher");
            batcher.put("MaxItemsPerBatch", 1 + random.nextInt(100));
            if (chance(2)) {
                batcher.put("MaxInputBytesPerBatch", 1024);
            }
            if (chance(2)) {
                batcher.putObject("BatchInput").put("source", "test");
            }
        }
        if (chance(2)) {
            ObjectNode writer = s.putObject("ResultWriter");
            writer.put("Resource", "arn:aws:states:::s3:putObject");
            ObjectNode args = writer.putObject(arguments);
            args.put("Bucket", "results");
            args.put("Prefix", "out");
            if (chance(2)) {
                ObjectNode config = writer.putObject("WriterConfig");
                config.put("OutputType", "JSONL");
                config.put("Transformation", "COMPACT");
            }
        }
    }

    private ArrayNode literalArray() {
        ArrayNode a = NODES.arrayNode();
        for (int i = random.nextInt(4); i > 0; i--) {
            a.add(literal(1));
        }
        return a;
    }

    private void retry(ObjectNode s) {
        int count = random.nextInt(3);
        if (count == 0) {
            return;
        }
        ArrayNode retry = s.putArray("Retry");
        for (int i = 0; i < count; i++) {
            ObjectNode r = retry.addObject();
            boolean all = i == count - 1 && chance(2);
            ArrayNode errors = r.putArray("ErrorEquals");
            if (all) {
                errors.add("States.ALL");
            } else {
                errors.add(pick(ERRORS));
                if (chance(2)) {
                    errors.add("Other.Error");
                }
            }
            if (chance(2)) {
                r.put("IntervalSeconds", 2 + random.nextInt(30));
            }
            if (chance(2)) {
                r.put("MaxAttempts", pick(List.of(0, 1, 2, 5, 10)));
            }
            if (chance(2)) {
                r.put("BackoffRate", pick(List.of(new BigDecimal("1.5"), new BigDecimal("1.0"), new BigDecimal("3.25"))));
            }
            if (chance(3)) {
                r.put("MaxDelaySeconds", 1 + random.nextInt(3600));
            }
            if (chance(3)) {
                r.put("JitterStrategy", "FULL");
            }
            if (chance(5)) {
                r.put("Comment", text());
            }
        }
    }

    private void catchers(ObjectNode s, boolean jsonata, List<String> later) {
        if (later.isEmpty() || chance(2)) {
            return;
        }
        ArrayNode list = s.putArray("Catch");
        int count = 1 + random.nextInt(2);
        for (int i = 0; i < count; i++) {
            ObjectNode c = list.addObject();
            ArrayNode errors = c.putArray("ErrorEquals");
            errors.add(i == count - 1 && chance(2) ? "States.ALL" : pick(ERRORS));
            if (jsonata) {
                if (chance(2)) {
                    c.set("Output", jsonataTemplate(false));
                }
            } else if (chance(2)) {
                if (chance(3)) {
                    c.putNull("ResultPath");
                } else {
                    c.put("ResultPath", "$.error");
                }
            }
            if (chance(3)) {
                c.set("Assign", assign(jsonata));
            }
            if (chance(5)) {
                c.put("Comment", text());
            }
            c.put("Next", pick(later));
        }
    }
}
