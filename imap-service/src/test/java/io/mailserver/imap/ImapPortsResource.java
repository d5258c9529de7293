package io.mailserver.imap;

import io.mailserver.testkit.infra.FreePorts;
import io.mailserver.testkit.quarkus.SharedSystem;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.HashMap;
import java.util.Map;

/**
 * Free ports for the IMAP listeners and the HTTP (health, metrics) port of the service under test.
 * Also points the gRPC clients' test ports at the shared peers: in test mode Quarkus replaces
 * {@code quarkus.grpc.clients.<name>.port} with {@code test-port}, which PeerServicesResource does
 * not set.
 */
public final class ImapPortsResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(Map.of(
                "mail.imap.host", "127.0.0.1",
                "mail.imap.port", Integer.toString(FreePorts.find()),
                "mail.imap.tls-port", Integer.toString(FreePorts.find()),
                "mail.imap.instances", "2",
                "quarkus.http.test-port", Integer.toString(FreePorts.find())));
        Map<String, String> peers = SharedSystem.get().peers();
        config.put("quarkus.grpc.clients.auth.test-port", peers.get("quarkus.grpc.clients.auth.port"));
        config.put("quarkus.grpc.clients.storage.test-port", peers.get("quarkus.grpc.clients.storage.port"));
        return config;
    }

    @Override
    public void stop() {
    }
}
