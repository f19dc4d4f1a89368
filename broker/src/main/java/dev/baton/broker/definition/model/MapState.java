package dev.baton.broker.definition.model;

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

    /**
     * ItemReader: where a distributed map reads its items.
     *
     * @param readerConfig ReaderConfig, or null when absent
     * @param arguments    Parameters (JSONPath) or Arguments (JSONata), or null
     */
    public record ItemReader(String resource, ReaderConfig readerConfig, ValueTemplate arguments) {
    }

    /**
     * ItemReader's ReaderConfig. Enumerated values are kept as written (AWS adds new ones); the
     * validator checks them.
     *
     * @param inputType         CSV, JSON, JSONL, MANIFEST or PARQUET, or null
     * @param csvHeaderLocation FIRST_ROW or GIVEN, or null
     * @param csvHeaders        CSVHeaders (when GIVEN), or an empty list
     * @param csvDelimiter      COMMA, PIPE, SEMICOLON, SPACE or TAB, or null
     * @param manifestType      S3_INVENTORY or ATHENA_DATA, or null
     * @param maxItems          MaxItems / MaxItemsPath / JSONata, or null
     */
    public record ReaderConfig(String inputType, String csvHeaderLocation, List<String> csvHeaders,
                               String csvDelimiter, String manifestType, DynamicValue maxItems) {
        public ReaderConfig {
            csvHeaders = List.copyOf(csvHeaders);
        }
    }

    /** ItemBatcher: how items are grouped into batches (each limit literal, by path or JSONata, or null). */
    public record ItemBatcher(DynamicValue maxItemsPerBatch, DynamicValue maxInputBytesPerBatch, ValueTemplate batchInput) {
    }

    /**
     * ResultWriter: where a distributed map writes its results.
     *
     * @param resource     the export resource (e.g. {@code arn:aws:states:::s3:putObject}), or null when only
     *                     WriterConfig is given
     * @param arguments    Parameters (JSONPath) or Arguments (JSONata), or null
     * @param writerConfig WriterConfig, or null
     */
    public record ResultWriter(String resource, ValueTemplate arguments, WriterConfig writerConfig) {
    }

    /**
     * ResultWriter's WriterConfig.
     *
     * @param outputType     JSON or JSONL, or null
     * @param transformation NONE, COMPACT or FLATTEN, or null
     */
    public record WriterConfig(String outputType, String transformation) {
    }
}
