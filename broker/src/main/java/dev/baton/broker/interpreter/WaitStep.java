package dev.baton.broker.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.broker.dataflow.jsonata.QueryEvaluationException;
import dev.baton.broker.dataflow.Json;
import dev.baton.broker.definition.model.DynamicValue;
import dev.baton.broker.definition.model.WaitState;

import java.time.Instant;

/**
 * Wait: a durable timer until Seconds/SecondsPath from now or until Timestamp/TimestampPath (read
 * from the effective input, after InputPath; in JSONata, literal or an expression), with AWS's
 * run-time errors for values it cannot use. A timestamp in the past ends the wait at once. The
 * state's Assign and Output are evaluated when the wait is over.
 */
final class WaitStep {
    /** AWS refuses waits longer than 2^31-1 seconds ("Wait state delay is too long."). */
    static final long MAX_DELAY_SECONDS = Integer.MAX_VALUE;

    private WaitStep() {
    }

    static Outcome start(Decider d, RunState run, WaitState wait) {
        StateContext context = d.context(run, wait);
        JsonNode input = DataFlow.jsonata(wait) ? run.stateInput : DataFlow.inputPath(wait.io(), run.stateInput, context);
        long dueAt = switch (wait.duration()) {
            case WaitState.Seconds seconds -> d.now + seconds(run, seconds.value(), input, context) * 1000L;
            case WaitState.Timestamp timestamp -> timestamp(run, timestamp.value(), input, context).toEpochMilli();
        };
        if ((dueAt - d.now) / 1000 > MAX_DELAY_SECONDS) {
            throw StateFailure.runtime(run, "Wait state delay is too long.");
        }
        if (dueAt <= d.now) {
            return elapsed(d, run, wait);
        }
        run.timerId = d.startTimer(run, ExecutionSnapshot.TimerKind.WAIT, dueAt);
        return Outcome.WAITING;
    }

    /**
     * The wait is over: the output is the effective input after OutputPath, which Assign reads as
     * {@code $} (JSONata: Output, by default the input, and Assign).
     */
    static Outcome elapsed(Decider d, RunState run, WaitState wait) {
        StateContext context = d.context(run, wait);
        if (DataFlow.jsonata(wait)) {
            return DataFlow.jsonata(wait, context.jsonata(), run.stateInput, DataFlow.next(wait.transition()));
        }
        JsonNode input = DataFlow.inputPath(wait.io(), run.stateInput, context);
        return Outcome.Completed.of(DataFlow.outputPath(wait.io(), input, context), wait.transition(),
                DataFlow.assignment(wait.io(), input, context));
    }

    private static long seconds(RunState run, DynamicValue value, JsonNode input, StateContext context) {
        return switch (value) {
            case DynamicValue.Literal l -> l.value().asLong();
            case DynamicValue.FromPath p -> {
                JsonNode n = p.path().read(input, context);
                if (n == null) {
                    throw StateFailure.runtime(run, "The SecondsPath parameter does not reference an input value: "
                            + p.path().text());
                }
                if (!n.isIntegralNumber() || !n.canConvertToLong()) {
                    throw StateFailure.runtime(run, "The SecondsPath parameter cannot be parsed as a long value: "
                            + p.path().text() + " == " + shown(n));
                }
                if (n.longValue() < 0) {
                    throw StateFailure.runtime(run, "The SecondsPath parameter references a negative value: "
                            + p.path().text() + " == " + shown(n));
                }
                yield n.longValue();
            }
            case DynamicValue.FromIntrinsic i -> throw new IllegalStateException("only ErrorPath and CausePath take intrinsic functions");
            case DynamicValue.FromJsonata j -> {
                JsonNode n = j.expression().evaluate(context.jsonata(), "Seconds");
                if (!n.isIntegralNumber() || !n.canConvertToLong()) {
                    throw new QueryEvaluationException("Seconds", "The Seconds field cannot be parsed as a long value: "
                            + shown(n));
                }
                if (n.longValue() < 0) {
                    throw new QueryEvaluationException("Seconds", "The Seconds field references a negative value: "
                            + shown(n));
                }
                yield n.longValue();
            }
        };
    }

    private static Instant timestamp(RunState run, DynamicValue value, JsonNode input, StateContext context) {
        return switch (value) {
            case DynamicValue.Literal l -> {
                Instant t = Timestamps.parse(l.value().asText());
                if (t == null) {
                    throw StateFailure.runtime(run, "The Timestamp parameter is not a valid ISO-8601 extended offset "
                            + "date-time format string: " + shown(l.value()));
                }
                yield t;
            }
            case DynamicValue.FromPath p -> {
                JsonNode n = p.path().read(input, context);
                if (n == null) {
                    throw StateFailure.runtime(run, "The TimestampPath parameter does not reference an input value: "
                            + p.path().text());
                }
                Instant t = n.isTextual() ? Timestamps.parse(n.textValue()) : null;
                if (t == null) {
                    throw StateFailure.runtime(run, "The TimestampPath parameter does not reference a valid ISO-8601 "
                            + "extended offset date-time format string: " + p.path().text() + " == " + shown(n));
                }
                yield t;
            }
            case DynamicValue.FromIntrinsic i -> throw new IllegalStateException("only ErrorPath and CausePath take intrinsic functions");
            case DynamicValue.FromJsonata j -> {
                JsonNode n = j.expression().evaluate(context.jsonata(), "Timestamp");
                Instant t = n.isTextual() ? Timestamps.parse(n.textValue()) : null;
                if (t == null) {
                    throw new QueryEvaluationException("Timestamp", "The Timestamp field cannot be parsed as an ISO-8601 "
                            + "extended offset date-time format string: " + shown(n));
                }
                yield t;
            }
        };
    }

    /** A value as AWS shows it in these messages: strings bare, anything else as JSON. */
    static String shown(JsonNode n) {
        return n.isTextual() ? n.textValue() : Json.write(n);
    }
}
