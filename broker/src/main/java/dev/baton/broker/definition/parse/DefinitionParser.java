package dev.baton.broker.definition.parse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.broker.dataflow.DataflowSyntaxException;
import dev.baton.broker.dataflow.Path;
import dev.baton.broker.dataflow.PayloadTemplate;
import dev.baton.broker.dataflow.ResultPath;
import dev.baton.broker.dataflow.ValueTemplate;
import dev.baton.broker.dataflow.intrinsic.IntrinsicCall;
import dev.baton.broker.dataflow.jsonata.JsonataTemplate;
import dev.baton.broker.definition.model.Catcher;
import dev.baton.broker.definition.model.ChoiceRule;
import dev.baton.broker.definition.model.ChoiceState;
import dev.baton.broker.definition.model.ComparisonOperator;
import dev.baton.broker.definition.model.DynamicValue;
import dev.baton.broker.definition.model.FailState;
import dev.baton.broker.definition.model.MapState;
import dev.baton.broker.definition.model.ParallelState;
import dev.baton.broker.definition.model.PassState;
import dev.baton.broker.definition.model.QueryLanguage;
import dev.baton.broker.definition.model.Retrier;
import dev.baton.broker.definition.model.State;
import dev.baton.broker.definition.model.StateGraph;
import dev.baton.broker.definition.model.StateIo;
import dev.baton.broker.definition.model.StateMachine;
import dev.baton.broker.definition.model.SucceedState;
import dev.baton.broker.definition.model.TaskResource;
import dev.baton.broker.definition.model.TaskState;
import dev.baton.broker.definition.model.Transition;
import dev.baton.broker.definition.model.WaitState;
import dev.baton.broker.definition.validate.DefinitionTree;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a validated definition tree into the model. Paths, payload templates, intrinsic calls and
 * JSONata expressions are parsed here, once. The validator has already checked the shape, so a
 * problem found here is one only parsing can see; it is reported with its location.
 */
public final class DefinitionParser {
    /** Intrinsic function calls start with this (e.g. {@code States.Format(...)}). */
    public static final String INTRINSIC_PREFIX = "States.";

    private final QueryLanguage machineLanguage;

    private DefinitionParser(QueryLanguage machineLanguage) {
        this.machineLanguage = machineLanguage;
    }

    public static StateMachine parse(DefinitionTree tree) throws DefinitionParseException {
        ObjectNode root = tree.rootObject();
        if (root == null) {
            throw new DefinitionParseException("The definition must be a JSON object", "/");
        }
        DefinitionParser parser = new DefinitionParser(tree.queryLanguage());
        StateGraph graph = parser.graph(root, "");
        JsonNode timeout = root.get("TimeoutSeconds");
        JsonNode version = root.get("Version");
        return new StateMachine(graph, timeout == null ? null : timeout.intValue(),
                version == null ? null : version.textValue(), tree.queryLanguage());
    }

    /** True for a JSONata expression string: {@code "{% ... %}"}. */
    public static boolean isJsonataExpression(JsonNode node) {
        return node != null && node.isTextual() && isJsonataExpression(node.textValue());
    }

    public static boolean isJsonataExpression(String text) {
        return text.length() >= 4 && text.startsWith("{%") && text.endsWith("%}");
    }

    private StateGraph graph(JsonNode node, String location) throws DefinitionParseException {
        Map<String, State> states = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = node.get("States").fields();
        while (it.hasNext()) {
            var e = it.next();
            states.put(e.getKey(), state(e.getKey(), (ObjectNode) e.getValue(), location + "/States/" + e.getKey()));
        }
        return new StateGraph(text(node, "Comment"), node.get("StartAt").textValue(), states, machineLanguage);
    }

    private State state(String name, ObjectNode node, String location) throws DefinitionParseException {
        QueryLanguage language = machineLanguage;
        JsonNode q = node.get("QueryLanguage");
        if (q != null && QueryLanguage.fromAslName(q.asText()) != null) {
            language = QueryLanguage.fromAslName(q.asText());
        }
        Site s = new Site(node, location, language);
        String comment = text(node, "Comment");
        String type = node.get("Type").textValue();
        StateIo io = io(s);
        return switch (type) {
            case "Pass" -> new PassState(name, comment, language, io, transition(node), node.get("Result"));
            case "Task" -> new TaskState(name, comment, language, io, transition(node),
                    TaskResource.classify(node.get("Resource").textValue()),
                    dynamic(s, "TimeoutSeconds"), dynamic(s, "HeartbeatSeconds"),
                    template(s, "Credentials"), retriers(s), catchers(s));
            case "Choice" -> new ChoiceState(name, comment, language, io, choices(s), text(node, "Default"));
            case "Wait" -> new WaitState(name, comment, language, io, transition(node), duration(s));
            case "Succeed" -> new SucceedState(name, comment, language, io);
            case "Fail" -> new FailState(name, comment, language, io, dynamic(s, "Error"), dynamic(s, "Cause"));
            case "Parallel" -> {
                List<StateGraph> branches = new ArrayList<>();
                JsonNode b = node.get("Branches");
                for (int i = 0; i < b.size(); i++) {
                    branches.add(graph(b.get(i), location + "/Branches/" + i));
                }
                yield new ParallelState(name, comment, language, io, transition(node), branches, retriers(s), catchers(s));
            }
            case "Map" -> map(name, comment, s, io);
            default -> throw new DefinitionParseException("Unknown state type '" + type + "'", location + "/Type");
        };
    }

    /** A state's node, location and effective query language. */
    private record Site(ObjectNode node, String location, QueryLanguage language) {
        JsonNode get(String field) {
            return node.get(field);
        }

        String at(String field) {
            return location + "/" + field;
        }

        boolean jsonata() {
            return language == QueryLanguage.JSONATA;
        }
    }

    private StateIo io(Site s) throws DefinitionParseException {
        if (s.jsonata()) {
            return new StateIo(Path.ROOT, Path.ROOT, null, null, ResultPath.ROOT,
                    jsonata(s.get("Arguments"), s.at("Arguments")),
                    jsonata(s.get("Output"), s.at("Output")),
                    jsonata(s.get("Assign"), s.at("Assign")));
        }
        return new StateIo(inputPath(s, "InputPath"), inputPath(s, "OutputPath"),
                payload(s.get("Parameters"), s.at("Parameters")),
                payload(s.get("ResultSelector"), s.at("ResultSelector")),
                resultPath(s.get("ResultPath"), s.at("ResultPath")),
                null, null,
                payload(s.get("Assign"), s.at("Assign")));
    }

    /** InputPath/OutputPath: absent means {@code $}; JSON null stays null (the value becomes {}). */
    private static Path inputPath(Site s, String field) throws DefinitionParseException {
        JsonNode n = s.get(field);
        if (n == null) {
            return Path.ROOT;
        }
        if (n.isNull()) {
            return null;
        }
        return path(n.textValue(), s.at(field));
    }

    private static IntrinsicCall intrinsic(String text, String location) throws DefinitionParseException {
        try {
            return IntrinsicCall.parse(text);
        } catch (DataflowSyntaxException e) {
            throw new DefinitionParseException(e.getMessage(), location);
        }
    }

    static Path path(String text, String location) throws DefinitionParseException {
        try {
            return Path.parse(text);
        } catch (DataflowSyntaxException e) {
            throw new DefinitionParseException(e.getMessage(), location);
        }
    }

    private static ResultPath resultPath(JsonNode n, String location) throws DefinitionParseException {
        if (n == null) {
            return ResultPath.ROOT;
        }
        if (n.isNull()) {
            return null;
        }
        try {
            return ResultPath.parse(n.textValue());
        } catch (DataflowSyntaxException e) {
            throw new DefinitionParseException(e.getMessage(), location);
        }
    }

    private static PayloadTemplate payload(JsonNode n, String location) throws DefinitionParseException {
        if (n == null) {
            return null;
        }
        try {
            return PayloadTemplate.parse(n);
        } catch (DataflowSyntaxException e) {
            throw new DefinitionParseException(e.getMessage(), location);
        }
    }

    private static JsonataTemplate jsonata(JsonNode n, String location) throws DefinitionParseException {
        if (n == null) {
            return null;
        }
        try {
            return JsonataTemplate.parse(n);
        } catch (DataflowSyntaxException e) {
            throw new DefinitionParseException(e.getMessage(), location);
        }
    }

    /** A template in the state's query language: a payload template (JSONPath) or a JSONata template. */
    private static ValueTemplate template(Site s, String field) throws DefinitionParseException {
        return s.jsonata() ? jsonata(s.get(field), s.at(field)) : payload(s.get(field), s.at(field));
    }

    private static ValueTemplate template(JsonNode n, String location, boolean jsonata) throws DefinitionParseException {
        return jsonata ? jsonata(n, location) : payload(n, location);
    }

    /**
     * A field given literally, by its {@code FieldPath} twin (JSONPath), or as a JSONata expression;
     * null when absent.
     */
    private static DynamicValue dynamic(Site s, String field) throws DefinitionParseException {
        return dynamic(s.node(), s.location(), field, s.jsonata());
    }

    private static DynamicValue dynamic(JsonNode node, String location, String field, boolean jsonata)
            throws DefinitionParseException {
        JsonNode literal = node.get(field);
        if (literal != null) {
            if (jsonata && isJsonataExpression(literal)) {
                return new DynamicValue.FromJsonata(jsonata(literal, location + "/" + field));
            }
            return new DynamicValue.Literal(literal);
        }
        JsonNode path = node.get(field + "Path");
        if (path != null && !jsonata) {
            String at = location + "/" + field + "Path";
            if (path.textValue().startsWith(INTRINSIC_PREFIX)) {
                return new DynamicValue.FromIntrinsic(intrinsic(path.textValue(), at));
            }
            return new DynamicValue.FromPath(path(path.textValue(), at));
        }
        return null;
    }

    private static Transition transition(JsonNode node) {
        JsonNode next = node.get("Next");
        if (next != null && next.isTextual()) {
            return new Transition.Next(next.textValue());
        }
        return Transition.END;
    }

    private static String text(JsonNode node, String field) {
        JsonNode n = node.get(field);
        return n != null && n.isTextual() ? n.textValue() : null;
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        if (array != null) {
            array.forEach(n -> out.add(n.asText()));
        }
        return out;
    }

    private static List<Retrier> retriers(Site s) {
        List<Retrier> out = new ArrayList<>();
        JsonNode retry = s.get("Retry");
        if (retry == null) {
            return out;
        }
        for (JsonNode r : retry) {
            JsonNode interval = r.get("IntervalSeconds");
            JsonNode attempts = r.get("MaxAttempts");
            JsonNode backoff = r.get("BackoffRate");
            JsonNode maxDelay = r.get("MaxDelaySeconds");
            JsonNode jitter = r.get("JitterStrategy");
            out.add(new Retrier(strings(r.get("ErrorEquals")),
                    interval == null ? Retrier.DEFAULT_INTERVAL_SECONDS : interval.intValue(),
                    attempts == null ? Retrier.DEFAULT_MAX_ATTEMPTS : attempts.intValue(),
                    backoff == null ? Retrier.DEFAULT_BACKOFF_RATE : backoff.decimalValue(),
                    maxDelay == null ? null : maxDelay.intValue(),
                    jitter == null ? Retrier.JitterStrategy.NONE : Retrier.JitterStrategy.valueOf(jitter.textValue()),
                    text(r, "Comment")));
        }
        return out;
    }

    private static List<Catcher> catchers(Site s) throws DefinitionParseException {
        List<Catcher> out = new ArrayList<>();
        JsonNode catchField = s.get("Catch");
        if (catchField == null) {
            return out;
        }
        for (int i = 0; i < catchField.size(); i++) {
            JsonNode c = catchField.get(i);
            String at = s.at("Catch") + "/" + i;
            out.add(new Catcher(strings(c.get("ErrorEquals")), c.get("Next").textValue(),
                    s.jsonata() ? ResultPath.ROOT : resultPath(c.get("ResultPath"), at + "/ResultPath"),
                    s.jsonata() ? jsonata(c.get("Output"), at + "/Output") : null,
                    template(c.get("Assign"), at + "/Assign", s.jsonata()),
                    text(c, "Comment")));
        }
        return out;
    }

    private static List<ChoiceState.Branch> choices(Site s) throws DefinitionParseException {
        List<ChoiceState.Branch> out = new ArrayList<>();
        JsonNode choices = s.get("Choices");
        for (int i = 0; i < choices.size(); i++) {
            JsonNode c = choices.get(i);
            String at = s.at("Choices") + "/" + i;
            ChoiceRule rule = s.jsonata()
                    ? new ChoiceRule.Condition(jsonata(c.get("Condition"), at + "/Condition"))
                    : rule(c, at);
            out.add(new ChoiceState.Branch(rule, c.get("Next").textValue(),
                    template(c.get("Assign"), at + "/Assign", s.jsonata()),
                    s.jsonata() ? jsonata(c.get("Output"), at + "/Output") : null,
                    text(c, "Comment")));
        }
        return out;
    }

    private static ChoiceRule rule(JsonNode node, String location) throws DefinitionParseException {
        if (node.has("And") || node.has("Or")) {
            boolean and = node.has("And");
            JsonNode list = node.get(and ? "And" : "Or");
            List<ChoiceRule> rules = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                rules.add(rule(list.get(i), location + (and ? "/And/" : "/Or/") + i));
            }
            return and ? new ChoiceRule.And(rules) : new ChoiceRule.Or(rules);
        }
        if (node.has("Not")) {
            return new ChoiceRule.Not(rule(node.get("Not"), location + "/Not"));
        }
        Path variable = path(node.get("Variable").textValue(), location + "/Variable");
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String field = names.next();
            ComparisonOperator op = ComparisonOperator.fromAslName(field);
            if (op != null) {
                JsonNode value = node.get(field);
                if (op.comparesWithPath()) {
                    return new ChoiceRule.Comparison(variable, op, null, path(value.textValue(), location + "/" + field));
                }
                return new ChoiceRule.Comparison(variable, op, value, null);
            }
        }
        throw new DefinitionParseException("A choice rule needs a comparison operator", location);
    }

    private static WaitState.Duration duration(Site s) throws DefinitionParseException {
        DynamicValue seconds = dynamic(s, "Seconds");
        if (seconds != null) {
            return new WaitState.Seconds(seconds);
        }
        DynamicValue timestamp = dynamic(s, "Timestamp");
        if (timestamp != null) {
            return new WaitState.Timestamp(timestamp);
        }
        throw new DefinitionParseException("A Wait state needs Seconds, SecondsPath, Timestamp or TimestampPath", s.location());
    }

    private MapState map(String name, String comment, Site s, StateIo io) throws DefinitionParseException {
        boolean legacy = !s.node().has("ItemProcessor");
        String processorField = legacy ? "Iterator" : "ItemProcessor";
        JsonNode processorNode = s.get(processorField);
        MapState.ProcessorMode mode = MapState.ProcessorMode.INLINE;
        String executionType = null;
        JsonNode config = processorNode.get("ProcessorConfig");
        if (config != null) {
            JsonNode m = config.get("Mode");
            if (m != null && "DISTRIBUTED".equals(m.textValue())) {
                mode = MapState.ProcessorMode.DISTRIBUTED;
            }
            executionType = text(config, "ExecutionType");
        }
        StateGraph graph = graph(processorNode, s.at(processorField));
        MapState.ItemProcessor processor = new MapState.ItemProcessor(mode, executionType, graph, legacy);

        Path itemsPath = Path.ROOT;
        if (!s.jsonata() && s.get("ItemsPath") != null) {
            try {
                itemsPath = Path.parseReference(s.get("ItemsPath").textValue());
            } catch (DataflowSyntaxException e) {
                throw new DefinitionParseException(e.getMessage(), s.at("ItemsPath"));
            }
        }
        DynamicValue items = null;
        if (s.get("Items") != null) {
            // A JSONata Items may be an expression or an array holding expressions ([1, "{% $x %}"]).
            items = s.jsonata() || isJsonataExpression(s.get("Items"))
                    ? new DynamicValue.FromJsonata(jsonata(s.get("Items"), s.at("Items")))
                    : new DynamicValue.Literal(s.get("Items"));
        }
        ValueTemplate itemSelector = s.get("ItemSelector") != null
                ? template(s, "ItemSelector")
                : (s.jsonata() ? null : io.parameters());
        StateIo mapIo = io;
        if (!s.jsonata() && s.get("ItemSelector") == null && io.parameters() != null) {
            // Legacy Map: Parameters is the item selector, not the state's input template.
            mapIo = new StateIo(io.inputPath(), io.outputPath(), null, io.resultSelector(), io.resultPath(),
                    io.arguments(), io.output(), io.assign());
        }
        return new MapState(name, comment, s.language(), mapIo, transition(s.node()), itemsPath, items, itemSelector,
                processor, dynamic(s, "MaxConcurrency"), dynamic(s, "ToleratedFailurePercentage"),
                dynamic(s, "ToleratedFailureCount"), itemReader(s), itemBatcher(s), resultWriter(s),
                text(s.node(), "Label"), retriers(s), catchers(s));
    }

    private static MapState.ItemReader itemReader(Site s) throws DefinitionParseException {
        JsonNode r = s.get("ItemReader");
        if (r == null) {
            return null;
        }
        String at = s.at("ItemReader");
        String argsField = r.has("Arguments") ? "Arguments" : "Parameters";
        MapState.ReaderConfig config = null;
        JsonNode c = r.get("ReaderConfig");
        if (c != null) {
            config = new MapState.ReaderConfig(text(c, "InputType"), text(c, "CSVHeaderLocation"),
                    strings(c.get("CSVHeaders")), text(c, "CSVDelimiter"), text(c, "ManifestType"),
                    dynamic(c, at + "/ReaderConfig", "MaxItems", s.jsonata()));
        }
        return new MapState.ItemReader(text(r, "Resource"), config,
                template(r.get(argsField), at + "/" + argsField, s.jsonata()));
    }

    private static MapState.ItemBatcher itemBatcher(Site s) throws DefinitionParseException {
        JsonNode b = s.get("ItemBatcher");
        if (b == null) {
            return null;
        }
        String at = s.at("ItemBatcher");
        return new MapState.ItemBatcher(dynamic(b, at, "MaxItemsPerBatch", s.jsonata()),
                dynamic(b, at, "MaxInputBytesPerBatch", s.jsonata()),
                template(b.get("BatchInput"), at + "/BatchInput", s.jsonata()));
    }

    private static MapState.ResultWriter resultWriter(Site s) throws DefinitionParseException {
        JsonNode w = s.get("ResultWriter");
        if (w == null) {
            return null;
        }
        String at = s.at("ResultWriter");
        String argsField = w.has("Arguments") ? "Arguments" : "Parameters";
        JsonNode c = w.get("WriterConfig");
        MapState.WriterConfig config = c == null ? null
                : new MapState.WriterConfig(text(c, "OutputType"), text(c, "Transformation"));
        return new MapState.ResultWriter(text(w, "Resource"), template(w.get(argsField), at + "/" + argsField, s.jsonata()),
                config);
    }
}
