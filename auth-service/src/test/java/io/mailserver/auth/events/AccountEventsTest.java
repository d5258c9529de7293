package io.mailserver.auth.events;

import static io.mailserver.auth.TestAdmin.addAccount;
import static io.mailserver.auth.TestAdmin.addDomain;
import static io.mailserver.auth.TestAdmin.admin;
import static io.mailserver.auth.TestAdmin.uniqueDomain;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.InvalidProtocolBufferException;
import io.mailserver.contracts.events.v1.AccountEvent;
import io.mailserver.testkit.quarkus.GrpcServerResource;
import io.mailserver.testkit.quarkus.KafkaResource;
import io.mailserver.testkit.quarkus.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * Account changes arrive on {@code mail.account.v1} of the real broker through the outbox, keyed by
 * account id, in order, with their sequence and whether the account may still log in.
 */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(GrpcServerResource.class)
class AccountEventsTest {

    private static final String TOPIC = "mail.account.v1";

    @Test
    void accountChangesArePublishedInOrderUnderTheAccountId() {
        String domain = uniqueDomain("events");
        addDomain(domain);
        String address = "carol@" + domain;
        long id = addAccount(address, "carol-password");
        admin().body(Map.of("password", "carol-new-password")).put("/api/v1/accounts/" + address + "/password")
                .then().statusCode(204);
        admin().body(Map.of("enabled", false)).patch("/api/v1/accounts/" + address).then().statusCode(200);
        admin().delete("/api/v1/accounts/" + address).then().statusCode(204);

        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            // Assigned, not subscribed: no consumer group to form, so the test waits only for the records.
            List<TopicPartition> partitions = consumer.partitionsFor(TOPIC, Duration.ofSeconds(60)).stream()
                    .map(info -> new TopicPartition(TOPIC, info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            await().atMost(Duration.ofSeconds(90)).pollInSameThread().pollInterval(Duration.ofMillis(10)).until(() -> {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (Long.toString(id).equals(record.key())) {
                        records.add(record);
                    }
                }
                return records.size() >= 4;
            });
        }

        List<AccountEvent> events = records.stream().map(AccountEventsTest::parse).toList();
        assertThat(events).extracting(AccountEvent::getKind).containsExactly(AccountEvent.Kind.CREATED,
                AccountEvent.Kind.PASSWORD_CHANGED, AccountEvent.Kind.UPDATED, AccountEvent.Kind.DELETED);
        assertThat(events).extracting(AccountEvent::getEnabled).containsExactly(true, true, false, false);
        assertThat(events).extracting(AccountEvent::getSequence).isSorted().doesNotHaveDuplicates()
                .allSatisfy(sequence -> assertThat(sequence).isPositive());
        assertThat(events).allSatisfy(event -> {
            assertThat(event.getAccountId()).isEqualTo(id);
            assertThat(event.getAddress()).isEqualTo(address);
            assertThat(event.getOccurredAtEpochMs()).isPositive();
        });
    }

    private static KafkaConsumer<String, byte[]> consumer() {
        String bootstrap = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"),
                new StringDeserializer(), new ByteArrayDeserializer());
    }

    private static AccountEvent parse(ConsumerRecord<String, byte[]> record) {
        try {
            return AccountEvent.parseFrom(record.value());
        } catch (InvalidProtocolBufferException e) {
            throw new AssertionError("not an AccountEvent on " + TOPIC, e);
        }
    }
}
