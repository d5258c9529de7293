package io.mailserver.testkit.quarkus;

import io.mailserver.localstack.LocalMailSystem;
import io.mailserver.localstack.MailService;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;

/**
 * For a protocol service under test: PostgreSQL, Kafka, and the packaged auth-service and
 * storage-service running as processes of their own, reached over real gRPC; plus a TLS pair.
 * Tests set up domains and accounts through {@link io.mailserver.localstack.admin.AdminClient}.
 */
public final class PeerServicesResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        LocalMailSystem system = SharedSystem.get();
        system.startInfrastructure();
        // both one-shot migrations side by side, rather than one before each start
        system.migrateSchemas(EnumSet.of(MailService.AUTH, MailService.STORAGE));
        system.startService(MailService.AUTH);
        system.startService(MailService.STORAGE);
        Map<String, String> config = new HashMap<>();
        config.putAll(system.peers());
        config.putAll(system.tls());
        // The application under test calls its peers with its own identity and allowance.
        config.putAll(system.identity(ApplicationUnderTest.name()).config());
        config.put("kafka.bootstrap.servers", system.kafkaBootstrapServers());
        config.put("mail.hostname", system.settings().hostName());
        return config;
    }

    @Override
    public void stop() {
        // shared by every test class of this JVM; stopped at exit
    }
}
