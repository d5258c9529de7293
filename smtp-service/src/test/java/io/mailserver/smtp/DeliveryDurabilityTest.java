package io.mailserver.smtp;

import static io.mailserver.smtp.TestMail.ehlo;
import static org.assertj.core.api.Assertions.assertThat;

import io.mailserver.testkit.client.LineClient;
import io.mailserver.localstack.MailService;
import io.mailserver.testkit.quarkus.PeerServicesResource;
import io.mailserver.testkit.quarkus.SharedSystem;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A peer going away in the middle of a transaction: the client gets a temporary failure, nothing
 * partial is stored, and mail flows again once the peer is back. Every test leaves the peers
 * running.
 */
@QuarkusTest
@QuarkusTestResource(PeerServicesResource.class)
@QuarkusTestResource(SmtpPortsResource.class)
class DeliveryDurabilityTest {

    private static TestMail mail;

    @ConfigProperty(name = "mail.smtp.mx.port")
    int mxPort;

    @BeforeAll
    static void accounts() {
        mail = new TestMail();
    }

    private LineClient startData(String marker) {
        LineClient c = mail.startData(mxPort, "durability.test", marker);
        c.sendRaw("first half of the message\r\n");
        return c;
    }

    private List<String> storedWith(String marker) {
        return mail.inboxTexts(mail.alice).stream().filter(m -> m.contains(marker)).toList();
    }

    @Test
    void aSizeStorageRefusesIsAPermanentFailureNotAnEndlessRetry() {
        String marker = "too-big-for-storage-" + UUID.randomUUID();
        SharedSystem.get().stopService(MailService.STORAGE);
        SharedSystem.get().startService(MailService.STORAGE, Map.of("mail.storage.message.max-size", "4096"));
        try (LineClient c = startData(marker)) {
            c.sendRaw("x".repeat(5000) + "\r\n.\r\n");
            c.expect("552 5.3.4");
            c.send("QUIT").expect("221 ");
        } finally {
            SharedSystem.get().stopService(MailService.STORAGE);
            SharedSystem.get().startService(MailService.STORAGE);
        }
        assertThat(storedWith(marker)).isEmpty();
    }

    @Test
    void storageStoppedDuringDataMeansTemporaryFailureAndNothingStored() {
        assertTemporaryFailureWhenStorageGoes(false);
    }

    @Test
    void storageKilledDuringDataMeansTemporaryFailureAndNothingStored() {
        assertTemporaryFailureWhenStorageGoes(true);
    }

    private void assertTemporaryFailureWhenStorageGoes(boolean kill) {
        String marker = "durable-" + UUID.randomUUID();
        try (LineClient c = startData(marker)) {
            if (kill) {
                SharedSystem.get().killService(MailService.STORAGE);
            } else {
                SharedSystem.get().stopService(MailService.STORAGE);
            }
            try {
                c.sendRaw("second half of the message\r\n.\r\n");
                c.expect("451 4.3.0");
                // The session survives and the transaction is gone.
                c.send("RCPT TO:<" + mail.alice + ">").expect("503 5.5.1");
            } finally {
                SharedSystem.get().startService(MailService.STORAGE);
            }
        }
        assertThat(storedWith(marker)).isEmpty();
        assertMailFlows();
    }

    @Test
    void authServiceDownMeansTemporaryRecipientFailure() {
        try (LineClient c = LineClient.connect("127.0.0.1", mxPort)) {
            c.expect("220 ");
            ehlo(c, "durability.test");
            c.send("MAIL FROM:<x@remote.example>").expect("250 2.1.0");
            SharedSystem.get().stopService(MailService.AUTH);
            try {
                c.send("RCPT TO:<" + mail.alice + ">").expect("451 4.4.3");
            } finally {
                SharedSystem.get().startService(MailService.AUTH);
            }
        }
        assertMailFlows();
    }

    /**
     * After a peer restart, the very next message goes through: the peer clients cut gRPC's reconnect
     * backoff short instead of failing until it runs out (client/Reconnect).
     */
    private void assertMailFlows() {
        String marker = "after-" + UUID.randomUUID();
        try (LineClient c = LineClient.connect("127.0.0.1", mxPort)) {
            c.expect("220 ");
            ehlo(c, "durability.test");
            c.send("MAIL FROM:<x@remote.example>").expect("250 2.1.0");
            c.send("RCPT TO:<" + mail.alice + ">").expect("250 ");
            c.send("DATA").expect("354 ");
            c.sendRaw("Subject: " + marker + "\r\n\r\nback\r\n.\r\n");
            c.expect("250 2.0.0 ");
        }
        assertThat(storedWith(marker)).hasSize(1);
    }
}
