package dev.baton.broker.definition;

import dev.baton.broker.definition.model.QueryLanguage;
import dev.baton.broker.definition.model.StateMachine;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Locations of distributed Maps' item processors, and the state machines their child executions run. */
class ItemProcessorsTest {
    static final StateMachine ROOT = Definitions.load("""
            {"QueryLanguage":"JSONata","StartAt":"Split","States":{"Split":{"Type":"Parallel","End":true,"Branches":[
              {"StartAt":"a/b~c","States":{"a/b~c":{"Type":"Map","End":true,"ItemProcessor":{
                "ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},
                "StartAt":"Inner","States":{"Inner":{"Type":"Pass","End":true}}}}}}]}}}""").stateMachine();

    @Test
    void aLocationNamesTheMapThroughBranchesWithItsNameEscaped() {
        String location = ItemProcessors.processor(ItemProcessors.state(
                ItemProcessors.branch(ItemProcessors.state("", "Split"), 0), "a/b~c"));
        assertThat(location).isEqualTo("/States/Split/Branches/0/States/a~1b~0c/ItemProcessor");
        StateMachine processor = ItemProcessors.machine(ROOT, location);
        assertThat(processor.startAt()).isEqualTo("Inner");
        assertThat(processor.queryLanguage()).as("inherited from the state machine").isEqualTo(QueryLanguage.JSONATA);
        assertThat(processor.timeoutSeconds()).isNull();
    }

    @Test
    void aLocationThatNamesNoItemProcessorIsRefused() {
        for (String wrong : new String[] {"", "/States/Split", "/States/Split/Branches/1/States/a~1b~0c/ItemProcessor",
                "/States/Nope/ItemProcessor", "/States/Split/ItemProcessor", "/Comment"}) {
            assertThatThrownBy(() -> ItemProcessors.machine(ROOT, wrong)).as(wrong)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
