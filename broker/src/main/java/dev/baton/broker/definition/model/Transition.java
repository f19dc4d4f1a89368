package dev.baton.broker.definition.model;

/** Where a state goes when it completes: the next state, or the end of its state graph. */
public sealed interface Transition {
    record Next(String state) implements Transition {
    }

    record End() implements Transition {
    }

    End END = new End();
}
