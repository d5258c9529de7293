package io.mailserver.testkit.quarkus;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** A real Kafka broker (KRaft, single node). */
public final class KafkaResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        SharedSystem.get().startKafka();
        return Map.of("kafka.bootstrap.servers", SharedSystem.get().kafkaBootstrapServers());
    }

    @Override
    public void stop() {
        // shared by every test class of this JVM; stopped at exit
    }
}
