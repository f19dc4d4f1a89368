package dev.baton.broker.definition.validate.rule;

import com.dashjoin.jsonata.JException;
import com.dashjoin.jsonata.Jsonata;
import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.broker.definition.parse.DefinitionParser;
import dev.baton.broker.definition.validate.Checks;
import dev.baton.broker.definition.validate.DefinitionTree;
import dev.baton.broker.definition.validate.Diagnostics;
import dev.baton.broker.definition.validate.StateRule;

import java.util.Set;

/**
 * In a JSONata state every {@code "{% ... %}"} string, in any field, is an expression and must
 * parse; a syntax error is a definition error, not a run-time States.QueryEvaluationError.
 * Nested state graphs are checked as states of their own.
 */
public final class JsonataExpressions implements StateRule {
    /** State fields that are never evaluated: names, targets, settings, and the nested graphs (checked on their own). */
    private static final Set<String> NOT_EVALUATED = Set.of("Type", "Comment", "QueryLanguage", "Next", "End", "Default",
            "Resource", "Label", "Retry", "ItemProcessor", "Iterator", "Branches", "Choices", "Catch");
    /** Fields of a Choices or Catch element that are never evaluated. */
    private static final Set<String> ELEMENT_NOT_EVALUATED = Set.of("Comment", "Next", "ErrorEquals");

    @Override
    public void check(DefinitionTree.StateSite state, Diagnostics out) {
        if (!state.jsonata()) {
            return;
        }
        state.node().fields().forEachRemaining(e -> {
            if (!NOT_EVALUATED.contains(e.getKey())) {
                walk(e.getKey(), e.getValue(), state.fieldLocation(e.getKey()), out);
            }
        });
        for (String list : new String[]{"Choices", "Catch"}) {
            for (DefinitionTree.Element element : state.elements(list)) {
                element.node().fields().forEachRemaining(e -> {
                    if (!ELEMENT_NOT_EVALUATED.contains(e.getKey())) {
                        walk(e.getKey(), e.getValue(), element.fieldLocation(e.getKey()), out);
                    }
                });
            }
        }
    }

    private static void walk(String field, JsonNode value, String location, Diagnostics out) {
        if (value.isTextual()) {
            if (DefinitionParser.isJsonataExpression(value)) {
                String problem = syntaxProblem(value.textValue());
                if (problem != null) {
                    out.schema(Checks.mustBe(field, "a valid JSONata expression") + ": " + problem, location);
                }
            }
        } else if (value.isObject()) {
            value.fields().forEachRemaining(e -> walk(e.getKey(), e.getValue(), location + "/" + e.getKey(), out));
        } else if (value.isArray()) {
            for (int i = 0; i < value.size(); i++) {
                walk(field, value.get(i), location + "/" + i, out);
            }
        }
    }

    /** Null when the expression inside {@code {% %}} parses, else what is wrong with it. */
    public static String syntaxProblem(String wrapped) {
        String expression = wrapped.substring(2, wrapped.length() - 2);
        if (expression.isBlank()) {
            return "the expression is empty";
        }
        try {
            Jsonata.jsonata(expression);
            return null;
        } catch (JException e) {
            return e.getMessage();
        } catch (StackOverflowError e) {
            return "the expression is nested too deeply";
        } catch (RuntimeException e) {
            return String.valueOf(e.getMessage());
        }
    }
}
