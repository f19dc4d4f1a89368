package dev.baton.broker.service;

import com.google.protobuf.Timestamp;

/** Epoch milliseconds to protobuf timestamps. */
final class Timestamps {
    private Timestamps() {
    }

    static Timestamp of(long epochMillis) {
        return Timestamp.newBuilder()
                .setSeconds(Math.floorDiv(epochMillis, 1000))
                .setNanos((int) Math.floorMod(epochMillis, 1000) * 1_000_000)
                .build();
    }
}
