package io.mailserver.smtp;

import static io.mailserver.smtp.TestMail.ehlo;
import static org.assertj.core.api.Assertions.assertThat;

import io.mailserver.localstack.LocalMailSystem;
import io.mailserver.localstack.MailService;
import io.mailserver.localstack.process.ServiceProcess;
import io.mailserver.testkit.client.LineClient;
import io.mailserver.testkit.client.PrometheusMetrics;
import io.mailserver.testkit.quarkus.SharedSystem;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Storage slower than smtp-service's deadline (a lock on the recipient's INBOX row, held from a
 * plain JDBC connection, stalls the Deliver transaction): the client gets 451, and when storage gets
 * going again it rolls back instead of committing, so the client's retry will be the only copy.
 */
class SlowStorageIT {

    @Test
    void aDeliveryWhoseCallerGaveUpIsNeverCommitted() throws Exception {
        LocalMailSystem system = SharedSystem.get();
        system.startInfrastructure();
        system.startService(MailService.AUTH);
        ServiceProcess storage = system.startService(MailService.STORAGE);
        system.startService(MailService.SMTP, Map.of("mail.smtp.timeouts.storage", "3s"));
        try {
            TestMail mail = new TestMail();
            String marker = "slow-" + UUID.randomUUID();
            int port = system.settings().ports().smtpMx();
            send(port, mail.alice, marker + " first", "250 2.0.0");
            long account = mail.accountId(mail.alice);
            double abandonedBefore = abandonedWrites(storage);

            String url = system.datasource().get("quarkus.datasource.jdbc.url");
            try (Connection lock = DriverManager.getConnection(url, "postgres", "")) {
                lock.setAutoCommit(false);
                try (PreparedStatement s = lock.prepareStatement(
                        "SELECT 1 FROM storage.mailboxes WHERE account_id = ? AND name = 'INBOX' FOR UPDATE")) {
                    s.setLong(1, account);
                    s.executeQuery().close();
                }
                long started = System.nanoTime();
                send(port, mail.alice, marker + " second", "451 4.3.0");
                assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
                // storage is still stuck behind the lock; it will continue once the lock goes
                lock.rollback();
            }

            Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                    .until(() -> abandonedWrites(storage) > abandonedBefore);
            assertThat(mail.inbox(mail.alice).values())
                    .map(bytes -> new String(bytes, StandardCharsets.ISO_8859_1))
                    .hasSize(1)
                    .allMatch(stored -> stored.contains(marker + " first"));
        } finally {
            system.stopService(MailService.SMTP);
        }
    }

    private static void send(int port, String to, String subject, String expectedReply) {
        try (LineClient c = LineClient.connect("127.0.0.1", port)) {
            c.expect("220 ");
            ehlo(c, "slow.test");
            c.send("MAIL FROM:<x@remote.example>").expect("250 2.1.0");
            c.send("RCPT TO:<" + to + ">").expect("250 2.1.5");
            c.send("DATA").expect("354 ");
            c.sendRaw("Subject: " + subject + "\r\n\r\nbody\r\n.\r\n");
            c.expect(expectedReply);
            c.send("QUIT").expect("221 ");
        }
    }

    private static double abandonedWrites(ServiceProcess storage) {
        return PrometheusMetrics.sum(storage.httpPort(), "mail_storage_writes_abandoned_total");
    }
}
