package dev.baton.broker.definition;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.broker.dataflow.Json;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

import static org.assertj.core.api.Assertions.assertThat;

/** Random valid definitions survive parse -> model -> JSON -> parse unchanged. */
class DefinitionRoundTripTest {

    @Property(tries = 400)
    void parseWriteParseGivesTheSameDefinition(@ForAll long seed) {
        ObjectNode generated = new RandomDefinitions(seed).machine();
        String text = Json.write(generated);

        DefinitionResult loaded = Definitions.load(text);
        assertThat(loaded.errors()).as("errors for %s", text).isEmpty();

        ObjectNode written = DefinitionWriter.write(loaded.stateMachine());
        assertThat(written).as("written back from %s", text).isEqualTo(generated);

        DefinitionResult reloaded = Definitions.load(DefinitionWriter.toJson(loaded.stateMachine()));
        assertThat(reloaded.ok()).isTrue();
        assertThat(DefinitionWriter.write(reloaded.stateMachine())).isEqualTo(written);
    }
}
