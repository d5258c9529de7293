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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
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

    @ConfigProperty(name = "mail.smtp.submission.port")
    int submissionPort;

    @ConfigProperty(name = "mail.smtp.submissions.port")
    int submissionsPort;

    @BeforeAll
    static void accounts() {
        mail = new TestMail();
    }

    @Test
    void pythonSmtplibWithStartTlsToTwoLocalUsers() throws Exception {
        String marker = "py-" + UUID.randomUUID();
        String message = "From: Sender <sender@remote.example>\r\nTo: " + mail.alice + ", " + mail.bob + "\r\nSubject: " + marker
                + "\r\n\r\nHello from smtplib.\r\n.a line starting with a dot\r\n";
        ExternalClients.runPython("/smtplib_send.py", message, "127.0.0.1", Integer.toString(mxPort),
                TestMail.certificate().toString(), "sender@remote.example", mail.alice + "," + mail.bob);
        for (String recipient : List.of(mail.alice, mail.bob)) {
            List<String> stored = mail.inboxTexts(recipient).stream().filter(m -> m.contains(marker)).toList();
            assertThat(stored).as(recipient).hasSize(1);
            assertThat(TestMail.withoutTraceHeaders(stored.get(0))).isEqualTo(message);
            assertThat(TestMail.receivedHeader(stored.get(0))).startsWith("Received: from python.client.test (")
                    .contains(" with ESMTPS id ");
        }
    }

    @Test
    void pythonSmtplibSendsUtf8AddressesAndHeadersWithSmtputf8() throws Exception {
        String marker = "py-utf8-" + UUID.randomUUID();
        String message = "From: Zoë <zoë@exämple.test>\r\nTo: " + mail.alice + "\r\nSubject: Привет " + marker
                + "\r\n\r\nПривет из smtplib.\r\n";
        String octets = new String(message.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
        ExternalClients.runPython("/smtplib_utf8.py", octets, "127.0.0.1", Integer.toString(mxPort),
                TestMail.certificate().toString(), "\"zo\\u00eb@ex\\u00e4mple.test\"", "\"" + mail.alice + "\"");
        List<String> stored = mail.inboxTexts(mail.alice).stream().filter(m -> m.contains(marker)).toList();
        assertThat(stored).hasSize(1);
        assertThat(TestMail.withoutTraceHeaders(stored.get(0))).isEqualTo(octets);
        assertThat(TestMail.returnPath(stored.get(0))).isEqualTo("Return-Path: <zo\u00c3\u00ab@xn--exmple-cua.test>");
        assertThat(TestMail.receivedHeader(stored.get(0))).contains(" with UTF8SMTPS id ");
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
        assertThat(TestMail.withoutTraceHeaders(stored.get(0))).isEqualTo(expected.toString(StandardCharsets.ISO_8859_1));
        assertThat(TestMail.receivedHeader(stored.get(0))).startsWith("Received: from angus.client.test (")
                .contains(" with ESMTPS id ").contains(" for <" + mail.alice + ">;");
    }

    @Test
    void pythonSmtplibSubmitsWithAuthOver587And465() throws Exception {
        for (String mode : List.of("starttls", "ssl")) {
            String marker = "py-submit-" + mode + "-" + UUID.randomUUID();
            String message = "From: Alice <" + mail.alice + ">\r\nTo: " + mail.bob + "\r\nSubject: " + marker
                    + "\r\n\r\nSubmitted by smtplib.\r\n";
            int port = mode.equals("ssl") ? submissionsPort : submissionPort;
            String output = ExternalClients.runPython("/smtplib_submit.py", message, "127.0.0.1", Integer.toString(port), mode,
                    TestMail.certificate().toString(), mail.alice, TestMail.ALICE_PASSWORD, mail.alice, mail.bob);
            assertThat(output).contains("sent");
            List<String> stored = mail.inboxTexts(mail.bob).stream().filter(m -> m.contains(marker)).toList();
            assertThat(stored).as(mode).hasSize(1);
            assertThat(TestMail.withoutTraceHeaders(stored.get(0))).isEqualTo(message);
            assertThat(TestMail.receivedHeader(stored.get(0))).contains(" with ESMTPSA id ");
            // signed with the key of the sender's domain
            assertThat(stored.get(0)).contains("\r\nDKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=" + mail.domain + ";");
        }
    }

    @Test
    void angusMailSubmitsWithAuthOver587And465() throws Exception {
        for (boolean implicitTls : List.of(false, true)) {
            String marker = "angus-submit-" + implicitTls + "-" + UUID.randomUUID();
            String protocol = implicitTls ? "smtps" : "smtp";
            Properties props = new Properties();
            props.put("mail." + protocol + ".host", "127.0.0.1");
            props.put("mail." + protocol + ".port", Integer.toString(implicitTls ? submissionsPort : submissionPort));
            props.put("mail." + protocol + ".localhost", "angus.submit.test");
            props.put("mail." + protocol + ".auth", "true");
            props.put("mail." + protocol + ".starttls.enable", "true");
            props.put("mail." + protocol + ".starttls.required", Boolean.toString(!implicitTls));
            props.put("mail." + protocol + ".ssl.socketFactory", TestMail.trust().getSocketFactory());
            props.put("mail." + protocol + ".ssl.checkserveridentity", "true");
            props.put("mail." + protocol + ".connectiontimeout", "10000");
            props.put("mail." + protocol + ".timeout", "60000");
            Session session = Session.getInstance(props);
            MimeMessage message = new MimeMessage(session);
            message.setFrom(new InternetAddress(mail.bob));
            message.setRecipient(Message.RecipientType.TO, new InternetAddress(mail.alice));
            message.setSubject(marker);
            message.setText("Submitted by Angus Mail.\r\n", "UTF-8");
            message.saveChanges();
            try (Transport transport = session.getTransport(protocol)) {
                transport.connect(mail.bob, TestMail.BOB_PASSWORD);
                transport.sendMessage(message, message.getAllRecipients());
            }
            List<String> stored = mail.inboxTexts(mail.alice).stream().filter(m -> m.contains(marker)).toList();
            assertThat(stored).as(protocol).hasSize(1);
            assertThat(TestMail.returnPath(stored.get(0))).isEqualTo("Return-Path: <" + mail.bob + ">");
            assertThat(TestMail.receivedHeader(stored.get(0))).startsWith("Received: from angus.submit.test (")
                    .contains(" with ESMTPSA id ");
        }
    }

    @Test
    void curlAndSwaksSubmitAsTheReadmeShows() throws Exception {
        String curlMarker = "curl-" + UUID.randomUUID();
        Path message = Files.createTempFile("message", ".eml");
        Files.writeString(message, "From: " + mail.bob + "\r\nTo: " + mail.alice + "\r\nSubject: " + curlMarker
                + "\r\n\r\nSubmitted by curl.\r\n", StandardCharsets.ISO_8859_1);
        try {
            ExternalClients.run("curl", "--silent", "--show-error", "--ssl-reqd", "--cacert", TestMail.certificate().toString(),
                    "smtp://127.0.0.1:" + submissionPort, "-u", mail.bob + ":" + TestMail.BOB_PASSWORD,
                    "--mail-from", mail.bob, "--mail-rcpt", mail.alice, "--upload-file", message.toString());
        } finally {
            Files.deleteIfExists(message);
        }
        String swaksMarker = "swaks-" + UUID.randomUUID();
        String transcript = ExternalClients.run("swaks", "--server", "127.0.0.1:" + submissionsPort, "--tls-on-connect",
                "--auth", "LOGIN", "--auth-user", mail.bob, "--auth-password", TestMail.BOB_PASSWORD,
                "--from", mail.bob, "--to", mail.alice, "--header", "Subject: " + swaksMarker, "--helo", "swaks.test");
        assertThat(transcript).contains("235 2.7.0").contains("250 2.0.0 Ok: queued as ");
        for (String marker : List.of(curlMarker, swaksMarker)) {
            List<String> stored = mail.inboxTexts(mail.alice).stream().filter(m -> m.contains(marker)).toList();
            assertThat(stored).as(marker).hasSize(1);
            assertThat(TestMail.receivedHeader(stored.get(0))).contains(" with ESMTPSA id ");
        }
    }
}
