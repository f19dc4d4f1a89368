package dev.baton.broker.definition.model;

import dev.baton.broker.dataflow.ValueTemplate;

import java.util.List;

/**
 * @param timeoutSeconds   TimeoutSeconds / TimeoutSecondsPath / JSONata, or null (AWS default: 99999999)
 * @param heartbeatSeconds HeartbeatSeconds / HeartbeatSecondsPath / JSONata, or null
 * @param credentials      Credentials (RoleArn, possibly templated), or null
 */
public record TaskState(String name, String comment, QueryLanguage queryLanguage, StateIo io, Transition transition,
                        TaskResource resource, DynamicValue timeoutSeconds, DynamicValue heartbeatSeconds,
                        ValueTemplate credentials, List<Retrier> retry, List<Catcher> catchers) implements State {
    public TaskState {
        retry = List.copyOf(retry);
        catchers = List.copyOf(catchers);
    }
}
