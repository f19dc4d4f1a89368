package dev.baton.broker.definition;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.broker.dataflow.Json;
import dev.baton.broker.dataflow.Path;
import dev.baton.broker.dataflow.ResultPath;
import dev.baton.broker.dataflow.ValueTemplate;
import dev.baton.broker.definition.model.Catcher;
import dev.baton.broker.definition.model.ChoiceRule;
import dev.baton.broker.definition.model.ChoiceState;
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
import dev.baton.broker.definition.model.TaskState;
import dev.baton.broker.definition.model.Transition;
import dev.baton.broker.definition.model.WaitState;

import java.util.List;

/**
 * Writes the model back as an ASL definition, in canonical form: defaults are left out (InputPath
 * {@code $}, Retry's IntervalSeconds 1 / MaxAttempts 3 / BackoffRate 2.0 / JitterStrategy NONE, an
 * INLINE ProcessorConfig without ExecutionType, a state's QueryLanguage equal to the state
 * machine's), and a Map's legacy Parameters is written as ItemSelector. Loading the output gives
 * the same model.
 */
public final class DefinitionWriter {
    private static final JsonNodeFactory NODES = Json.MAPPER.getNodeFactory();

    private final QueryLanguage machineLanguage;

    private DefinitionWriter(QueryLanguage machineLanguage) {
        this.machineLanguage = machineLanguage;
    }

    /** The definition as JSON text. */
    public static String toJson(StateMachine machine) {
        return Json.write(write(machine));
    }

    public static ObjectNode write(StateMachine machine) {
        DefinitionWriter writer = new DefinitionWriter(machine.queryLanguage());
        ObjectNode root = NODES.objectNode();
        if (machine.queryLanguage() == QueryLanguage.JSONATA) {
            root.put("QueryLanguage", QueryLanguage.JSONATA.aslName());
        }
        if (machine.version() != null) {
            root.put("Version", machine.version());
        }
        if (machine.timeoutSeconds() != null) {
            root.put("TimeoutSeconds", machine.timeoutSeconds());
        }
        writer.graph(machine.graph(), root);
        return root;
    }

    private void graph(StateGraph graph, ObjectNode out) {
        putText(out, "Comment", graph.comment());
        out.put("StartAt", graph.startAt());
        ObjectNode states = out.putObject("States");
        graph.states().forEach((name, state) -> states.set(name, state(state)));
    }

    private ObjectNode state(State state) {
        ObjectNode out = NODES.objectNode();
        out.put("Type", state.type());
        putText(out, "Comment", state.comment());
        if (state.queryLanguage() != machineLanguage) {
            out.put("QueryLanguage", state.queryLanguage().aslName());
        }
        boolean jsonata = state.queryLanguage() == QueryLanguage.JSONATA;
        io(state.io(), jsonata, out);
        switch (state) {
            case PassState s -> {
                if (s.result() != null) {
                    out.set("Result", s.result());
                }
                transition(s.transition(), out);
            }
            case TaskState s -> {
                out.put("Resource", s.resource().arn());
                dynamic(out, "TimeoutSeconds", s.timeoutSeconds());
                dynamic(out, "HeartbeatSeconds", s.heartbeatSeconds());
                template(out, "Credentials", s.credentials());
                retry(s.retry(), out);
                catchers(s.catchers(), out);
                transition(s.transition(), out);
            }
            case ChoiceState s -> {
                ArrayNode choices = out.putArray("Choices");
                for (ChoiceState.Branch b : s.choices()) {
                    ObjectNode rule = rule(b.rule());
                    putText(rule, "Comment", b.comment());
                    template(rule, "Assign", b.assign());
                    template(rule, "Output", b.output());
                    rule.put("Next", b.next());
                    choices.add(rule);
                }
                putText(out, "Default", s.defaultState());
            }
            case WaitState s -> {
                switch (s.duration()) {
                    case WaitState.Seconds d -> dynamic(out, "Seconds", d.value());
                    case WaitState.Timestamp d -> dynamic(out, "Timestamp", d.value());
                }
                transition(s.transition(), out);
            }
            case SucceedState s -> {
            }
            case FailState s -> {
                dynamic(out, "Error", s.error());
                dynamic(out, "Cause", s.cause());
            }
            case ParallelState s -> {
                ArrayNode branches = out.putArray("Branches");
                for (StateGraph g : s.branches()) {
                    ObjectNode branch = branches.addObject();
                    graph(g, branch);
                }
                retry(s.retry(), out);
                catchers(s.catchers(), out);
                transition(s.transition(), out);
            }
            case MapState s -> {
                map(s, out);
                retry(s.retry(), out);
                catchers(s.catchers(), out);
                transition(s.transition(), out);
            }
        }
        return out;
    }

    private static void io(StateIo io, boolean jsonata, ObjectNode out) {
        if (jsonata) {
            template(out, "Arguments", io.arguments());
            template(out, "Output", io.output());
        } else {
            path(out, "InputPath", io.inputPath());
            template(out, "Parameters", io.parameters());
            template(out, "ResultSelector", io.resultSelector());
            if (io.resultPath() == null) {
                out.putNull("ResultPath");
            } else if (!io.resultPath().equals(ResultPath.ROOT)) {
                out.put("ResultPath", io.resultPath().text());
            }
            path(out, "OutputPath", io.outputPath());
        }
        template(out, "Assign", io.assign());
    }

    /** InputPath/OutputPath: {@code $} is the default; null means JSON null. */
    private static void path(ObjectNode out, String field, Path path) {
        if (path == null) {
            out.putNull(field);
        } else if (!path.equals(Path.ROOT)) {
            out.put(field, path.text());
        }
    }

    private static void transition(Transition transition, ObjectNode out) {
        switch (transition) {
            case Transition.Next n -> out.put("Next", n.state());
            case Transition.End e -> out.put("End", true);
        }
    }

    private static void template(ObjectNode out, String field, ValueTemplate template) {
        if (template != null) {
            out.set(field, template.source());
        }
    }

    private static void putText(ObjectNode out, String field, String value) {
        if (value != null) {
            out.put(field, value);
        }
    }

    /** A literal or JSONata value under the field's name, a path or intrinsic under {@code fieldPath}. */
    private static void dynamic(ObjectNode out, String field, DynamicValue value) {
        switch (value) {
            case null -> {
            }
            case DynamicValue.Literal l -> out.set(field, l.value());
            case DynamicValue.FromJsonata j -> out.set(field, j.expression().source());
            case DynamicValue.FromPath p -> out.put(field + "Path", p.path().text());
            case DynamicValue.FromIntrinsic i -> out.put(field + "Path", i.call().text());
        }
    }

    private static void retry(List<Retrier> retriers, ObjectNode out) {
        if (retriers.isEmpty()) {
            return;
        }
        ArrayNode list = out.putArray("Retry");
        for (Retrier r : retriers) {
            ObjectNode o = list.addObject();
            putText(o, "Comment", r.comment());
            ArrayNode errors = o.putArray("ErrorEquals");
            r.errorEquals().forEach(errors::add);
            if (r.intervalSeconds() != Retrier.DEFAULT_INTERVAL_SECONDS) {
                o.put("IntervalSeconds", r.intervalSeconds());
            }
            if (r.maxAttempts() != Retrier.DEFAULT_MAX_ATTEMPTS) {
                o.put("MaxAttempts", r.maxAttempts());
            }
            if (r.backoffRate().compareTo(Retrier.DEFAULT_BACKOFF_RATE) != 0) {
                o.put("BackoffRate", r.backoffRate());
            }
            if (r.maxDelaySeconds() != null) {
                o.put("MaxDelaySeconds", r.maxDelaySeconds());
            }
            if (r.jitterStrategy() != Retrier.JitterStrategy.NONE) {
                o.put("JitterStrategy", r.jitterStrategy().name());
            }
        }
    }

    private static void catchers(List<Catcher> catchers, ObjectNode out) {
        if (catchers.isEmpty()) {
            return;
        }
        ArrayNode list = out.putArray("Catch");
        for (Catcher c : catchers) {
            ObjectNode o = list.addObject();
            putText(o, "Comment", c.comment());
            ArrayNode errors = o.putArray("ErrorEquals");
            c.errorEquals().forEach(errors::add);
            if (c.resultPath() == null) {
                o.putNull("ResultPath");
            } else if (!c.resultPath().equals(ResultPath.ROOT)) {
                o.put("ResultPath", c.resultPath().text());
            }
            template(o, "Output", c.output());
            template(o, "Assign", c.assign());
            o.put("Next", c.next());
        }
    }

    private static ObjectNode rule(ChoiceRule rule) {
        ObjectNode out = NODES.objectNode();
        switch (rule) {
            case ChoiceRule.Comparison c -> {
                out.put("Variable", c.variable().text());
                if (c.operator().comparesWithPath()) {
                    out.put(c.operator().aslName(), c.valuePath().text());
                } else {
                    out.set(c.operator().aslName(), c.value());
                }
            }
            case ChoiceRule.And a -> {
                ArrayNode list = out.putArray("And");
                a.rules().forEach(r -> list.add(rule(r)));
            }
            case ChoiceRule.Or o -> {
                ArrayNode list = out.putArray("Or");
                o.rules().forEach(r -> list.add(rule(r)));
            }
            case ChoiceRule.Not n -> out.set("Not", rule(n.rule()));
            case ChoiceRule.Condition c -> out.set("Condition", c.condition().source());
        }
        return out;
    }

    private void map(MapState s, ObjectNode out) {
        if (s.itemsPath() != null && !s.itemsPath().equals(Path.ROOT)) {
            out.put("ItemsPath", s.itemsPath().text());
        }
        dynamic(out, "Items", s.items());
        template(out, "ItemSelector", s.itemSelector());
        MapState.ItemProcessor processor = s.processor();
        ObjectNode processorNode = out.putObject(processor.legacyIterator() ? "Iterator" : "ItemProcessor");
        if (processor.mode() != MapState.ProcessorMode.INLINE || processor.executionType() != null) {
            ObjectNode config = processorNode.putObject("ProcessorConfig");
            config.put("Mode", processor.mode().name());
            putText(config, "ExecutionType", processor.executionType());
        }
        graph(processor.graph(), processorNode);
        dynamic(out, "MaxConcurrency", s.maxConcurrency());
        dynamic(out, "ToleratedFailurePercentage", s.toleratedFailurePercentage());
        dynamic(out, "ToleratedFailureCount", s.toleratedFailureCount());
        boolean jsonata = s.queryLanguage() == QueryLanguage.JSONATA;
        String arguments = jsonata ? "Arguments" : "Parameters";
        if (s.itemReader() != null) {
            MapState.ItemReader r = s.itemReader();
            ObjectNode reader = out.putObject("ItemReader");
            putText(reader, "Resource", r.resource());
            if (r.readerConfig() != null) {
                MapState.ReaderConfig c = r.readerConfig();
                ObjectNode config = reader.putObject("ReaderConfig");
                putText(config, "InputType", c.inputType());
                putText(config, "CSVHeaderLocation", c.csvHeaderLocation());
                if (!c.csvHeaders().isEmpty()) {
                    ArrayNode headers = config.putArray("CSVHeaders");
                    c.csvHeaders().forEach(headers::add);
                }
                putText(config, "CSVDelimiter", c.csvDelimiter());
                putText(config, "ManifestType", c.manifestType());
                dynamic(config, "MaxItems", c.maxItems());
            }
            template(reader, arguments, r.arguments());
        }
        if (s.itemBatcher() != null) {
            MapState.ItemBatcher b = s.itemBatcher();
            ObjectNode batcher = out.putObject("ItemBatcher");
            dynamic(batcher, "MaxItemsPerBatch", b.maxItemsPerBatch());
            dynamic(batcher, "MaxInputBytesPerBatch", b.maxInputBytesPerBatch());
            template(batcher, "BatchInput", b.batchInput());
        }
        if (s.resultWriter() != null) {
            MapState.ResultWriter w = s.resultWriter();
            ObjectNode writer = out.putObject("ResultWriter");
            putText(writer, "Resource", w.resource());
            template(writer, arguments, w.arguments());
            if (w.writerConfig() != null) {
                ObjectNode config = writer.putObject("WriterConfig");
                putText(config, "OutputType", w.writerConfig().outputType());
                putText(config, "Transformation", w.writerConfig().transformation());
            }
        }
        putText(out, "Label", s.label());
    }
}
