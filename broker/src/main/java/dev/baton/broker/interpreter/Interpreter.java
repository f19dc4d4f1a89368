package dev.baton.broker.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.broker.definition.model.StateMachine;

/**
 * The ASL interpreter: a pure function from (definition, execution snapshot, trigger, clock reading)
 * to a {@link Decision}. No threads, sleeps, I/O or clocks: the same inputs always give the same
 * decision, so it is tested without a database or server, and the runtime can persist the decision
 * in one transaction before anything is carried out.
 */
public final class Interpreter {
    private final TaskTokens tokens;

    public Interpreter(TaskTokens tokens) {
        this.tokens = tokens;
    }

    /** A new execution's snapshot, before its {@link Trigger.Start}. */
    public static ExecutionSnapshot newExecution(long executionId, String executionArn, String name,
                                                 String stateMachineArn, String stateMachineName, String roleArn,
                                                 JsonNode input, String inputText, long startTime) {
        ExecutionSnapshot s = new ExecutionSnapshot();
        s.executionId = executionId;
        s.executionArn = executionArn;
        s.name = name;
        s.stateMachineArn = stateMachineArn;
        s.stateMachineName = stateMachineName;
        s.roleArn = roleArn;
        s.input = input;
        s.inputText = inputText;
        s.startTime = startTime;
        return s;
    }

    public Decision decide(StateMachine machine, ExecutionSnapshot snapshot, Trigger trigger, long now) {
        Decider decider = new Decider(machine, snapshot.copy(), now, tokens);
        decider.apply(trigger);
        return decider.decision();
    }
}
