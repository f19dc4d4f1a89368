package dev.baton.broker.dataflow.intrinsic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.broker.dataflow.Json;

import java.util.UUID;
import java.util.random.RandomGenerator;

/**
 * {@code States.UUID()}: a version 4 UUID, drawn from the evaluation's random source so that the
 * interpreter's decisions are reproducible.
 */
final class StatesUuid extends IntrinsicFunction {
    StatesUuid() {
        super("States.UUID", 0, 0);
    }

    @Override
    public JsonNode apply(ArgumentValues args) {
        return Json.MAPPER.getNodeFactory().textNode(randomUuid(args.random()).toString());
    }

    /** An RFC 4122 version 4 (random) UUID from the given generator. */
    static UUID randomUuid(RandomGenerator random) {
        long high = random.nextLong();
        long low = random.nextLong();
        high = (high & ~0xF000L) | 0x4000L;                   // version 4
        low = (low & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L; // IETF variant
        return new UUID(high, low);
    }
}
