package dev.baton.broker.runtime;

import dev.baton.broker.dataflow.Json;
import dev.baton.broker.interpreter.Command;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A broker call's row reads back as the command that was stored, so it can be made again after a crash. */
class BrokerCallsTest {

    @Test
    void aChildStartReadsBackAsItWasStored() {
        var start = new Command.StartChildExecution("tok", "arn:aws:states:us-east-1:123456789012:stateMachine:c", "kid",
                "{\"a\":[1,2]}", null, true);
        assertThat(BrokerCalls.decode(BrokerCalls.encode(start))).isEqualTo(start);
    }

    @Test
    void anApiCallReadsBackWithItsParameters() throws Exception {
        var call = new Command.CallApi("tok", "sendTaskSuccess", Json.parse("{\"TaskToken\":\"t\",\"Output\":\"{}\"}"));
        assertThat(BrokerCalls.decode(BrokerCalls.encode(call))).isEqualTo(call);
    }
}
