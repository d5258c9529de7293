package io.mailserver.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailserver.testkit.mta.Postfix;
import io.mailserver.testkit.quarkus.PeerServicesResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Interop with a real MTA, Postfix from Debian on loopback, both ways and both over STARTTLS: Postfix
 * relays a message to our MX, which files it; our outbound queue delivers a submitted message to
 * Postfix through the route setting. Postfix's own log is the witness of each delivery.
 */
@QuarkusTest
@QuarkusTestResource(PeerServicesResource.class)
@QuarkusTestResource(SmtpPortsResource.class)
@QuarkusTestResource(value = PostfixResource.class, restrictToAnnotatedClass = true)
class PostfixInteropTest {

    private static TestMail mail;

    @ConfigProperty(name = "mail.smtp.mx.port")
    int mxPort;

    @ConfigProperty(name = "mail.smtp.submission.port")
    int submissionPort;

    /** Optional: every test class is a bean of one application, and only this one has Postfix. */
    @ConfigProperty(name = "test.postfix.dir")
    Optional<String> postfixDir;

    @ConfigProperty(name = "test.postfix.port")
    Optional<Integer> postfixPort;

    @BeforeAll
    static void accounts() {
        mail = new TestMail();
    }

    private Postfix postfix() {
        return Postfix.at(Path.of(postfixDir.orElseThrow()), postfixPort.orElseThrow());
    }

    @Test
    void postfixRelaysToOurMx() throws Exception {
        Postfix postfix = postfix();
        postfix.relayTo("127.0.0.1", mxPort);
        String marker = "from-postfix-" + UUID.randomUUID();
        // swaks hands the message to Postfix, which relays it (relayhost) to our MX over STARTTLS
        Process swaks = new ProcessBuilder("swaks", "--server", "127.0.0.1:" + postfix.port(),
                "--helo", "client.postfix.test", "--from", "sender@" + PostfixResource.DOMAIN, "--to", mail.bob,
                "--header", "Subject: " + marker, "--body", "relayed by Postfix").redirectErrorStream(true).start();
        String dialogue = new String(swaks.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(swaks.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(swaks.exitValue()).as(dialogue).isZero();

        String stored = Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> mail.inboxTexts(mail.bob).stream().filter(m -> m.contains(marker)).findFirst().orElse(null),
                        m -> m != null);
        assertThat(TestMail.returnPath(stored)).isEqualTo("Return-Path: <sender@" + PostfixResource.DOMAIN + ">");
        assertThat(TestMail.receivedHeader(stored)).contains("from mta." + PostfixResource.DOMAIN).contains("with ESMTPS");
        String log = Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(postfix::log, l -> l.contains("to=<" + mail.bob + ">, relay=127.0.0.1[127.0.0.1]:" + mxPort));
        String delivery = log.lines().filter(l -> l.contains("to=<" + mail.bob + ">")).reduce((a, b) -> b).orElseThrow();
        assertThat(delivery).contains("status=sent (250 2.0.0 ");
        assertThat(log).contains("TLS connection established to 127.0.0.1[127.0.0.1]:" + mxPort);
    }

    @Test
    void ourQueueDeliversToPostfix() throws Exception {
        Postfix postfix = postfix();
        String marker = "to-postfix-" + UUID.randomUUID();
        String carol = "carol@" + PostfixResource.DOMAIN;
        String body = "From: <" + mail.alice + ">\r\nTo: <" + carol + ">\r\nSubject: " + marker
                + "\r\n\r\nqueued by us, delivered by Postfix\r\n";
        mail.submitAsAlice(submissionPort, body, List.<String[]>of(new String[] {carol, "250 2.1.5"}));

        String delivered = Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> postfix.delivered().stream().filter(m -> m.contains(marker)).findFirst().orElse(null),
                        m -> m != null);
        // Postfix's final delivery names our envelope sender; our Received header came along
        assertThat(delivered).startsWith("Return-Path: <" + mail.alice + ">")
                .contains("Received: from submit.client.test").endsWith("queued by us, delivered by Postfix\n");
        String log = postfix.log();
        assertThat(log.lines().filter(l -> l.contains("to=<" + carol + ">, relay=virtual") && l.contains("status=sent")))
                .isNotEmpty();
        assertThat(log).contains("TLS connection established from localhost[127.0.0.1]");
        assertThat(postfix.delivered().stream().filter(m -> m.contains(marker))).hasSize(1);
    }

    @Test
    void postfixConfirmsDeliveryWhenOurQueuePassesOnNotifySuccess() throws Exception {
        Postfix postfix = postfix();
        // Postfix sends its notice to alice through our MX
        postfix.relayTo("127.0.0.1", mxPort);
        String marker = "dsn-postfix-" + UUID.randomUUID();
        String carol = "carol@" + PostfixResource.DOMAIN;
        String body = "From: <" + mail.alice + ">\r\nTo: <" + carol + ">\r\nSubject: " + marker + "\r\n\r\nconfirm, please\r\n";
        String spec = "{\"mail_options\": [\"RET=HDRS\", \"ENVID=pf-" + marker + "\"],"
                + " \"rcpts\": [[\"" + carol + "\", [\"NOTIFY=SUCCESS,FAILURE\", \"ORCPT=rfc822;" + carol + "\"], 250]]}";
        assertThat(ExternalClients.runPython("/smtplib_dsn.py", body, "127.0.0.1", Integer.toString(submissionPort),
                TestMail.certificate().toString(), mail.alice, TestMail.ALICE_PASSWORD, mail.alice, spec)).contains("sent");

        // Postfix offers DSN: our queue handed on NOTIFY, ORCPT, ENVID and RET, and Postfix confirms the delivery
        String notice = Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> mail.inboxTexts(mail.alice).stream().filter(m -> m.contains(marker) && m.contains("Action: delivered"))
                        .findFirst().orElse(null), m -> m != null);
        assertThat(notice).contains("Reporting-MTA: dns; mta." + PostfixResource.DOMAIN)
                .contains("Original-Envelope-Id: pf-" + marker)
                .contains("Original-Recipient: rfc822;" + carol)
                .contains("multipart/report");
        assertThat(postfix.log()).contains("sender delivery status notification");
        // and we sent no "relayed" notice of our own: the success report is Postfix's business now
        assertThat(mail.inboxTexts(mail.alice).stream().filter(m -> m.contains(marker) && m.contains("Action: relayed"))).isEmpty();
    }

    @Test
    void ourQueueHandsUtf8MailToPostfixWithSmtputf8() throws Exception {
        Postfix postfix = postfix();
        String marker = "utf8-postfix-" + UUID.randomUUID();
        String body = "From: <" + mail.alice + ">\r\nTo: <cärol@" + PostfixResource.DOMAIN + ">\r\nSubject: Grüße " + marker
                + "\r\n\r\nfür Carol\r\n";
        String octets = new String(body.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
        String spec = "{\"mail_options\": [\"SMTPUTF8\"], \"rcpts\": [[\"c\\u00e4rol@" + PostfixResource.DOMAIN + "\", [], 250]]}";
        assertThat(ExternalClients.runPython("/smtplib_dsn.py", octets, "127.0.0.1", Integer.toString(submissionPort),
                TestMail.certificate().toString(), mail.alice, TestMail.ALICE_PASSWORD, mail.alice, spec)).contains("sent");
        String delivered = Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> postfix.delivered().stream().filter(m -> m.contains(marker)).findFirst().orElse(null),
                        m -> m != null);
        // Postfix took it with SMTPUTF8 and filed it intact, UTF-8 recipient and header field included
        assertThat(delivered).endsWith(new String("für Carol\n".getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1))
                .contains(new String(("Subject: Grüße " + marker).getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1));
        assertThat(postfix.log().lines().filter(l -> l.contains("relay=virtual") && l.contains("status=sent")
                && l.contains("rol@" + PostfixResource.DOMAIN))).isNotEmpty();
    }
}
