package dev.baton.broker.api.grpc;

import dev.baton.broker.BrokerFixture;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class HealthTest {
    @TempDir
    Path dir;

    @Test
    void theBrokerReportsServingOverGrpcHealth() throws Exception {
        try (BrokerFixture fx = new BrokerFixture(dir)) {
            var status = HealthGrpc.newBlockingStub(fx.channel).check(HealthCheckRequest.getDefaultInstance()).getStatus();
            assertThat(status).isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
        }
    }
}
