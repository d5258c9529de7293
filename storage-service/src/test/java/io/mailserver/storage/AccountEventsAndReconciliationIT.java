package io.mailserver.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.grpc.ManagedChannel;
import io.mailserver.localstack.LocalMailSystem;
import io.mailserver.localstack.MailService;
import io.mailserver.localstack.admin.AdminClient;
import io.mailserver.localstack.process.ServiceProcess;
import io.mailserver.storage.support.PeerDelivery;
import io.mailserver.storage.support.SampleMessages;
import io.mailserver.testkit.client.PrometheusMetrics;
import io.mailserver.testkit.grpc.InternalChannels;
import io.mailserver.testkit.quarkus.SharedSystem;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * The packaged storage-service against the packaged auth-service and the real broker: account events
 * are never skipped (a failing one is retried until it works, a malformed one is parked and the
 * stream moves on), and reconciliation repairs what events alone would have left wrong.
 */
class AccountEventsAndReconciliationIT {

    private final LocalMailSystem system = SharedSystem.get();

    @Test
    void aFailingEventIsRetriedUntilItWorksAndAMalformedOneIsParked() throws Exception {
        system.startInfrastructure();
        system.startService(MailService.AUTH);
        ServiceProcess storage = system.startService(MailService.STORAGE);
        AdminClient admin = admin();
        String domain = newDomain(admin);

        byte[] garbage = ("not protobuf " + UUID.randomUUID()).getBytes();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, system.kafkaBootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>("mail.account.v1", "1", garbage)).get(30, TimeUnit.SECONDS);
        }
        await().atMost(Duration.ofSeconds(60))
                .until(() -> count("SELECT count(*) FROM storage.parked_events WHERE payload = ?", garbage) == 1);

        // The database refuses the consumer's work for a while: the event waits, it is not dropped.
        execute("ALTER TABLE storage.accounts RENAME TO accounts_away");
        long id;
        try {
            id = accountId(admin, "gwen@" + domain);
            await().atMost(Duration.ofSeconds(30)).until(() -> metric(storage, "mail_storage_account_events_retrying") == 1);
        } finally {
            execute("ALTER TABLE storage.accounts_away RENAME TO accounts");
        }
        await().atMost(Duration.ofSeconds(90)).until(() -> provisioned(id));
        assertThat(metric(storage, "mail_storage_account_events_retrying")).isZero();
        assertThat(metric(storage, "mail_storage_account_events_parked_total")).isPositive();
    }

    @Test
    void reconciliationProvisionsWhatIsMissingAndRemovesWhatAuthSaysIsGone() throws Exception {
        system.startInfrastructure();
        system.startService(MailService.AUTH);
        system.startService(MailService.STORAGE);
        AdminClient admin = admin();
        String domain = newDomain(admin);
        long kept = accountId(admin, "hana@" + domain);
        long lost = accountId(admin, "ivan@" + domain);
        await().atMost(Duration.ofSeconds(60)).until(() -> provisioned(kept) && provisioned(lost));

        // Drift as lost events would leave it: a CREATED never acted on, a DELETED never acted on.
        execute("DELETE FROM storage.mailboxes WHERE account_id = " + lost);
        execute("DELETE FROM storage.accounts WHERE account_id = " + lost);
        long orphan = 900_000_000_000L + ThreadLocalRandom.current().nextLong(1_000_000_000L);
        deliverAsSmtp(orphan);
        assertThat(provisioned(orphan)).isTrue();

        // A run that would remove more than allowed removes nothing.
        system.stopService(MailService.STORAGE);
        ServiceProcess cautious = system.startService(MailService.STORAGE, Map.of(
                "mail.storage.reconcile.initial-delay", "1s", "mail.storage.reconcile.max-removals", "0"));
        await().atMost(Duration.ofSeconds(60)).until(() -> provisioned(lost));
        await().atMost(Duration.ofSeconds(30)).until(() -> metric(cautious, "mail_storage_reconcile_runs_total", "refused") >= 1);
        assertThat(provisioned(orphan)).isTrue();

        system.stopService(MailService.STORAGE);
        ServiceProcess storage = system.startService(MailService.STORAGE, Map.of("mail.storage.reconcile.initial-delay", "1s"));
        await().atMost(Duration.ofSeconds(60)).until(() -> !provisioned(orphan));
        assertThat(count("SELECT count(*) FROM storage.messages WHERE account_id = ?", orphan)).isZero();
        assertThat(provisioned(kept)).isTrue();
        // the counter moves after the removal commits: the row can be gone a moment before it counts
        await().atMost(Duration.ofSeconds(10))
                .until(() -> metric(storage, "mail_storage_reconcile_removed_total") >= 1);
        system.stopService(MailService.STORAGE);
    }

    private AdminClient admin() {
        return new AdminClient(system.adminUrl(), SharedSystem.ADMIN_TOKEN);
    }

    private static String newDomain(AdminClient admin) {
        String domain = "recon-" + UUID.randomUUID().toString().substring(0, 8) + ".test";
        admin.addDomain(domain).orThrow();
        return domain;
    }

    private long accountId(AdminClient admin, String address) {
        String body = admin.addAccount(address, "Password-12345").orThrow().body();
        Matcher m = Pattern.compile("\"id\"\\s*:\\s*(\\d+)").matcher(body);
        assertThat(m.find()).as("account id in " + body).isTrue();
        return Long.parseLong(m.group(1));
    }

    private boolean provisioned(long accountId) throws Exception {
        return count("SELECT count(*) FROM storage.accounts WHERE account_id = ?", accountId) == 1;
    }

    private void deliverAsSmtp(long accountId) throws Exception {
        ManagedChannel channel = InternalChannels.as(system.identity("smtp-service"), system.settings().ports().storageGrpc());
        try {
            PeerDelivery.deliver(channel, accountId, SampleMessages.plain("orphan", "for an account auth-service never had"))
                    .get(60, TimeUnit.SECONDS);
        } finally {
            channel.shutdownNow();
        }
    }

    private Connection connect() throws Exception {
        return DriverManager.getConnection(system.datasource().get("quarkus.datasource.jdbc.url"), "postgres", "");
    }

    private void execute(String sql) throws Exception {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private long count(String sql, Object argument) throws Exception {
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, argument);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static double metric(ServiceProcess service, String name) {
        return PrometheusMetrics.sum(service.httpPort(), name);
    }

    private static double metric(ServiceProcess service, String name, String outcome) {
        return PrometheusMetrics.sum(service.httpPort(), name, "outcome=\"" + outcome + "\"");
    }
}
