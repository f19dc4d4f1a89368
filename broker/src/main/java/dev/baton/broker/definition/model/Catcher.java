package dev.baton.broker.definition.model;

import dev.baton.broker.dataflow.ResultPath;
import dev.baton.broker.dataflow.ValueTemplate;
import dev.baton.broker.dataflow.jsonata.JsonataTemplate;

import java.util.List;

/**
 * One element of a Catch field.
 *
 * @param resultPath where the error output goes (JSONPath); {@link ResultPath#ROOT} by default; null
 *                   when the definition says {@code "ResultPath": null} (discard the error output)
 * @param output     JSONata Output, or null
 * @param assign     variables to assign, or null
 */
public record Catcher(List<String> errorEquals, String next, ResultPath resultPath, JsonataTemplate output,
                      ValueTemplate assign, String comment) {
    public Catcher {
        errorEquals = List.copyOf(errorEquals);
    }
}
