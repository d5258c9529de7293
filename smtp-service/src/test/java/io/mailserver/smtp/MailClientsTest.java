package io.mailserver.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailserver.testkit.quarkus.PeerServicesResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Real client libraries, not this project's code, talking to the MX listener over STARTTLS. */
@QuarkusTest
@QuarkusTestResource(PeerServicesResource.class)
@QuarkusTestResource(SmtpPortsResource.class)
class MailClientsTest {

    private static TestMail mail;

    @ConfigProperty(name = "mail.smtp.mx.port")
    int mxPort;

    @BeforeAll
    static void accounts() {
        mail = new TestMail();
    }

    @Test
    void pythonSmtplibWithStartTlsToTwoLocalUsers() throws Exception {
        String marker = "py-" + UUID.randomUUID();
        String message = "From: Sender <sender@remote.example>\r\nTo: " + mail.alice + ", " + mail.bob + "\r\nSubject: " + marker
                + "\r\n\r\nHello from smtplib.\r\n.a line starting with a dot\r\n";
        Path script = Files.createTempFile("smtplib_send", ".py");
        Path messageFile = Files.createTempFile("message", ".eml");
        try (InputStream in = MailClientsTest.class.getResourceAsStream("/smtplib_send.py")) {
            Files.write(script, in.readAllBytes());
        }
        Files.write(messageFile, message.getBytes(StandardCharsets.ISO_8859_1));
        try {
            Process process = new ProcessBuilder("python3", script.toString(), "127.0.0.1", Integer.toString(mxPort),
                    TestMail.certificate().toString(), "sender@remote.example", mail.alice + "," + mail.bob,
                    messageFile.toString()).redirectErrorStream(true).start();
            ByteArrayOutputStream output = new ByteArrayOutputStream();
            process.getInputStream().transferTo(output);
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).as("smtplib output: %s", output).isZero();
        } finally {
            Files.deleteIfExists(script);
            Files.deleteIfExists(messageFile);
        }
        for (String recipient : List.of(mail.alice, mail.bob)) {
            List<String> stored = mail.inboxTexts(recipient).stream().filter(m -> m.contains(marker)).toList();
            assertThat(stored).as(recipient).hasSize(1);
            assertThat(TestMail.withoutReceivedHeader(stored.get(0))).isEqualTo(message);
            assertThat(TestMail.receivedHeader(stored.get(0))).startsWith("Received: from python.client.test (")
                    .contains(" with ESMTPS id ");
        }
    }

    @Test
    void angusMailWithStartTlsRequired() throws Exception {
        String marker = "angus-" + UUID.randomUUID();
        Properties props = new Properties();
        props.put("mail.smtp.host", "127.0.0.1");
        props.put("mail.smtp.port", Integer.toString(mxPort));
        props.put("mail.smtp.localhost", "angus.client.test");
        props.put("mail.smtp.starttls.enable", "true");
        props.put("mail.smtp.starttls.required", "true");
        props.put("mail.smtp.ssl.socketFactory", TestMail.trust().getSocketFactory());
        props.put("mail.smtp.ssl.checkserveridentity", "true");
        props.put("mail.smtp.connectiontimeout", "10000");
        props.put("mail.smtp.timeout", "60000");
        Session session = Session.getInstance(props);
        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress("sender@remote.example"));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(mail.alice));
        message.setSubject(marker);
        message.setText("Hello from Angus Mail.\r\n.and a dotted line\r\n", "UTF-8");
        message.saveChanges();
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        message.writeTo(expected);

        // Not Transport.send: it would call saveChanges() again and give the message a new Message-ID.
        try (Transport transport = session.getTransport("smtp")) {
            transport.connect();
            transport.sendMessage(message, message.getAllRecipients());
        }

        List<String> stored = mail.inboxTexts(mail.alice).stream().filter(m -> m.contains(marker)).toList();
        assertThat(stored).hasSize(1);
        assertThat(TestMail.withoutReceivedHeader(stored.get(0))).isEqualTo(expected.toString(StandardCharsets.ISO_8859_1));
        assertThat(TestMail.receivedHeader(stored.get(0))).startsWith("Received: from angus.client.test (")
                .contains(" with ESMTPS id ").contains(" for <" + mail.alice + ">;");
    }
}
