package dev.baton.broker.definition.model;

/** The query language of a state machine or a state: {@code JSONPath} (the default) or {@code JSONata}. */
public enum QueryLanguage {
    JSONPATH("JSONPath"),
    JSONATA("JSONata");

    private final String aslName;

    QueryLanguage(String aslName) {
        this.aslName = aslName;
    }

    /** The name as written in a definition. */
    public String aslName() {
        return aslName;
    }

    public static QueryLanguage fromAslName(String name) {
        for (QueryLanguage q : values()) {
            if (q.aslName.equals(name)) {
                return q;
            }
        }
        return null;
    }
}
