package dev.baton.broker.definition.model;

import dev.baton.broker.dataflow.Path;
import dev.baton.broker.dataflow.PayloadTemplate;
import dev.baton.broker.dataflow.ResultPath;
import dev.baton.broker.dataflow.ValueTemplate;
import dev.baton.broker.dataflow.jsonata.JsonataTemplate;

/**
 * A state's input and output processing fields. Fields a state type or query language does not
 * allow are left at their defaults (the validator rejects them in the definition).
 *
 * <p>JSONPath fields distinguish "absent" from JSON {@code null}, as AWS does: an absent InputPath,
 * OutputPath or ResultPath is {@link Path#ROOT} / {@link ResultPath#ROOT}; a JSON {@code null} one is a
 * Java {@code null} (InputPath/OutputPath null: the value becomes {@code {}}; ResultPath null: the
 * result is discarded and the input passes through).
 *
 * @param parameters     Parameters, or null when absent
 * @param resultSelector ResultSelector, or null when absent
 * @param arguments      JSONata Arguments, or null when absent
 * @param output         JSONata Output, or null when absent
 * @param assign         Assign (either query language), or null when absent
 */
public record StateIo(Path inputPath, Path outputPath, PayloadTemplate parameters, PayloadTemplate resultSelector,
                      ResultPath resultPath, JsonataTemplate arguments, JsonataTemplate output, ValueTemplate assign) {

    /** No processing: the input passes through unchanged. */
    public static final StateIo DEFAULT = new StateIo(Path.ROOT, Path.ROOT, null, null, ResultPath.ROOT, null, null, null);
}
