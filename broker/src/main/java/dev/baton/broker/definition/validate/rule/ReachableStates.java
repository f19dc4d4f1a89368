package dev.baton.broker.definition.validate.rule;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.broker.definition.Diagnostic;
import dev.baton.broker.definition.validate.DefinitionTree;
import dev.baton.broker.definition.validate.Diagnostics;
import dev.baton.broker.definition.validate.ValidationRule;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Every state of a graph can be reached from its StartAt through Next, Default, Choices[].Next
 * and Catch[].Next. AWS rejects unreachable states with MISSING_TRANSITION_TARGET.
 */
public final class ReachableStates implements ValidationRule {
    @Override
    public void check(DefinitionTree tree, Diagnostics out) {
        for (DefinitionTree.Graph graph : tree.graphs()) {
            String startAt = graph.startAt();
            if (startAt == null || !graph.hasState(startAt)) {
                continue; // StartAtTarget reports it; every state would look unreachable
            }
            Set<String> reached = new HashSet<>();
            Deque<String> pending = new ArrayDeque<>(List.of(startAt));
            while (!pending.isEmpty()) {
                String name = pending.pop();
                if (!reached.add(name)) {
                    continue;
                }
                DefinitionTree.StateSite state = graph.state(name);
                if (state != null) {
                    targets(state, pending);
                }
            }
            for (DefinitionTree.StateSite state : graph.states()) {
                if (!reached.contains(state.name())) {
                    // AWS's wording: MISSING_TRANSITION_TARGET: State "pass2" is not reachable. at /States/pass2
                    out.error(Diagnostic.MISSING_TRANSITION_TARGET, "State \"" + state.name() + "\" is not reachable.",
                            state.location());
                }
            }
        }
    }

    private static void targets(DefinitionTree.StateSite state, Deque<String> pending) {
        add(state.field("Next"), pending);
        add(state.field("Default"), pending);
        for (String field : List.of("Choices", "Catch")) {
            JsonNode list = state.field(field);
            if (list != null && list.isArray()) {
                list.forEach(e -> add(e.get("Next"), pending));
            }
        }
    }

    private static void add(JsonNode target, Deque<String> pending) {
        if (target != null && target.isTextual()) {
            pending.push(target.textValue());
        }
    }
}
