package io.mailserver.testkit.quarkus;

import io.mailserver.localstack.FreePorts;
import io.mailserver.localstack.LocalMailSystem;
import io.mailserver.localstack.pki.ServiceIdentity;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.HashMap;
import java.util.Map;

/**
 * For a service under test that serves gRPC (auth-service, storage-service): a free port instead of
 * Quarkus' fixed 9001, so test runs of several services never collide, and the internal TLS it
 * serves with, issued by the shared system's deployment CA for the application's own name.
 *
 * <p>The test's own client (named like the application without "-service": {@code storage},
 * {@code auth}) calls as {@value #TEST_CALLER}, which may call every RPC; the allowances of the real
 * callers are the application's own configuration, tested as they ship.
 */
public final class GrpcServerResource implements QuarkusTestResourceLifecycleManager {

    /** The caller name of tests' gRPC clients. */
    public static final String TEST_CALLER = "test-client";

    @Override
    public Map<String, String> start() {
        LocalMailSystem system = SharedSystem.get();
        String application = ApplicationUnderTest.name();
        Map<String, String> config = new HashMap<>();
        config.put("quarkus.grpc.server.test-port", Integer.toString(FreePorts.find()));
        config.putAll(system.identity(application).config());
        config.put("mail.internal-tls.allow." + TEST_CALLER, "*");
        ServiceIdentity test = system.identity(TEST_CALLER);
        String client = "quarkus.grpc.clients." + application.replaceFirst("-service$", "");
        config.put(client + ".ssl.trust-store", test.ca().toString());
        config.put(client + ".ssl.certificate", test.certificate().toString());
        config.put(client + ".ssl.key", test.privateKey().toString());
        return config;
    }

    @Override
    public void stop() {
    }
}
