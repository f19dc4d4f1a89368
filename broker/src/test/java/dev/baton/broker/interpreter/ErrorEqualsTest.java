package dev.baton.broker.interpreter;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** AWS's matching of failures against ErrorEquals (concepts-error-handling). */
class ErrorEqualsTest {
    static final StateFailure CUSTOM = new StateFailure("HandledError", "boom");
    static final StateFailure TIMEOUT = new StateFailure("States.Timeout", null);
    static final StateFailure HEARTBEAT = StateFailure.heartbeatTimeout();
    static final StateFailure RUNTIME = new StateFailure("States.Runtime", "bad path");
    static final StateFailure DATA_LIMIT = new StateFailure("States.DataLimitExceeded", "too big");
    static final StateFailure NO_ERROR = new StateFailure(null, null);

    @Test
    void aNameMatchesTheSameErrorOnly() {
        assertThat(ErrorEquals.matches(List.of("HandledError"), CUSTOM)).isTrue();
        assertThat(ErrorEquals.matches(List.of("handlederror"), CUSTOM)).isFalse();
        assertThat(ErrorEquals.matches(List.of("Other", "HandledError"), CUSTOM)).isTrue();
        assertThat(ErrorEquals.matches(List.of("State.ALL"), CUSTOM)).as("a typo is just another name").isFalse();
    }

    @Test
    void statesAllMatchesEveryErrorButTheTerminalOnes() {
        assertThat(ErrorEquals.matches(List.of("States.ALL"), CUSTOM)).isTrue();
        assertThat(ErrorEquals.matches(List.of("States.ALL"), TIMEOUT)).isTrue();
        assertThat(ErrorEquals.matches(List.of("States.ALL"), NO_ERROR)).isTrue();
        assertThat(ErrorEquals.matches(List.of("States.ALL"), RUNTIME)).isFalse();
        assertThat(ErrorEquals.matches(List.of("States.ALL"), DATA_LIMIT)).isFalse();
    }

    @Test
    void terminalErrorsAreNeverRetriedOrCaughtEvenByName() {
        assertThat(ErrorEquals.matches(List.of("States.Runtime"), RUNTIME)).isFalse();
        assertThat(ErrorEquals.matches(List.of("States.DataLimitExceeded"), DATA_LIMIT)).isFalse();
        assertThat(RUNTIME.isTerminal()).isTrue();
        assertThat(DATA_LIMIT.isTerminal()).isTrue();
        assertThat(CUSTOM.isTerminal()).isFalse();
    }

    @Test
    void taskFailedMatchesAllButTimeouts() {
        assertThat(ErrorEquals.matches(List.of("States.TaskFailed"), CUSTOM)).isTrue();
        assertThat(ErrorEquals.matches(List.of("States.TaskFailed"), NO_ERROR)).isTrue();
        assertThat(ErrorEquals.matches(List.of("States.TaskFailed"), TIMEOUT)).isFalse();
        assertThat(ErrorEquals.matches(List.of("States.TaskFailed"), HEARTBEAT)).isFalse();
        assertThat(ErrorEquals.matches(List.of("States.TaskFailed"), RUNTIME)).isFalse();
    }

    @Test
    void aHeartbeatTimeoutIsAStatesTimeoutThatHeartbeatTimeoutAlsoMatches() {
        assertThat(HEARTBEAT.error()).isEqualTo("States.Timeout");
        assertThat(ErrorEquals.matches(List.of("States.HeartbeatTimeout"), HEARTBEAT)).isTrue();
        assertThat(ErrorEquals.matches(List.of("States.Timeout"), HEARTBEAT)).isTrue();
        assertThat(ErrorEquals.matches(List.of("States.HeartbeatTimeout"), TIMEOUT)).isFalse();
        assertThat(ErrorEquals.matches(List.of("States.Timeout"), TIMEOUT)).isTrue();
    }

    @Test
    void theErrorOutputHoldsErrorAndCauseOrNulls() {
        assertThat(CUSTOM.errorOutput().toString()).isEqualTo("{\"Error\":\"HandledError\",\"Cause\":\"boom\"}");
        assertThat(NO_ERROR.errorOutput().toString()).isEqualTo("{\"Error\":null,\"Cause\":null}");
    }
}
