package dev.baton.broker.interpreter;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** AWS's 25,000-event history quota. */
class ExecutionLimitsTest {

    @Test
    void anExecutionThatFillsItsHistoryFailsWithEventTwentyFiveThousand() {
        Harness h = Harness.of("""
                {"StartAt":"A","States":{"A":{"Type":"Pass","Next":"B"},
                  "B":{"Type":"Choice","Choices":[{"Variable":"$.done","IsPresent":true,"Next":"Done"}],"Default":"A"},
                  "Done":{"Type":"Succeed"}}}""").start("{}");
        assertThat(h.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(h.history).hasSize(Decider.MAX_HISTORY_EVENTS);
        HistoryEvent last = h.history.getLast();
        assertThat(last.id()).isEqualTo(25_000);
        assertThat(last.type()).isEqualTo(EventType.ExecutionFailed);
        assertThat(last.previousEventId()).isEqualTo(24_999);
        assertThat(h.history.get(24_998).type()).isIn(EventType.PassStateEntered, EventType.PassStateExited,
                EventType.ChoiceStateEntered, EventType.ChoiceStateExited);
        assertThat(h.snapshot.error).isEqualTo("States.Runtime");
        assertThat(h.snapshot.cause).isEqualTo(Decider.HISTORY_LIMIT_CAUSE);
    }

    @Test
    void theLimitStopsWaitsStartedInTheSameDecision() {
        // A Map whose iterations each start a task: the history fills up while tasks are being offered.
        StringBuilder items = new StringBuilder("[");
        for (int i = 0; i < 9_000; i++) {
            items.append(i == 0 ? "" : ",").append(i);
        }
        Harness h = Harness.of("""
                {"StartAt":"M","States":{"M":{"Type":"Map",
                  "ItemProcessor":{"StartAt":"W","States":{"W":{"Type":"Task","Resource":"ACTIVITY","TimeoutSeconds":60,"End":true}}},
                  "End":true}}}""").start(items.append("]").toString());
        assertThat(h.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(h.offered).isEmpty();
        assertThat(h.timers).isEmpty();
        assertThat(h.last.commands()).isEmpty();
    }

    @Test
    void aDistributedIterationThatLoopsForeverFailsOnItsOwnLimit() {
        Harness h = Harness.of("""
                {"StartAt":"M","States":{"M":{"Type":"Map","ItemProcessor":{
                  "ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},
                  "StartAt":"A","States":{"A":{"Type":"Pass","Next":"B"},
                  "B":{"Type":"Choice","Choices":[{"Variable":"$.done","IsPresent":true,"Next":"Done"}],"Default":"A"},
                  "Done":{"Type":"Succeed"}}},"End":true}}}""")
                .start("[{}]");
        assertThat(h.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(h.snapshot.error).isEqualTo("States.ExceedToleratedFailureThreshold");
        assertThat(h.history.size()).isLessThan(10);
    }
}
