package dev.baton.broker.runtime;

import dev.baton.broker.definition.ItemProcessors;
import dev.baton.broker.definition.model.StateMachine;
import dev.baton.broker.persistence.DefinitionRepository;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Parsed definitions by content hash. A definition is parsed once per broker, however many
 * executions run it; after a restart it is parsed again on first use.
 */
public final class DefinitionCache {
    private final DefinitionRepository repository;
    private final Function<String, StateMachine> parser;
    private final Map<String, StateMachine> parsed = new ConcurrentHashMap<>();
    /** Item processors of distributed Maps, by definition hash and location. */
    private final Map<String, StateMachine> processors = new ConcurrentHashMap<>();

    /** @param parser turns a stored (hence valid) definition text into its model */
    public DefinitionCache(DefinitionRepository repository, Function<String, StateMachine> parser) {
        this.repository = repository;
        this.parser = parser;
    }

    /** Remembers a definition just parsed (at CreateStateMachine), to skip parsing it again. */
    public void put(String hash, StateMachine machine) {
        parsed.putIfAbsent(hash, machine);
    }

    public StateMachine get(String hash) {
        return parsed.computeIfAbsent(hash, h -> parser.apply(repository.find(h)
                .orElseThrow(() -> new IllegalStateException("definition " + h + " is missing from the database"))));
    }

    /**
     * What an execution of the definition runs: the whole state machine, or, for a map run's child,
     * the ItemProcessor at {@code processorPath} (see {@link ItemProcessors}).
     *
     * @param processorPath null for the whole state machine
     */
    public StateMachine get(String hash, String processorPath) {
        if (processorPath == null) {
            return get(hash);
        }
        return processors.computeIfAbsent(hash + "#" + processorPath, k -> ItemProcessors.machine(get(hash), processorPath));
    }
}
