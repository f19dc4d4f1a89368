package dev.baton.broker.definition.validate.rule;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.broker.definition.validate.Checks;
import dev.baton.broker.definition.validate.DefinitionTree;
import dev.baton.broker.definition.validate.Diagnostics;
import dev.baton.broker.definition.validate.StateRule;

import java.util.List;

/**
 * A Task's Credentials names the role to assume: exactly one RoleArn (a string; in JSONPath
 * states {@code RoleArn.$} reads it from a path) and nothing else.
 */
public final class CredentialsShape implements StateRule {
    @Override
    public void check(DefinitionTree.StateSite state, Diagnostics out) {
        JsonNode credentials = state.field("Credentials");
        if (!state.is("Task") || credentials == null || !credentials.isObject()) {
            return;
        }
        String at = state.fieldLocation("Credentials");
        boolean literal = credentials.has("RoleArn");
        boolean dynamic = !state.jsonata() && credentials.has("RoleArn.$");
        if (!literal && !dynamic) {
            out.schema(Checks.required(List.of("RoleArn")), at);
        } else if (literal && dynamic) {
            out.schema(Checks.exclusive("RoleArn", "RoleArn.$"), at);
        }
        if (literal && !credentials.get("RoleArn").isTextual()) {
            out.schema(Checks.mustBe("RoleArn", "a STRING"), at + "/RoleArn");
        }
        credentials.fieldNames().forEachRemaining(name -> {
            if (!name.equals("RoleArn") && !(name.equals("RoleArn.$") && !state.jsonata())) {
                out.schema(Checks.unsupported(name), at);
            }
        });
    }
}
