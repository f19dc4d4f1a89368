package dev.baton.broker.dataflow.intrinsic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.broker.dataflow.DataflowSyntaxException;
import dev.baton.broker.dataflow.EvaluationContext;
import dev.baton.broker.dataflow.Json;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * A call of an intrinsic function ({@code States.Format('Hello {}', $.name)}, ...) in a payload
 * template, or in a Fail state's ErrorPath/CausePath. Parsed once, at definition time (syntax,
 * function name, number of arguments, at most 10 calls per field); values are checked when it is
 * evaluated. Immutable and thread-safe.
 */
public final class IntrinsicCall {
    private final String text;
    private final IntrinsicFunction function;
    private final List<Argument> arguments;

    IntrinsicCall(String text, IntrinsicFunction function, List<Argument> arguments) {
        this.text = text;
        this.function = function;
        this.arguments = List.copyOf(arguments);
    }

    /**
     * Parses a call.
     *
     * @throws DataflowSyntaxException when the text is not a valid call: unknown function, wrong
     *                                 number of arguments, bad string escape, bad path, ...
     */
    public static IntrinsicCall parse(String text) throws DataflowSyntaxException {
        return IntrinsicParser.parse(text);
    }

    /** The call as written. */
    public String text() {
        return text;
    }

    public IntrinsicFunction function() {
        return function;
    }

    public List<Argument> arguments() {
        return arguments;
    }

    /** Evaluates the call; a path argument that selects nothing is reported against the call's own text. */
    public JsonNode evaluate(JsonNode input, EvaluationContext context) {
        return evaluate(input, context, text);
    }

    /**
     * Evaluates the call.
     *
     * @param field the field the call is the value of, as AWS names it in messages ({@code "value.$"},
     *              {@code "CausePath"})
     * @throws dev.baton.broker.dataflow.DataflowException States.IntrinsicFailure when the function
     *                                                     fails on its arguments; States.Runtime when a path argument selects nothing
     */
    public JsonNode evaluate(JsonNode input, EvaluationContext context, String field) {
        RandomGenerator[] memo = new RandomGenerator[1];
        return evaluate(input, context, field, () -> memo[0] != null ? memo[0] : (memo[0] = context.random()));
    }

    /**
     * Evaluates with a given random source, so that several calls of one template share it. The
     * supplier is asked only when a function needs randomness (States.UUID, unseeded
     * States.MathRandom), so the context object is not built for calls that do not; it must return
     * the same generator each time.
     */
    public JsonNode evaluate(JsonNode input, EvaluationContext context, String field, Supplier<RandomGenerator> random) {
        List<JsonNode> values = new ArrayList<>(arguments.size());
        for (Argument argument : arguments) {
            values.add(switch (argument) {
                case Argument.Literal l -> l.value();
                case Argument.StringLiteral s -> Json.MAPPER.getNodeFactory().textNode(s.value());
                case Argument.PathArgument p -> p.path().readField(input, context, field);
                case Argument.Call c -> c.call().evaluate(input, context, field, random);
            });
        }
        return function.apply(new ArgumentValues(function.name(), arguments, values, random));
    }

    @Override
    public String toString() {
        return text;
    }
}
