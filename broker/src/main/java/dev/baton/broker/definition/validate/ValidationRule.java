package dev.baton.broker.definition.validate;

/**
 * One check of a definition, reporting every violation it finds with AWS's code and the
 * location. Rules are independent and see the tolerant {@link DefinitionTree}, so they never
 * throw on malformed input: a rule only looks at what has the shape it checks and leaves other
 * shapes to the rule that checks them.
 */
public interface ValidationRule {
    void check(DefinitionTree tree, Diagnostics out);
}
