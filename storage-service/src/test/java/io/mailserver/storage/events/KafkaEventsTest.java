package io.mailserver.storage.events;

import static io.mailserver.storage.support.StorageTestClient.newAccountId;
import static org.assertj.core.api.Assertions.assertThat;

import io.mailserver.contracts.events.v1.AccountEvent;
import io.mailserver.contracts.events.v1.MailboxChanged;
import io.mailserver.contracts.storage.v1.DeliverResponse;
import io.mailserver.contracts.storage.v1.DeliveryService;
import io.mailserver.contracts.storage.v1.MessageService;
import io.mailserver.storage.support.SampleMessages;
import io.mailserver.storage.support.StorageTestClient;
import io.mailserver.testkit.quarkus.GrpcServerResource;
import io.mailserver.testkit.quarkus.KafkaResource;
import io.mailserver.testkit.quarkus.PostgresResource;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Events through the real broker: MailboxChanged out after a commit, AccountEvent in. */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(GrpcServerResource.class)
class KafkaEventsTest {

    @GrpcClient("storage")
    DeliveryService delivery;

    @GrpcClient("storage")
    MessageService messages;

    @Inject
    Pool pool;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    StorageTestClient client;

    @BeforeEach
    void setUp() {
        client = new StorageTestClient(delivery, messages, pool);
    }

    @Test
    void aDeliveryPublishesMailboxChangedKeyedByAccount() {
        long account = newAccountId();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName()))) {
            consumer.subscribe(List.of("mail.mailbox-changed.v1"));
            DeliverResponse delivered = client.deliver(SampleMessages.plain("event", "body"), account);

            MailboxChanged[] found = new MailboxChanged[1];
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.key().equals(Long.toString(account))) {
                        MailboxChanged event = MailboxChanged.parseFrom(record.value());
                        if (event.getKind() == MailboxChanged.Kind.APPENDED) {
                            found[0] = event;
                        }
                    }
                }
                return found[0] != null;
            });

            assertThat(found[0].getAccountId()).isEqualTo(account);
            assertThat(found[0].getMailboxId()).isEqualTo(delivered.getMessages(0).getMailboxId());
            assertThat(found[0].getUidNext()).isEqualTo(2);
            assertThat(found[0].getMessageCount()).isEqualTo(1);
            assertThat(found[0].getHighestModseq()).isPositive();
            assertThat(found[0].getOccurredAtEpochMs()).isPositive();
        }
    }

    @Test
    void accountEventsProvisionAndRemoveAccounts() throws Exception {
        long account = newAccountId();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName()))) {
            send(producer, account, AccountEvent.Kind.CREATED);
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() ->
                    client.count("SELECT count(*) FROM storage.mailboxes WHERE account_id = $1", account) == 6);

            // a repeated CREATED changes nothing
            send(producer, account, AccountEvent.Kind.CREATED);
            byte[] raw = SampleMessages.plain("doomed", "this account goes away");
            byte[] sha = MessageDigest.getInstance("SHA-256").digest(raw);
            client.deliver(raw, account);
            assertThat(client.count("SELECT count(*) FROM storage.mailboxes WHERE account_id = $1", account)).isEqualTo(6);

            send(producer, account, AccountEvent.Kind.DELETED);
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() ->
                    client.count("SELECT count(*) FROM storage.accounts WHERE account_id = $1", account) == 0);
            assertThat(client.count("SELECT count(*) FROM storage.mailboxes WHERE account_id = $1", account)).isZero();
            assertThat(client.count("SELECT count(*) FROM storage.messages WHERE account_id = $1", account)).isZero();
            assertThat(client.count("SELECT count(*) FROM storage.blob_releases WHERE sha256 = $1", Buffer.buffer(sha)))
                    .isEqualTo(1);
        }
    }

    private static void send(KafkaProducer<String, byte[]> producer, long account, AccountEvent.Kind kind) throws Exception {
        AccountEvent event = AccountEvent.newBuilder().setAccountId(account).setAddress(account + "@example.org")
                .setKind(kind).setOccurredAtEpochMs(System.currentTimeMillis()).build();
        producer.send(new ProducerRecord<>("mail.account.v1", Long.toString(account), event.toByteArray()))
                .get(30, TimeUnit.SECONDS);
    }
}
