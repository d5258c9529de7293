package io.mailserver.smtp;

import static io.mailserver.smtp.TestMail.ehlo;
import static org.assertj.core.api.Assertions.assertThat;

import io.mailserver.localstack.LocalMailSystem;
import io.mailserver.localstack.MailService;
import io.mailserver.testkit.client.LineClient;
import io.mailserver.testkit.quarkus.SharedSystem;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * {@code mail.smtp.bare-line-endings=reject}, on the packaged service: a message with a bare LF or
 * bare CR is read to its end and refused 550 5.5.2, nothing of it is stored, and the session stays in
 * step for the next transaction (which is accepted, CRLF throughout).
 */
class BareLineEndingsRejectIT {

    @Test
    void messagesWithBareLineEndingsAreRefusedAndTheSessionStaysInStep() {
        LocalMailSystem system = SharedSystem.get();
        system.startInfrastructure();
        system.startService(MailService.AUTH);
        system.startService(MailService.STORAGE);
        system.startService(MailService.SMTP, Map.of("mail.smtp.bare-line-endings", "reject"));
        try {
            TestMail mail = new TestMail();
            String marker = "reject-" + UUID.randomUUID();
            try (LineClient c = LineClient.connect("127.0.0.1", system.settings().ports().smtpMx())) {
                c.expect("220 ");
                ehlo(c, "reject.test");
                for (String bare : new String[] {"one\n.\r\n+OK forged\r\n", "two\r.\r\nthree\r\n", "four\r\n\nfive\r\n"}) {
                    c.send("MAIL FROM:<x@remote.example>").expect("250 2.1.0");
                    c.send("RCPT TO:<" + mail.alice + ">").expect("250 2.1.5");
                    c.send("DATA").expect("354 ");
                    c.sendRaw("Subject: " + marker + "\r\n\r\n" + bare + ".\r\n");
                    c.expect("550 5.5.2");
                }
                c.send("MAIL FROM:<x@remote.example>").expect("250 2.1.0");
                c.send("RCPT TO:<" + mail.alice + ">").expect("250 2.1.5");
                c.send("DATA").expect("354 ");
                c.sendRaw("Subject: " + marker + "\r\n\r\nclean\r\n.\r\n");
                c.expect("250 2.0.0 ");
                c.send("QUIT").expect("221 ");
            }
            assertThat(mail.inbox(mail.alice).values())
                    .map(bytes -> TestMail.withoutTraceHeaders(new String(bytes, StandardCharsets.ISO_8859_1)))
                    .containsExactly("Subject: " + marker + "\r\n\r\nclean\r\n");
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\nsmtp-service log:\n"
                    + system.services().get(MailService.SMTP).process().logTail(), e);
        } finally {
            system.stopService(MailService.SMTP);
        }
    }
}
