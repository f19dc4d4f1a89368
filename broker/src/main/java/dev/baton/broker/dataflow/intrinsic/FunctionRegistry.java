package dev.baton.broker.dataflow.intrinsic;

import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The 18 intrinsic functions by name. */
final class FunctionRegistry {
    static final Map<String, IntrinsicFunction> BY_NAME = Stream.<IntrinsicFunction>of(
                    new StatesFormat(), new StatesStringToJson(), new StatesJsonToString(), new StatesArray(),
                    new StatesArrayPartition(), new StatesArrayContains(), new StatesArrayRange(), new StatesArrayGetItem(),
                    new StatesArrayLength(), new StatesArrayUnique(), new StatesBase64Encode(), new StatesBase64Decode(),
                    new StatesHash(), new StatesJsonMerge(), new StatesMathRandom(), new StatesMathAdd(),
                    new StatesStringSplit(), new StatesUuid())
            .collect(Collectors.toUnmodifiableMap(IntrinsicFunction::name, Function.identity()));

    private FunctionRegistry() {
    }
}
