package dev.baton.broker.definition;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.broker.dataflow.Json;
import dev.baton.broker.definition.validate.StateFields;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Broken definitions never crash the loader: random valid definitions with random damage (a field
 * removed, a value of the wrong type, an ASL field where it does not belong) always give a result,
 * and every problem is caught by a validation rule with a location, never by the parser's last
 * line of defence.
 */
class MutatedDefinitionsTest {
    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);
    private static final List<JsonNode> ODD_VALUES = List.of(NODES.nullNode(), NODES.numberNode(-1),
            NODES.numberNode(1.5), NODES.textNode(""), NODES.textNode("$.x"), NODES.textNode("{% 1 %}"),
            NODES.textNode("{% ( %}"), NODES.booleanNode(true), NODES.arrayNode(), NODES.objectNode(),
            NODES.textNode("States.Format('{}', $.a)"), NODES.textNode("JSONata"));

    @Property(tries = 600)
    void brokenDefinitionsAreReportedNotThrown(@ForAll long seed) {
        Random random = new Random(seed);
        ObjectNode definition = new RandomDefinitions(seed).machine();
        for (int i = 1 + random.nextInt(3); i > 0; i--) {
            mutate(definition, random);
        }
        for (StateMachineType type : StateMachineType.values()) {
            DefinitionResult result = Definitions.load(Json.write(definition), type);
            assertThat(result.diagnostics())
                    .as("definition %s", definition)
                    .noneMatch(d -> d.message().startsWith(Definitions.UNPARSEABLE));
            if (result.ok()) {
                assertThat(Definitions.load(DefinitionWriter.toJson(result.stateMachine()), type).ok()).isTrue();
            }
        }
    }

    private static void mutate(ObjectNode root, Random random) {
        List<ObjectNode> objects = new ArrayList<>();
        collect(root, objects);
        ObjectNode target = objects.get(random.nextInt(objects.size()));
        List<String> fields = new ArrayList<>();
        target.fieldNames().forEachRemaining(fields::add);
        switch (random.nextInt(3)) {
            case 0 -> {
                if (!fields.isEmpty()) {
                    target.remove(fields.get(random.nextInt(fields.size())));
                }
            }
            case 1 -> {
                if (!fields.isEmpty()) {
                    target.set(fields.get(random.nextInt(fields.size())), ODD_VALUES.get(random.nextInt(ODD_VALUES.size())).deepCopy());
                }
            }
            default -> {
                List<StateFields.Field> all = StateFields.all();
                String field = all.get(random.nextInt(all.size())).name();
                target.set(field, ODD_VALUES.get(random.nextInt(ODD_VALUES.size())).deepCopy());
            }
        }
    }

    private static void collect(JsonNode node, List<ObjectNode> out) {
        if (node instanceof ObjectNode o) {
            out.add(o);
            o.elements().forEachRemaining(child -> collect(child, out));
        } else if (node instanceof ArrayNode a) {
            a.elements().forEachRemaining(child -> collect(child, out));
        }
    }
}
