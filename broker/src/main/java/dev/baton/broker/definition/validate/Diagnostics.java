package dev.baton.broker.definition.validate;

import dev.baton.broker.definition.Diagnostic;

import java.util.ArrayList;
import java.util.List;

/** Collects the diagnostics of one validation, in the order rules find them. */
public final class Diagnostics {
    private final List<Diagnostic> found = new ArrayList<>();

    public void add(Diagnostic diagnostic) {
        found.add(diagnostic);
    }

    public void addAll(List<Diagnostic> diagnostics) {
        found.addAll(diagnostics);
    }

    public void error(String code, String message, String location) {
        found.add(Diagnostic.error(code, message, location));
    }

    /** The common case: a SCHEMA_VALIDATION_FAILED error. */
    public void schema(String message, String location) {
        error(Diagnostic.SCHEMA_VALIDATION_FAILED, message, location);
    }

    public void warning(String code, String message, String location) {
        found.add(Diagnostic.warning(code, message, location));
    }

    public boolean hasErrors() {
        return found.stream().anyMatch(Diagnostic::isError);
    }

    /** Errors first, then warnings; each group in the order found, without repeats. */
    public List<Diagnostic> list() {
        List<Diagnostic> out = new ArrayList<>();
        found.stream().filter(Diagnostic::isError).distinct().forEach(out::add);
        found.stream().filter(d -> !d.isError()).distinct().forEach(out::add);
        return out;
    }
}
