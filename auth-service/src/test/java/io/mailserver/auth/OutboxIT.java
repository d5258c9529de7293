package io.mailserver.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.InvalidProtocolBufferException;
import io.mailserver.contracts.events.v1.AccountEvent;
import io.mailserver.localstack.LocalMailSystem;
import io.mailserver.localstack.MailService;
import io.mailserver.localstack.admin.AdminClient;
import io.mailserver.testkit.quarkus.SharedSystem;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

/**
 * The packaged auth-service while Kafka is down: account changes still commit (the admin API
 * answers as usual), their events wait in the outbox, and once the broker is back they are all
 * published, in order, and the outbox drains. Nothing is lost because a broker was away.
 */
class OutboxIT {

    private static final String TOPIC = "mail.account.v1";

    @Test
    void eventsCommittedWhileKafkaIsDownArePublishedWhenItIsBack() throws Exception {
        LocalMailSystem system = SharedSystem.get();
        system.startInfrastructure();
        system.startService(MailService.AUTH);
        AdminClient admin = new AdminClient(system.adminUrl(), SharedSystem.ADMIN_TOKEN);
        String domain = "outbox-" + UUID.randomUUID().toString().substring(0, 8) + ".test";
        admin.addDomain(domain).orThrow();
        String erin = "erin@" + domain;
        String finn = "finn@" + domain;
        admin.addAccount(erin, "Erin-Password-1").orThrow();
        await().atMost(Duration.ofSeconds(30)).until(() -> outboxRows(system) == 0);

        system.stopKafka();
        try {
            admin.addAccount(finn, "Finn-Password-1").orThrow();
            admin.setEnabled(erin, false).orThrow();
            admin.deleteAccount(erin).orThrow();
            // The changes are committed; their events wait for the broker.
            assertThat(outboxRows(system)).isEqualTo(3);
        } finally {
            system.startKafka();
        }

        await().atMost(Duration.ofSeconds(90)).until(() -> outboxRows(system) == 0);
        List<AccountEvent> events = readAll(system.kafkaBootstrapServers()).stream()
                .filter(e -> e.getAddress().endsWith("@" + domain)).toList();
        // Order is promised per account (one partition per key), not across accounts.
        assertThat(events).filteredOn(e -> e.getAddress().equals(erin)).extracting(e -> e.getKind() + " " + e.getEnabled())
                .containsSubsequence("CREATED true", "UPDATED false", "DELETED false");
        assertThat(events).filteredOn(e -> e.getAddress().equals(finn)).extracting(e -> e.getKind() + " " + e.getEnabled())
                .contains("CREATED true");
        // At least once: a repeat is allowed, a reordering within one account is not.
        List<Long> erinSequences = events.stream().filter(e -> e.getAddress().equals(erin)).map(AccountEvent::getSequence).toList();
        assertThat(erinSequences).isSorted();
    }

    private static long outboxRows(LocalMailSystem system) throws Exception {
        try (Connection c = DriverManager.getConnection(system.datasource().get("quarkus.datasource.jdbc.url"), "postgres", "");
                Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM auth.outbox")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static List<AccountEvent> readAll(String bootstrap) {
        List<AccountEvent> events = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"), new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(TOPIC, Duration.ofSeconds(60)).stream()
                    .map(info -> new TopicPartition(TOPIC, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            await().atMost(Duration.ofSeconds(60)).pollInSameThread().until(() -> {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    events.add(parse(record.value()));
                }
                return partitions.stream().allMatch(p -> consumer.position(p) >= end.get(p));
            });
        }
        return events;
    }

    private static AccountEvent parse(byte[] value) {
        try {
            return AccountEvent.parseFrom(value);
        } catch (InvalidProtocolBufferException e) {
            throw new AssertionError("not an AccountEvent", e);
        }
    }
}
