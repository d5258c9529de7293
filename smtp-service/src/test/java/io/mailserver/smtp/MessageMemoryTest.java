package io.mailserver.smtp;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mailserver.testkit.client.LineClient;
import io.mailserver.testkit.quarkus.PeerServicesResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The instance-wide cap on message data held in memory ({@code mail.smtp.limits.message-memory}, two
 * maximum-size messages in tests): transfers that fit are stored, the one that does not is read to
 * its end and answered 452 4.3.1, and the memory comes back once storage has answered.
 */
@QuarkusTest
@QuarkusTestResource(PeerServicesResource.class)
@QuarkusTestResource(SmtpPortsResource.class)
class MessageMemoryTest {

    private static TestMail mail;

    @ConfigProperty(name = "mail.smtp.mx.port")
    int mxPort;

    @BeforeAll
    static void accounts() {
        mail = new TestMail();
    }

    /** Opens a transaction to alice and sends the header and {@code bodyBytes} of body, without the final dot. */
    private LineClient openTransfer(String marker, int bodyBytes) {
        LineClient c = mail.startData(mxPort, "memory.test", marker);
        String line = "y".repeat(998) + "\r\n";
        for (int sent = 0; sent + line.length() <= bodyBytes; sent += line.length()) {
            c.sendRaw(line);
        }
        return c;
    }

    private static long memoryUsed() {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher m = Pattern.compile("(?m)^smtp_message_memory_used_bytes ([0-9.E+]+)$").matcher(metrics);
        assertThat(m.find()).as("smtp_message_memory_used_bytes in /q/metrics").isTrue();
        return (long) Double.parseDouble(m.group(1));
    }

    private static void awaitMemoryUsed(long atLeast) {
        await("message memory reaches " + atLeast).atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50))
                .until(() -> memoryUsed() >= atLeast);
    }

    @Test
    void aTransferPastTheInstanceCapGets452AndTheOthersAreStored() {
        int size = SmtpPortsResource.MESSAGE_MEMORY * 2 / 5; // two fit, the third does not
        List<String> markers = new ArrayList<>();
        List<LineClient> holding = new ArrayList<>();
        try {
            for (int i = 0; i < 2; i++) {
                String marker = "held-" + UUID.randomUUID();
                markers.add(marker);
                holding.add(openTransfer(marker, size));
            }
            // Sent is not yet read: wait until the server holds both, so the third is the one refused.
            awaitMemoryUsed(2L * (size - 1000));
            String starved = "starved-" + UUID.randomUUID();
            try (LineClient c = openTransfer(starved, size)) {
                c.sendRaw(".\r\n");
                c.expect("452 4.3.1");
                // The session goes on with the transaction cleared, and nothing of it was stored.
                c.send("RCPT TO:<" + mail.alice + ">").expect("503 5.5.1");
                c.send("NOOP").expect("250 2.0.0");
            }
            for (LineClient c : holding) {
                c.sendRaw(".\r\n");
                c.expect("250 2.0.0");
            }
            List<String> inbox = mail.inboxTexts(mail.alice);
            for (String marker : markers) {
                assertThat(inbox).filteredOn(m -> m.contains(marker)).hasSize(1);
            }
            assertThat(inbox).noneMatch(m -> m.contains(starved));
        } finally {
            holding.forEach(LineClient::close);
        }
        // Everything was released: a transfer of the same size now goes through.
        String after = "after-" + UUID.randomUUID();
        try (LineClient c = openTransfer(after, size)) {
            c.sendRaw(".\r\n");
            c.expect("250 2.0.0");
        }
        assertThat(memoryUsed()).isZero();
    }

    @Test
    void aClientLeavingMidTransferGivesItsMemoryBack() {
        int size = SmtpPortsResource.MESSAGE_MEMORY * 2 / 5;
        for (int round = 0; round < 4; round++) {
            LineClient c = openTransfer("gone-" + UUID.randomUUID(), size);
            c.close();
        }
        // Closing is noticed asynchronously; after it, the whole budget is free again.
        await("message memory released after the clients left").atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(100)).until(() -> memoryUsed() == 0);
        try (LineClient c = openTransfer("whole-" + UUID.randomUUID(), size)) {
            c.sendRaw(".\r\n");
            c.expect("250 2.0.0");
        }
    }
}
