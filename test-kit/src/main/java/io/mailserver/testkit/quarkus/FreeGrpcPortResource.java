package io.mailserver.testkit.quarkus;

import io.mailserver.localstack.FreePorts;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * A free port for the gRPC server of the application under test (instead of Quarkus' fixed 9001),
 * so test runs of several services never collide. Test clients reach it through
 * {@code ${quarkus.grpc.server.test-port}}.
 */
public final class FreeGrpcPortResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of("quarkus.grpc.server.test-port", Integer.toString(FreePorts.find()));
    }

    @Override
    public void stop() {
    }
}
