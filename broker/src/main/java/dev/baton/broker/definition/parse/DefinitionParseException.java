package dev.baton.broker.definition.parse;

/**
 * A part of a definition the parser cannot turn into the model. The validator reports such
 * problems first; this carries the ones only the parser sees (a path or template that does not
 * parse) with their location.
 */
public final class DefinitionParseException extends Exception {
    private final String location;

    public DefinitionParseException(String message, String location) {
        super(message, null, false, false);
        this.location = location;
    }

    public String location() {
        return location;
    }
}
