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

    @Test
    void aMapRunChildsStartAndRedriveReadBackAsTheyWereStored() {
        var start = new Command.StartMapRunChild("tok", "arn:aws:states:us-east-1:123456789012:mapRun:sm/L:id",
                "arn:aws:states:us-east-1:123456789012:execution:sm/L:kid", "kid",
                "arn:aws:states:us-east-1:123456789012:stateMachine:sm/L", "sm/L", "/States/M/ItemProcessor", "{\"a\":1}");
        assertThat(BrokerCalls.decode(BrokerCalls.encode(start))).isEqualTo(start);
        var redrive = new Command.RedriveMapRunChild("tok", start.mapRunArn(), start.executionArn(), 1_700_000_000_000L);
        assertThat(BrokerCalls.decode(BrokerCalls.encode(redrive))).isEqualTo(redrive);
    }
}
