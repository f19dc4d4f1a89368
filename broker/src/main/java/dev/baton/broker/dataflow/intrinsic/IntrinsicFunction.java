package dev.baton.broker.dataflow.intrinsic;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Optional;

/**
 * One of AWS's 18 intrinsic functions for JSONPath states. Each checks its arguments and fails with
 * States.IntrinsicFailure when a value does not fit; the number of arguments is checked when the
 * call is parsed (definition time).
 */
public sealed interface IntrinsicFunction permits StatesArray, StatesArrayContains, StatesArrayGetItem, StatesArrayLength,
        StatesArrayPartition, StatesArrayRange, StatesArrayUnique, StatesBase64Decode, StatesBase64Encode, StatesFormat,
        StatesHash, StatesJsonMerge, StatesJsonToString, StatesMathAdd, StatesMathRandom, StatesStringSplit,
        StatesStringToJson, StatesUuid {

    /** The full name, e.g. {@code States.Format}. */
    String name();

    int minArguments();

    /** The largest number of arguments, {@link Integer#MAX_VALUE} when unlimited. */
    int maxArguments();

    /**
     * Computes the function's value.
     *
     * @throws dev.baton.broker.dataflow.DataflowException States.IntrinsicFailure when an argument does not fit
     */
    JsonNode apply(ArgumentValues arguments);

    /** The function with this name ({@code States.Format}), if there is one. */
    static Optional<IntrinsicFunction> named(String name) {
        return Optional.ofNullable(FunctionRegistry.BY_NAME.get(name));
    }
}
