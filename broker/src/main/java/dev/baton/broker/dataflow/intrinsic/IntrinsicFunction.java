package dev.baton.broker.dataflow.intrinsic;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Optional;

/**
 * One of AWS's 18 intrinsic functions for JSONPath states. Each checks its argument values and fails
 * with States.IntrinsicFailure when one does not fit; the number of arguments is checked when the
 * call is parsed (definition time).
 */
public abstract sealed class IntrinsicFunction permits StatesArray, StatesArrayContains, StatesArrayGetItem, StatesArrayLength,
        StatesArrayPartition, StatesArrayRange, StatesArrayUnique, StatesBase64Decode, StatesBase64Encode, StatesFormat,
        StatesHash, StatesJsonMerge, StatesJsonToString, StatesMathAdd, StatesMathRandom, StatesStringSplit,
        StatesStringToJson, StatesUuid {

    /** {@link #maxArguments()} of functions that take any number of arguments. */
    public static final int UNLIMITED = Integer.MAX_VALUE;

    private final String name;
    private final int minArguments;
    private final int maxArguments;

    IntrinsicFunction(String name, int minArguments, int maxArguments) {
        this.name = name;
        this.minArguments = minArguments;
        this.maxArguments = maxArguments;
    }

    /** The full name, e.g. {@code States.Format}. */
    public final String name() {
        return name;
    }

    public final int minArguments() {
        return minArguments;
    }

    /** The largest number of arguments, {@link #UNLIMITED} when there is no limit. */
    public final int maxArguments() {
        return maxArguments;
    }

    /**
     * Computes the function's value.
     *
     * @throws dev.baton.broker.dataflow.DataflowException States.IntrinsicFailure when an argument does not fit
     */
    public abstract JsonNode apply(ArgumentValues arguments);

    /** The function with this name ({@code States.Format}), if there is one. */
    public static Optional<IntrinsicFunction> named(String name) {
        return Optional.ofNullable(FunctionRegistry.BY_NAME.get(name));
    }

    @Override
    public String toString() {
        return name;
    }
}
