package io.mailserver.smtp.dsn;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** Reports as RFC 3464 writes them, read back by Angus Mail (Jakarta Mail), a parser we did not write. */
class DeliveryReportTest {

    private static final ZonedDateTime ARRIVAL = ZonedDateTime.of(2026, 12, 1, 9, 30, 0, 0, ZoneOffset.UTC);
    private static final byte[] ORIGINAL = ("From: <alice@example.org>\r\nTo: <bob@remote.example>\r\nSubject: hello\r\n\r\n"
            + "the body\r\n").getBytes(StandardCharsets.US_ASCII);

    private static MimeMessage parse(byte[] report) throws Exception {
        return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(report));
    }

    private static String text(MimeMultipart parts, int i) throws Exception {
        try (InputStream in = parts.getBodyPart(i).getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void aFailureAndADelayInOneReportWithTheWholeOriginal() throws Exception {
        byte[] report = DeliveryReport.build("mx.example.org",
                new DeliveryReport.Envelope("alice@example.org", "QQ+2B314159", ARRIVAL, false), ARRIVAL.plusHours(5),
                List.of(DeliveryReport.Recipient.failed("bob@remote.example", "rfc822;first+2Bbob@remote.example", "5.1.1",
                                "550 5.1.1 <bob@remote.example>: no such user"),
                        new DeliveryReport.Recipient("carol@remote.example", "", DeliveryReport.Action.DELAYED, "4.3.0",
                                "451 4.3.0 try again later", ARRIVAL.plusDays(5))),
                ORIGINAL);
        MimeMessage message = parse(report);
        assertThat(message.getSubject()).isEqualTo("Undelivered Mail Returned to Sender");
        assertThat(message.getHeader("Auto-Submitted", null)).isEqualTo("auto-replied");
        assertThat(message.getContentType()).contains("multipart/report").contains("report-type=delivery-status");
        MimeMultipart parts = (MimeMultipart) message.getContent();
        assertThat(parts.getCount()).isEqualTo(3);
        assertThat(text(parts, 0)).contains("could not be delivered").contains("<bob@remote.example>: 550 5.1.1")
                .contains("not been delivered yet").contains("<carol@remote.example>: 451 4.3.0");
        assertThat(parts.getBodyPart(1).getContentType()).startsWith("message/delivery-status");
        assertThat(text(parts, 1)).isEqualTo("Reporting-MTA: dns; mx.example.org\r\n"
                + "Original-Envelope-Id: QQ+314159\r\n"
                + "Arrival-Date: Tue, 1 Dec 2026 09:30:00 +0000\r\n\r\n"
                + "Original-Recipient: rfc822;first+bob@remote.example\r\n"
                + "Final-Recipient: rfc822; bob@remote.example\r\n"
                + "Action: failed\r\nStatus: 5.1.1\r\n"
                + "Diagnostic-Code: smtp; 550 5.1.1 <bob@remote.example>: no such user\r\n\r\n"
                + "Final-Recipient: rfc822; carol@remote.example\r\n"
                + "Action: delayed\r\nStatus: 4.3.0\r\n"
                + "Diagnostic-Code: smtp; 451 4.3.0 try again later\r\n"
                + "Will-Retry-Until: Sun, 6 Dec 2026 09:30:00 +0000\r\n");
        assertThat(parts.getBodyPart(2).getContentType()).startsWith("message/rfc822");
        MimeMessage original = (MimeMessage) parts.getBodyPart(2).getContent();
        assertThat(original.getSubject()).isEqualTo("hello");
    }

    @Test
    void noticesThatAreNoFailureReturnTheHeaderOnly() throws Exception {
        byte[] report = DeliveryReport.build("mx.example.org", new DeliveryReport.Envelope("alice@example.org", "", ARRIVAL, false),
                ARRIVAL, List.of(new DeliveryReport.Recipient("bob@example.org", "", DeliveryReport.Action.DELIVERED, "2.0.0", "",
                        null)), ORIGINAL);
        MimeMessage message = parse(report);
        assertThat(message.getSubject()).isEqualTo("Successful Mail Delivery Report");
        MimeMultipart parts = (MimeMultipart) message.getContent();
        assertThat(text(parts, 1)).doesNotContain("Original-Envelope-Id").doesNotContain("Diagnostic-Code")
                .contains("Action: delivered\r\nStatus: 2.0.0\r\n");
        assertThat(parts.getBodyPart(2).getContentType()).startsWith("text/rfc822-headers");
        assertThat(text(parts, 2)).contains("Subject: hello").doesNotContain("the body");
    }

    @Test
    void stringsThatDoNotDecodeToPrintableTextNeverReachTheReport() throws Exception {
        // stored values are checked at RCPT/MAIL; should one not be, it is left out rather than quoted
        byte[] report = DeliveryReport.build("mx.example.org",
                new DeliveryReport.Envelope("alice@example.org", "a+0D+0AX-Injected:+20yes", ARRIVAL, true), ARRIVAL,
                List.of(DeliveryReport.Recipient.failed("bob@remote.example", "rfc822;b+0A+0DX-Evil:+201", "5.0.0", "no")),
                ORIGINAL);
        String text = new String(report, StandardCharsets.UTF_8);
        assertThat(text).doesNotContain("X-Injected").doesNotContain("X-Evil").doesNotContain("Original-Recipient")
                .contains("text/rfc822-headers");
    }

    @Test
    void statusCodesComeFromTheReplyOrItsClass() {
        assertThat(DeliveryReport.status("550 5.1.1 no such user", true)).isEqualTo("5.1.1");
        assertThat(DeliveryReport.status("554 transaction failed", true)).isEqualTo("5.0.0");
        assertThat(DeliveryReport.status("421 closing", false)).isEqualTo("4.0.0");
        assertThat(DeliveryReport.status("the domain publishes a null MX", true)).isEqualTo("5.0.0");
        assertThat(DeliveryReport.status("cannot connect to 192.0.2.1:25", false)).isEqualTo("4.0.0");
    }

    @Test
    void theReturnedHeaderIsTheFieldsWithoutTheEmptyLineOrTheWholeMessageWithoutABody() {
        assertThat(new String(DeliveryReport.headerSection(ORIGINAL), StandardCharsets.US_ASCII))
                .isEqualTo("From: <alice@example.org>\r\nTo: <bob@remote.example>\r\nSubject: hello\r\n");
        byte[] noBody = "From: <alice@example.org>\r\nSubject: hello\r\n".getBytes(StandardCharsets.US_ASCII);
        assertThat(DeliveryReport.headerSection(noBody)).isEqualTo(noBody);
    }

    /** A message without a body, or with a padded header, cannot have its content carried on in a report. */
    @Test
    void theReturnedHeaderEndsAtTheLastWholeFieldWithinTheLimit() {
        String field = "X-Pad: " + "p".repeat(990) + "\r\n\t" + "q".repeat(500) + "\r\n";
        String padded = "Subject: hello\r\n" + field.repeat(200);
        for (String message : List.of(padded, padded + "\r\nbody\r\n")) {
            byte[] returned = DeliveryReport.headerSection(message.getBytes(StandardCharsets.US_ASCII));
            assertThat(returned.length).isLessThanOrEqualTo(DeliveryReport.HEADER_LIMIT);
            String text = new String(returned, StandardCharsets.US_ASCII);
            assertThat(text).startsWith("Subject: hello\r\nX-Pad: ").endsWith("q".repeat(500) + "\r\n");
            assertThat((text.length() - "Subject: hello\r\n".length()) % field.length()).isZero();
        }
    }

    @Test
    void anOriginalWithAUtf8HeaderIsReturnedInTheGlobalTypes() throws Exception {
        byte[] utf8Header = "From: <alice@example.org>\r\nSubject: Grüße\r\n\r\nplain body\r\n".getBytes(StandardCharsets.UTF_8);
        byte[] utf8Body = "From: <alice@example.org>\r\nSubject: hello\r\n\r\nfür dich\r\n".getBytes(StandardCharsets.UTF_8);
        DeliveryReport.Envelope envelope = new DeliveryReport.Envelope("alice@example.org", "", ARRIVAL, false);
        List<DeliveryReport.Recipient> failed = List.of(DeliveryReport.Recipient.failed("bob@remote.example", "", "5.1.1", "no"));
        List<DeliveryReport.Recipient> delivered = List.of(new DeliveryReport.Recipient("bob@example.org", "",
                DeliveryReport.Action.DELIVERED, "2.0.0", "", null));
        assertThat(returnedType(DeliveryReport.build("mx.example.org", envelope, ARRIVAL, failed, utf8Header)))
                .startsWith("message/global");
        assertThat(returnedType(DeliveryReport.build("mx.example.org", envelope, ARRIVAL, delivered, utf8Header)))
                .startsWith("message/global-headers");
        assertThat(returnedType(DeliveryReport.build("mx.example.org", envelope, ARRIVAL, failed, utf8Body)))
                .startsWith("message/rfc822");
        assertThat(returnedType(DeliveryReport.build("mx.example.org", envelope, ARRIVAL, delivered, utf8Body)))
                .startsWith("text/rfc822-headers");
    }

    private static String returnedType(byte[] report) throws Exception {
        return ((MimeMultipart) parse(report).getContent()).getBodyPart(2).getContentType();
    }
}
