package dev.baton.broker.definition;

import dev.baton.broker.definition.model.StateMachine;
import dev.baton.broker.definition.parse.DefinitionParseException;
import dev.baton.broker.definition.parse.DefinitionParser;
import dev.baton.broker.definition.parse.DefinitionReader;
import dev.baton.broker.definition.validate.DefinitionTree;
import dev.baton.broker.definition.validate.DefinitionValidator;
import dev.baton.broker.definition.validate.Diagnostics;

import java.util.List;

/**
 * Loads Amazon States Language definitions: read (bounded JSON), validate (every rule, all
 * problems at once, with AWS's codes and locations), then parse into the immutable model. Never
 * throws for bad input: every problem is a {@link Diagnostic}.
 */
public final class Definitions {
    /** AWS's default and largest page of ValidateStateMachineDefinition diagnostics. */
    public static final int DEFAULT_MAX_RESULTS = 100;
    /** The start of the message for a definition the validator let through but the parser could not read. */
    static final String UNPARSEABLE = "The definition could not be parsed: ";

    private Definitions() {
    }

    /** Loads a STANDARD state machine's definition. */
    public static DefinitionResult load(String definitionJson) {
        return load(definitionJson, StateMachineType.STANDARD);
    }

    /** Loads a definition for a state machine of the given type (some constructs are STANDARD-only). */
    public static DefinitionResult load(String definitionJson, StateMachineType type) {
        DefinitionReader.Result read = DefinitionReader.read(definitionJson);
        Diagnostics diagnostics = new Diagnostics();
        diagnostics.addAll(read.diagnostics());
        if (read.root() == null) {
            return new DefinitionResult(null, diagnostics.list());
        }
        DefinitionTree tree = DefinitionTree.of(read.root(), type);
        DefinitionValidator.validate(tree, diagnostics);
        if (diagnostics.hasErrors()) {
            return new DefinitionResult(null, diagnostics.list());
        }
        try {
            StateMachine machine = DefinitionParser.parse(tree);
            return new DefinitionResult(machine, diagnostics.list());
        } catch (DefinitionParseException e) {
            diagnostics.schema(e.getMessage(), e.location());
            return new DefinitionResult(null, diagnostics.list());
        } catch (RuntimeException e) {
            // A shape no rule caught: still the user's definition, never a crash. Tests keep this unreachable.
            diagnostics.schema(UNPARSEABLE + e, null);
            return new DefinitionResult(null, diagnostics.list());
        }
    }

    /** The outcome of ValidateStateMachineDefinition. */
    public record Validation(boolean ok, List<Diagnostic> diagnostics, boolean truncated) {
        public Validation {
            diagnostics = List.copyOf(diagnostics);
        }

        /** AWS's result value: OK or FAIL. */
        public String result() {
            return ok ? "OK" : "FAIL";
        }
    }

    /**
     * AWS's ValidateStateMachineDefinition: validates without creating anything.
     *
     * @param type        the state machine type (null means STANDARD)
     * @param minSeverity ERROR returns errors only; WARNING returns errors and warnings (null means ERROR)
     * @param maxResults  the most diagnostics to return; 0 (or less) means {@link #DEFAULT_MAX_RESULTS}
     */
    public static Validation validate(String definitionJson, StateMachineType type, Diagnostic.Severity minSeverity,
                                      int maxResults) {
        DefinitionResult result = load(definitionJson, type == null ? StateMachineType.STANDARD : type);
        boolean withWarnings = minSeverity == Diagnostic.Severity.WARNING;
        List<Diagnostic> selected = result.diagnostics().stream()
                .filter(d -> d.isError() || withWarnings)
                .toList();
        int limit = maxResults <= 0 ? DEFAULT_MAX_RESULTS : Math.min(maxResults, DEFAULT_MAX_RESULTS);
        boolean truncated = selected.size() > limit;
        return new Validation(result.ok(), truncated ? selected.subList(0, limit) : selected, truncated);
    }
}
