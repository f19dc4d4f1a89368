package dev.baton.broker.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.baton.broker.dataflow.ContextObject;
import dev.baton.broker.dataflow.DataflowException;
import dev.baton.broker.dataflow.jsonata.JsonataTemplate;
import dev.baton.broker.dataflow.jsonata.QueryEvaluationException;
import dev.baton.broker.dataflow.Json;
import dev.baton.broker.dataflow.PayloadTemplate;
import dev.baton.broker.definition.model.DynamicValue;
import dev.baton.broker.definition.model.MapState;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Map: one child run per item (Items or ItemsPath over the effective input), its input made by
 * ItemSelector (or the legacy Parameters) with {@code $$.Map.Item}; at most MaxConcurrency at a time
 * (0: all), in worker slots that each take the next item when theirs ends. The output is the array
 * of the iterations' outputs in item order.
 *
 * <p>INLINE: the first failed iteration fails the state and stops the others. DISTRIBUTED: a map
 * run whose iterations are child executions ({@link MapRuns}), recorded here with
 * MapRunStarted/MapRunSucceeded/MapRunFailed; ToleratedFailureCount/Percentage decide when failed
 * iterations fail the state. (Snapshots written before map runs had child executions hold distributed
 * iterations run here, as runs that record no events; they run on to their end the same way.)
 *
 * <p>Redriven, it runs again only the iterations that failed or were aborted (each from the step
 * it stopped in) and those it had not started, in item order, and keeps the others' outputs. A
 * distributed Map's map run keeps its ARN and records MapRunRedriven.
 */
final class MapStep {
    static final String THRESHOLD_CAUSE = "The specified tolerated failure threshold for the Map Run was exceeded.";

    private MapStep() {
    }

    static Outcome start(Decider d, RunState run, MapState map) {
        // A retry runs the whole state again: what a failed attempt left is forgotten.
        run.stoppedFork = null;
        if (map.itemReader() != null || map.itemBatcher() != null || map.resultWriter() != null) {
            throw StateFailure.runtime(run, "ItemReader, ItemBatcher and ResultWriter are not supported by this version "
                    + "of Baton: a Map state reads its items from its input (ItemsPath or Items).");
        }
        StateContext context = d.context(run, map);
        JsonNode input = DataFlow.jsonata(map) ? run.stateInput : DataFlow.inputPath(map.io(), run.stateInput, context);
        int maxConcurrency = maxConcurrency(run, map.maxConcurrency(), input, context);
        JsonNode items = items(run, map, input, context);
        d.event(run, EventType.MapStateStarted, new EventDetails.MapStateStarted(items.size()));
        RunState.Fork fork = new RunState.Fork();
        fork.size = items.size();
        fork.items = items;
        fork.effectiveInput = input;
        fork.maxConcurrency = maxConcurrency;
        // AWS evaluates the failure tolerance after MapStateStarted.
        fork.toleratedFailureCount = toleratedCount(run, map.toleratedFailureCount(), input, context);
        fork.toleratedFailurePercentage = toleratedPercentage(run, map.toleratedFailurePercentage(), input, context);
        if (distributed(map)) {
            fork.mapRunArn = mapRunArn(d, run, map);
            d.event(run, EventType.MapRunStarted, new EventDetails.MapRunStarted(fork.mapRunArn));
        }
        run.fork = fork;
        if (distributed(map)) {
            return MapRuns.start(d, run, map, fork);
        }
        return launchFirst(d, run, map, fork.size);
    }

    /**
     * Continues the state after a redrive (its StateEntered already recorded): MapStateStarted again
     * with the number of items, then the iterations that have no output yet, on the items and
     * settings of the original run.
     */
    static Outcome resume(Decider d, RunState run, MapState map, RunState.Fork was) {
        d.event(run, EventType.MapStateStarted, new EventDetails.MapStateStarted(was.size));
        RunState.Fork fork = new RunState.Fork();
        fork.size = was.size;
        fork.items = was.items;
        fork.effectiveInput = was.effectiveInput;
        fork.maxConcurrency = was.maxConcurrency;
        fork.toleratedFailureCount = was.toleratedFailureCount;
        fork.toleratedFailurePercentage = was.toleratedFailurePercentage;
        fork.results = new TreeMap<>(was.results);
        if (was.unsuccessful != null) {
            // A distributed Map keeps a tolerated failure's error output among the results: it runs again.
            fork.results.keySet().removeAll(was.unsuccessful.keySet());
            fork.unsuccessful = new TreeMap<>(was.unsuccessful);
        }
        if (was.mapRun != null) {
            fork.results.keySet().removeAll(was.mapRun.unsuccessful.keySet());
            fork.results.keySet().removeAll(was.mapRun.running.keySet());
        }
        fork.succeeded = fork.results.size();
        if (was.mapRunArn != null) {
            fork.mapRunArn = was.mapRunArn;
            fork.mapRunRedriveCount = was.mapRunRedriveCount + 1;
            d.event(run, EventType.MapRunRedriven, new EventDetails.MapRunRedriven(fork.mapRunArn, fork.mapRunRedriveCount));
        }
        run.fork = fork;
        skipSucceeded(fork);
        if (was.mapRun != null) {
            return MapRuns.resume(d, run, map, was.mapRun);
        }
        return launchFirst(d, run, map, fork.size - fork.succeeded);
    }

    /** Starts the first iterations of the items left to run, as many as MaxConcurrency allows. */
    private static Outcome launchFirst(Decider d, RunState run, MapState map, int left) {
        RunState.Fork fork = run.fork;
        if (left == 0) {
            return finish(d, run, map);
        }
        int slots = fork.maxConcurrency == 0 ? left : Math.min(fork.maxConcurrency, left);
        for (int k = 0; k < slots; k++) {
            fork.slots.add(new RunState.Slot(run.source, run.source));
        }
        for (int k = 0; k < slots && run.fork == fork; k++) {
            launch(d, run, map, k);
        }
        return Outcome.WAITING;
    }

    /** Moves the next item to start past those that already have an output (after a redrive). */
    static void skipSucceeded(RunState.Fork fork) {
        while (fork.next < fork.size && fork.results.containsKey(fork.next)) {
            fork.next++;
        }
    }

    /** Starts the next item in a worker slot. */
    private static void launch(Decider d, RunState run, MapState map, int slot) {
        RunState.Fork fork = run.fork;
        int index = fork.next++;
        skipSucceeded(fork);
        RunState point = fork.unsuccessful == null ? null : fork.unsuccessful.remove(index);
        RunState child = d.newChild(run, index, fork.slots.get(slot).source());
        child.slot = slot;
        child.silent = distributed(map);
        // AWS runs a distributed Map's iterations as child workflows, which see no outer variables.
        child.isolated = distributed(map);
        d.event(child, EventType.MapIterationStarted, new EventDetails.MapIteration(map.name(), index));
        if (point != null && point.state != null) {
            // Redriven: the iteration continues from the step it failed or was aborted in.
            d.settle(child, Redrives.resume(d, child, point));
            return;
        }
        JsonNode input;
        try {
            input = itemInput(d, run, map, index);
        } catch (DataflowException e) {
            d.endRun(child, d.failure(run, child, e));
            return;
        }
        d.settle(child, d.enterState(child, map.processor().graph().startAt(), input));
    }

    /** An iteration's input: the item, or what ItemSelector (or the legacy Parameters) makes of it. */
    static JsonNode itemInput(Decider d, RunState run, MapState map, int index) {
        RunState.Fork fork = run.fork;
        JsonNode item = fork.items.get(index);
        if (map.itemSelector() == null) {
            return item;
        }
        StateContext context = d.context(run, map, null, new ContextObject.MapItem(index, item));
        return switch (map.itemSelector()) {
            case PayloadTemplate selector -> selector.evaluate(fork.effectiveInput, context);
            case JsonataTemplate selector -> selector.evaluate(context.jsonata(), "ItemSelector");
            default -> throw new IllegalStateException("an ItemSelector is a payload or JSONata template");
        };
    }

    static Outcome childEnded(Decider d, RunState run, MapState map, RunState child, Outcome outcome) {
        RunState.Fork fork = run.fork;
        RunState.Slot slot = fork.slots.get(child.slot);
        slot = new RunState.Slot(Math.max(slot.source(), child.source), Math.max(slot.last(), child.last));
        fork.slots.set(child.slot, slot);
        switch (outcome) {
            case Outcome.Completed c -> {
                fork.results.put(child.index, c.output());
                fork.succeeded++;
            }
            case Outcome.Failed f -> {
                fork.failed++;
                if (!distributed(map) || MapRuns.exceedsTolerance(fork)) {
                    return fail(d, run, map, f.failure());
                }
                fork.results.put(child.index, f.failure().errorOutput());
            }
            case Outcome.Waiting w -> throw new IllegalStateException("an iteration cannot end waiting");
        }
        if (fork.next < fork.size) {
            launch(d, run, map, child.slot);
        } else {
            // The slot has no item left: AWS continues the state from its last iteration event.
            int source = outcome instanceof Outcome.Completed && !child.silent ? Math.max(slot.source(), child.last)
                    : slot.source();
            run.source = Math.max(run.source, source);
            run.last = Math.max(run.last, slot.last());
        }
        if (run.fork == fork && fork.succeeded + fork.failed == fork.size) {
            return finish(d, run, map);
        }
        return Outcome.WAITING;
    }

    private static Outcome fail(Decider d, RunState run, MapState map, StateFailure failure) {
        RunState.Fork fork = run.fork;
        for (RunState.Slot slot : fork.slots) {
            run.source = Math.max(run.source, slot.source());
            run.last = Math.max(run.last, slot.last());
        }
        d.abortChildren(run);
        run.fork = null;
        run.stoppedFork = Redrives.stopped(fork, failure);
        if (fork.mapRunArn != null) {
            StateFailure exceeded = new StateFailure(StateFailure.EXCEED_TOLERATED_FAILURE_THRESHOLD, THRESHOLD_CAUSE);
            d.event(run, EventType.MapRunFailed, new EventDetails.ErrorCause(exceeded.error(), exceeded.cause()));
            return new Outcome.Failed(exceeded, true);
        }
        return new Outcome.Failed(failure, true);
    }

    static Outcome finish(Decider d, RunState run, MapState map) {
        RunState.Fork fork = run.fork;
        ArrayNode results = Json.MAPPER.createArrayNode();
        fork.results.values().forEach(results::add);
        run.fork = null;
        if (fork.mapRunArn != null) {
            d.event(run, EventType.MapRunSucceeded, null);
        }
        if (fork.mapRun != null) {
            MapRuns.succeeded(d, fork);
        }
        d.sideEvent(run, EventType.MapStateSucceeded, null);
        StateContext context = d.context(run, map);
        return DataFlow.withResult(map, run.stateInput, results, context, map.transition());
    }

    private static boolean distributed(MapState map) {
        return map.processor().mode() == MapState.ProcessorMode.DISTRIBUTED;
    }

    /** {@code arn:...:mapRun:<state machine>/<label or id>:<uuid>}, derived from the execution and the event. */
    private static String mapRunArn(Decider d, RunState run, MapState map) {
        String arn = d.s.executionArn;
        int at = arn.indexOf(":execution:");
        String prefix = at < 0 ? arn : arn.substring(0, at);
        UUID id = UUID.nameUUIDFromBytes((arn + "#" + run.enteredEventId + "#" + run.retryCount)
                .getBytes(StandardCharsets.UTF_8));
        String name = map.label() != null ? map.label() : id.toString().substring(0, 8);
        return prefix + ":mapRun:" + MapRuns.baseName(d) + "/" + name + ":" + id;
    }

    private static JsonNode items(RunState run, MapState map, JsonNode input, StateContext context) {
        JsonNode items = switch (map.items()) {
            case null -> map.itemsPath() == null || DataFlow.jsonata(map) ? input : map.itemsPath().select(input, context);
            case DynamicValue.Literal l -> l.value();
            case DynamicValue.FromPath p -> p.path().select(input, context);
            case DynamicValue.FromIntrinsic i -> throw new IllegalStateException("only ErrorPath and CausePath take intrinsic functions");
            case DynamicValue.FromJsonata j -> j.expression().evaluate(context.jsonata(), "Items", "array");
        };
        if (!items.isArray()) {
            String cause = "Map state input must be an array but was: " + Json.write(items);
            // A JSONata Map reports it as an evaluation failure of no particular field, as AWS does.
            throw DataFlow.jsonata(map) ? new QueryEvaluationException(null, cause) : StateFailure.runtime(run, cause);
        }
        return items;
    }

    private static int maxConcurrency(RunState run, DynamicValue value, JsonNode input, StateContext context) {
        if (value == null) {
            return 0;
        }
        JsonNode n = read(value, "MaxConcurrencyPath", input, context);
        if (!n.isIntegralNumber() || !n.canConvertToInt()) {
            throw notA(run, "MaxConcurrencyPath", n, "integer", value);
        }
        if (n.intValue() < 0) {
            throw StateFailure.runtime(run, "MaxConcurrency cannot be negative.");
        }
        return n.intValue();
    }

    private static Long toleratedCount(RunState run, DynamicValue value, JsonNode input, StateContext context) {
        if (value == null) {
            return null;
        }
        JsonNode n = read(value, "ToleratedFailureCountPath", input, context);
        if (!n.isIntegralNumber() || !n.canConvertToLong()) {
            throw notA(run, "ToleratedFailureCountPath", n, "integer", value);
        }
        if (n.longValue() < 0) {
            throw StateFailure.runtime(run, "ToleratedFailureCount cannot be negative.");
        }
        return n.longValue();
    }

    private static BigDecimal toleratedPercentage(RunState run, DynamicValue value, JsonNode input,
                                                  StateContext context) {
        if (value == null) {
            return null;
        }
        JsonNode n = read(value, "ToleratedFailurePercentagePath", input, context);
        if (!n.isNumber()) {
            throw notA(run, "ToleratedFailurePercentagePath", n, "float", value);
        }
        BigDecimal p = n.decimalValue();
        if (p.signum() < 0 || p.compareTo(BigDecimal.valueOf(100)) > 0) {
            throw StateFailure.runtime(run, "ToleratedFailurePercentage must be between 0 and 100.");
        }
        return p;
    }

    /**
     * The field's value, literal, read by its path or computed by JSONata. A path's text that holds a
     * number counts as that number (AWS reads {@code "1"} from a variable as 1).
     */
    private static JsonNode read(DynamicValue value, String pathField, JsonNode input, StateContext context) {
        return switch (value) {
            case DynamicValue.Literal l -> l.value();
            case DynamicValue.FromPath p -> numeric(p.path().readField(input, context, pathField));
            case DynamicValue.FromIntrinsic i -> throw new IllegalStateException("only ErrorPath and CausePath take intrinsic functions");
            case DynamicValue.FromJsonata j -> j.expression().evaluate(context.jsonata(), fieldOf(pathField));
        };
    }

    private static JsonNode numeric(JsonNode n) {
        if (n != null && n.isTextual()) {
            try {
                BigDecimal number = new BigDecimal(n.textValue().trim());
                return number.scale() <= 0 && number.abs().compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) <= 0
                        ? Json.MAPPER.getNodeFactory().numberNode(number.longValueExact())
                        : Json.MAPPER.getNodeFactory().numberNode(number);
            } catch (NumberFormatException | ArithmeticException e) {
                return n;
            }
        }
        return n;
    }

    /** {@code MaxConcurrencyPath} -> {@code MaxConcurrency}. */
    private static String fieldOf(String pathField) {
        return pathField.substring(0, pathField.length() - "Path".length());
    }

    /**
     * AWS: {@code The MaxConcurrencyPath field refers to value "{}" which is not a valid integer: $.path};
     * a JSONata field's value fails the same way as an evaluation failure of that field.
     */
    private static RuntimeException notA(RunState run, String field, JsonNode n, String kind, DynamicValue value) {
        if (value instanceof DynamicValue.FromJsonata) {
            String name = fieldOf(field);
            return new QueryEvaluationException(name, "The " + name + " field refers to value \"" + WaitStep.shown(n)
                    + "\" which is not a valid " + kind);
        }
        String path = value instanceof DynamicValue.FromPath p ? p.path().text() : "";
        return StateFailure.runtime(run, "The " + field + " field refers to value \"" + WaitStep.shown(n)
                + "\" which is not a valid " + kind + ": " + path);
    }
}
