package dev.baton.broker.definition;

import dev.baton.broker.definition.model.StateMachine;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The outcome of loading a definition: the state machine when the definition is valid, and every
 * problem found (errors and warnings, all at once).
 *
 * @param stateMachine the parsed state machine, or null when there are errors
 * @param diagnostics  errors first, then warnings, each group in definition order
 */
public record DefinitionResult(StateMachine stateMachine, List<Diagnostic> diagnostics) {

    /** The prefix of AWS's InvalidDefinition message. */
    public static final String INVALID_DEFINITION_PREFIX = "Invalid State Machine Definition: ";

    public DefinitionResult {
        diagnostics = List.copyOf(diagnostics);
        if ((stateMachine == null) == diagnostics.stream().noneMatch(Diagnostic::isError)) {
            throw new IllegalArgumentException("a result has a state machine exactly when it has no errors");
        }
    }

    /** True when the definition is valid (it may still have warnings). */
    public boolean ok() {
        return stateMachine != null;
    }

    public List<Diagnostic> errors() {
        return diagnostics.stream().filter(Diagnostic::isError).toList();
    }

    public List<Diagnostic> warnings() {
        return diagnostics.stream().filter(d -> !d.isError()).toList();
    }

    /**
     * The message of the InvalidDefinition error AWS returns for these errors, in AWS's form:
     * {@code Invalid State Machine Definition: 'CODE: message at /location, CODE: ...'}.
     *
     * @throws IllegalStateException when the definition is valid
     */
    public String invalidDefinitionMessage() {
        if (ok()) {
            throw new IllegalStateException("the definition is valid");
        }
        return INVALID_DEFINITION_PREFIX + "'"
                + errors().stream().map(Diagnostic::describe).collect(Collectors.joining(", ")) + "'";
    }
}
