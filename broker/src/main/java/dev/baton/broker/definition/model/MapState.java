package dev.baton.broker.definition.model;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.broker.dataflow.Path;
import dev.baton.broker.dataflow.ValueTemplate;

import java.util.List;

/**
 * A Map state.
 *
 * @param itemsPath                 ItemsPath (JSONPath), {@link Path#ROOT} by default
 * @param items                     Items (literal array or JSONata), or null
 * @param itemSelector              ItemSelector, or the legacy Parameters; null when absent
 * @param processor                 ItemProcessor, or the legacy Iterator (mode INLINE)
 * @param maxConcurrency            MaxConcurrency / MaxConcurrencyPath / JSONata, or null (0 = unlimited)
 * @param toleratedFailurePercentage ToleratedFailurePercentage(Path), or null
 * @param toleratedFailureCount     ToleratedFailureCount(Path), or null
 * @param itemReader                ItemReader, or null
 * @param itemBatcher               ItemBatcher, or null
 * @param resultWriter              ResultWriter, or null
 * @param label                     Label (distributed map runs), or null
 */
public record MapState(String name, String comment, QueryLanguage queryLanguage, StateIo io, Transition transition,
                       Path itemsPath, DynamicValue items, ValueTemplate itemSelector, ItemProcessor processor,
                       DynamicValue maxConcurrency, DynamicValue toleratedFailurePercentage,
                       DynamicValue toleratedFailureCount, ItemReader itemReader, ItemBatcher itemBatcher,
                       ResultWriter resultWriter, String label, List<Retrier> retry, List<Catcher> catchers)
        implements State {
    public MapState {
        retry = List.copyOf(retry);
        catchers = List.copyOf(catchers);
    }

    public enum ProcessorMode { INLINE, DISTRIBUTED }

    /**
     * @param executionType STANDARD or EXPRESS for DISTRIBUTED mode, else null
     * @param legacyIterator true when written as the legacy {@code Iterator} field
     */
    public record ItemProcessor(ProcessorMode mode, String executionType, StateGraph graph, boolean legacyIterator) {
    }

    /** ItemReader: where a distributed map reads its items. {@code arguments} is Parameters or Arguments. */
    public record ItemReader(String resource, JsonNode readerConfig, ValueTemplate arguments) {
    }

    /** ItemBatcher: how items are grouped into batches. */
    public record ItemBatcher(DynamicValue maxItemsPerBatch, DynamicValue maxInputBytesPerBatch, ValueTemplate batchInput) {
    }

    /** ResultWriter: where a distributed map writes its results. */
    public record ResultWriter(String resource, ValueTemplate arguments, JsonNode writerConfig) {
    }
}
