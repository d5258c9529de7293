package io.mailserver.mailctl.queue;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailserver.contracts.storage.v1.ListQueueResponse;
import io.mailserver.contracts.storage.v1.OutboundRecipient;
import io.mailserver.contracts.storage.v1.QueueEntry;
import io.mailserver.contracts.storage.v1.QueuedRecipient;
import io.mailserver.contracts.storage.v1.Timestamp;
import io.mailserver.contracts.storage.v1.TlsRequirement;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class QueuePrinterTest {

    private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");

    private static Timestamp at(Instant t) {
        return Timestamp.newBuilder().setEpochSeconds(t.getEpochSecond()).build();
    }

    private static QueueEntry entry(long id, String error) {
        return QueueEntry.newBuilder().setEntryId(id).setQueueId(id * 10).setDomain("example.net")
                .setMailFrom("alice@example.test").setSize(2048).setAttempts(2).setLastError(error)
                .setQueuedAt(at(NOW.minusSeconds(5400))).setExpiresAt(at(NOW.plusSeconds(86400 * 4)))
                .setNextAttemptAt(at(NOW.plusSeconds(600)))
                .addRecipients(QueuedRecipient.newBuilder().setIndex(0)
                        .setRecipient(OutboundRecipient.newBuilder().setAddress("bob@example.net")))
                .build();
    }

    private static String print(java.util.function.Consumer<QueuePrinter> what) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        what.accept(new QueuePrinter(new PrintStream(bytes, true, StandardCharsets.UTF_8)));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void listsOneLinePerEntryWithItsLastError() {
        ListQueueResponse response = ListQueueResponse.newBuilder().addEntries(entry(7, "451 4.3.0 try later"))
                .addEntries(entry(8, "")).setTotal(3).build();
        assertThat(print(p -> p.list(response, NOW))).isEqualTo("""
                7        <alice@example.test> -> example.net, 1 recipient, queued 90m ago, next attempt in 10m
                         last error: 451 4.3.0 try later
                8        <alice@example.test> -> example.net, 1 recipient, queued 90m ago, next attempt in 10m
                2 of 3 entries shown
                """);
        assertThat(print(p -> p.list(ListQueueResponse.getDefaultInstance(), NOW))).isEqualTo("the queue is empty\n");
    }

    @Test
    void showsAnEntryInFull() {
        assertThat(print(p -> p.entry(entry(7, "421 4.7.0 slow down"), NOW))).isEqualTo("""
                entry 7 (message 70)
                  from        <alice@example.test>
                  domain      example.net
                  size        2048 bytes
                  queued      2026-12-03T10:30:00Z (expires 2026-12-07T12:00:00Z)
                  attempts    2, next attempt in 10m
                  last error  421 4.7.0 slow down
                  recipients
                    <bob@example.net>
                """);
    }

    @Test
    void showsWhatTheNextHopMustOffer() {
        QueueEntry strict = entry(7, "").toBuilder().setTlsRequirement(TlsRequirement.TLS_REQUIREMENT_REQUIRED)
                .setSmtputf8(true).setEightBit(true).build();
        assertThat(print(p -> p.entry(strict, NOW)))
                .contains("\n  next hop    REQUIRETLS (verified TLS, MTA-STS-listed MX), SMTPUTF8, 8BITMIME\n");
        QueueEntry relaxed = entry(8, "").toBuilder().setTlsRequirement(TlsRequirement.TLS_REQUIREMENT_OPTIONAL).build();
        assertThat(print(p -> p.entry(relaxed, NOW))).contains("\n  next hop    MTA-STS waived (TLS-Required: No)\n");
        assertThat(print(p -> p.entry(entry(9, ""), NOW))).doesNotContain("next hop");
    }

    @Test
    void whatRemoteServersSaidCannotDriveTheTerminal() {
        // an ANSI escape (clear screen), a line break and a right-to-left override from a hostile server
        String hostile = "550 \u001b[2J\r\nfake line \u202Egnp.exe";
        assertThat(QueuePrinter.printable(hostile)).isEqualTo("550 ?[2J??fake line ?gnp.exe");
        String out = print(p -> p.list(ListQueueResponse.newBuilder().addEntries(entry(9, hostile)).setTotal(1).build(), NOW));
        assertThat(out).doesNotContain("\u001b").doesNotContain("\u202E").hasLineCount(3);
    }
}
