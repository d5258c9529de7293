package io.mailserver.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailserver.testkit.quarkus.PeerServicesResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.mail.BodyPart;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Submission to another domain, end to end through real processes: smtp-service takes the message
 * after AUTH, storage queues it, a delivery worker leases it and hands it to a remote server
 * (aiosmtpd) over STARTTLS, and a recipient the remote server refuses comes back to the sender as an
 * RFC 3464 report that Angus Mail reads as one.
 */
@QuarkusTest
@QuarkusTestResource(PeerServicesResource.class)
@QuarkusTestResource(SmtpPortsResource.class)
@QuarkusTestResource(value = SmtpSinkResource.class, restrictToAnnotatedClass = true)
class OutboundDeliveryTest {

    private static TestMail mail;

    @ConfigProperty(name = "mail.smtp.submission.port")
    int submissionPort;

    @ConfigProperty(name = "mail.smtp.mx.port")
    int mxPort;

    /** Optional: every test class is a bean of one application, and only this one has the sink. */
    @ConfigProperty(name = "test.sink.spool")
    java.util.Optional<String> spool;

    @BeforeAll
    static void accounts() {
        mail = new TestMail();
    }

    private List<String> filedFor(String recipient) throws Exception {
        return SmtpSink.filedFor(Path.of(spool.orElseThrow()), recipient);
    }

    private void submitAsAlice(String body, List<String[]> recipients) {
        mail.submitAsAlice(submissionPort, body, recipients);
    }

    @Test
    void submittedMailReachesTheRemoteServerAndFailuresBounceToTheSender() throws Exception {
        String marker = "out-" + UUID.randomUUID();
        String bob = "bob-" + marker + "@" + SmtpSinkResource.DOMAIN;
        String carol = "reject-carol@" + SmtpSinkResource.DOMAIN;
        String body = "From: <" + mail.alice + ">\r\nTo: <" + bob + ">\r\nSubject: " + marker + "\r\n\r\nto another domain\r\n";
        submitAsAlice(body, List.of(new String[] {bob, "250 2.1.5"}, new String[] {carol, "250 2.1.5"},
                // an address literal has no MX: without a route it is refused rather than queued for nothing
                new String[] {"someone@[192.0.2.1]", "550 5.7.1 "},
                // a local recipient in the same transaction gets its copy at once
                new String[] {mail.bob, "250 2.1.5"}));
        List<String> filed = Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> filedFor(bob), f -> !f.isEmpty());
        assertThat(filed.get(0)).isEqualTo(mail.alice + "\nyes\n" + bob);
        // as queued: our Received header on top, then our DKIM signature, no Return-Path (that is for final delivery only)
        assertThat(filed.get(1)).startsWith("Received: from submit.client.test").endsWith(body)
                .doesNotContain("Return-Path:").contains("\r\nDKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=" + mail.domain);
        assertThat(dkimpyVerifies(filed.get(1))).as("dkimpy verifies our signature with the published record").isTrue();
        assertThat(mail.inboxTexts(mail.bob).stream().filter(m -> m.contains(marker))).hasSize(1);

        // the refused recipient comes back to alice as a delivery status notification
        String bounce = Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> mail.inboxTexts(mail.alice).stream().filter(m -> m.contains("Undelivered Mail Returned")
                        && m.contains(marker)).findFirst().orElse(null), b -> b != null);
        assertThat(TestMail.returnPath(bounce)).isEqualTo("Return-Path: <>");
        MimeMessage report = new MimeMessage(Session.getInstance(new Properties()),
                new ByteArrayInputStream(bounce.getBytes(StandardCharsets.ISO_8859_1)));
        assertThat(report.getContentType()).contains("multipart/report").contains("report-type=delivery-status");
        MimeMultipart parts = (MimeMultipart) report.getContent();
        assertThat(parts.getCount()).isEqualTo(3);
        BodyPart status = parts.getBodyPart(1);
        assertThat(status.getContentType()).startsWith("message/delivery-status");
        String fields;
        try (InputStream in = status.getInputStream()) {
            fields = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(fields).contains("Final-Recipient: rfc822; " + carol).contains("Action: failed")
                .contains("Status: 5.1.1").contains("Diagnostic-Code: smtp; 550 5.1.1");
        assertThat(fields).doesNotContain(bob);
        assertThat(parts.getBodyPart(2).getContentType()).startsWith("message/rfc822");
        MimeMessage original = (MimeMessage) parts.getBodyPart(2).getContent();
        assertThat(original.getSubject()).isEqualTo(marker);

        // what the operator sees: attempts by result and how many came before
        String metrics = io.restassured.RestAssured.get("/q/metrics").asString();
        assertThat(metrics).contains("smtp_outbound_attempts_total{result=\"finished\"}")
                .contains("smtp_outbound_attempts_before_count").contains("smtp_outbound_recipients_total{outcome=\"bounced\"}");
    }

    /**
     * Forwarding, end to end: Python's smtplib hands our MX mail for an alias that delivers to an
     * account here and forwards to another domain. The local copy keeps the real sender; the forwarded
     * one leaves from an SRS address under an ARC set dkimpy validates; a bounce to that SRS address
     * (only a bounce) goes back to the real sender, and so does our own report when the forward fails.
     */
    @Test
    void aliasesForwardWithAnSrsSenderAndAnArcSealAndBouncesFindTheRealSender() throws Exception {
        String marker = "fwd-" + UUID.randomUUID();
        String alias = marker + "@" + mail.domain;
        String target = "bob-" + marker + "@" + SmtpSinkResource.DOMAIN;
        String sender = "orig-" + marker + "@" + SmtpSinkResource.DOMAIN;
        TestMail.admin().addAlias(alias, List.of(mail.bob, target)).orThrow();
        TestMail.admin().addAlias(marker + "-away@" + mail.domain, List.of("away-" + target)).orThrow();
        String body = "From: <" + sender + ">\r\nTo: <" + alias + ">\r\nSubject: " + marker + "\r\nMessage-ID: <"
                + marker + "@sink.test>\r\n\r\nforwarded on\r\n";
        sendToMx(sender, alias, body);

        List<String> filed = Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> filedFor(target), f -> !f.isEmpty());
        String srs = filed.get(0).split("\n")[0];
        assertThat(srs).matches("(?i)SRS0=[^=]{4}=[A-Z2-7]{2}=" + java.util.regex.Pattern.quote(SmtpSinkResource.DOMAIN)
                + "=orig-" + marker + "@" + java.util.regex.Pattern.quote(mail.domain));
        assertThat(filed.get(1)).startsWith("ARC-Seal: i=1; a=rsa-sha256; cv=none; d=" + mail.domain)
                .contains("\r\nARC-Message-Signature: i=1;").contains("\r\nARC-Authentication-Results: i=1;")
                .endsWith(body);
        assertThat(dkimpyArcVerifies(filed.get(1))).as("dkimpy validates our ARC set with the published key").isTrue();
        String local = Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> mail.inboxTexts(mail.bob).stream().filter(m -> m.contains(marker)).findFirst().orElse(null),
                        m -> m != null);
        assertThat(TestMail.returnPath(local)).isEqualTo("Return-Path: <" + sender + ">");
        assertThat(local).doesNotContain("ARC-Seal").contains("Authentication-Results: ");

        // a bounce to the SRS address is relayed to the sender it stands for, from <>
        String bounce = "From: MAILER-DAEMON@" + SmtpSinkResource.DOMAIN + "\r\nSubject: bounce " + marker
                + "\r\n\r\nundeliverable\r\n";
        sendToMx("", srs, bounce);
        List<String> returned = Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> filedFor(sender), f -> !f.isEmpty());
        assertThat(returned.get(0).split("\n", -1)[0]).as("the sink writes <> for the null sender").isEqualTo("<>");
        assertThat(returned.get(1)).contains("Subject: bounce " + marker);
        // anything but a bounce, or an address whose hash is wrong, is refused: no relay through SRS
        try (io.mailserver.testkit.client.LineClient c = io.mailserver.testkit.client.LineClient.connect("127.0.0.1", mxPort)) {
            c.expect("220 ");
            TestMail.ehlo(c, "relay.attempt.test");
            c.send("MAIL FROM:<spammer@elsewhere.test>").expect("250 ");
            c.send("RCPT TO:<" + srs + ">").expect("550 5.7.1 ");
            String forged = srs.substring(0, 5) + (srs.charAt(5) == 'A' ? 'B' : 'A') + srs.substring(6);
            c.send("RSET").expect("250 ");
            c.send("MAIL FROM:<>").expect("250 ");
            c.send("RCPT TO:<" + forged + ">").expect("550 5.1.1 ");
            // a bounce goes alone
            c.send("RCPT TO:<" + srs + ">").expect("250 ");
            c.send("RCPT TO:<" + mail.bob + ">").expect("452 4.5.3 ");
            c.send("RSET").expect("250 ");
            // mail claiming an author in the alias's own domain that DMARC did not pass here is not
            // forwarded: the SRS sender would make it pass DMARC at the destination. PowerDNS here is not
            // authoritative for the test's hosted domain, so its DMARC lookup fails for now and the
            // message is deferred (ForwardingRulesTest has the refusal for a domain that publishes nothing)
            c.send("MAIL FROM:<spoofer@elsewhere.test>").expect("250 ");
            c.send("RCPT TO:<" + marker + "-away@" + mail.domain + ">").expect("250 ");
            c.send("DATA").expect("354 ");
            c.sendRaw("From: <ceo@" + mail.domain + ">\r\nSubject: spoof " + marker + "\r\n\r\npay now\r\n.\r\n");
            c.expect("451 4.7.0 ");
        }

        // a forward the destination refuses: our report goes to the real sender, not to the SRS address
        String refusing = marker + "-r@" + mail.domain;
        String otherSender = "other-" + marker + "@" + SmtpSinkResource.DOMAIN;
        TestMail.admin().addAlias(refusing, List.of("reject-" + marker + "@" + SmtpSinkResource.DOMAIN)).orThrow();
        sendToMx(otherSender, refusing, "From: <" + otherSender + ">\r\nSubject: refused " + marker + "\r\n\r\nx\r\n");
        List<String> report = Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> filedFor(otherSender), f -> !f.isEmpty());
        assertThat(report.get(0).split("\n", -1)[0]).as("the sink writes <> for the null sender").isEqualTo("<>");
        assertThat(report.get(1)).contains("multipart/report").contains("Final-Recipient: rfc822; reject-" + marker)
                .contains("Original-Recipient: rfc822;" + refusing).contains("Subject: refused " + marker);
    }

    private void sendToMx(String sender, String recipient, String message) throws Exception {
        ExternalClients.runPython("/smtplib_send.py", message, "127.0.0.1", Integer.toString(mxPort),
                TestMail.certificate().toString(), sender, recipient);
    }

    /** dkimpy's ARC validation of the chain, with our domain's published key answering the lookups. */
    private static boolean dkimpyArcVerifies(String message) throws Exception {
        Dkimpy run = dkimpy("/dkimpy_arc_verify_record.py", message);
        assertThat(run.output()).as(run.output()).contains("RESULT pass");
        return run.passed();
    }

    private record Dkimpy(String output, boolean passed) {
    }

    /** Runs a dkimpy script from the test resources on {@code message}, our domain's published key its DNS. */
    private static Dkimpy dkimpy(String resource, String message) throws Exception {
        io.mailserver.localstack.admin.AdminClient.Response record = TestMail.admin().dkimRecord(mail.domain).orThrow();
        Path dir = java.nio.file.Files.createTempDirectory("dkimpy");
        // the record is base64 and "; ": plain JSON strings without escapes
        Path recordFile = java.nio.file.Files.writeString(dir.resolve("record.txt"), jsonField(record.body(), "record"));
        Path messageFile = java.nio.file.Files.write(dir.resolve("message.eml"), message.getBytes(StandardCharsets.ISO_8859_1));
        Path script = dir.resolve("script.py");
        try (InputStream in = OutboundDeliveryTest.class.getResourceAsStream(resource)) {
            java.nio.file.Files.write(script, in.readAllBytes());
        }
        Process python = new ProcessBuilder("/usr/bin/python3", script.toString(), recordFile.toString(), messageFile.toString())
                .redirectErrorStream(true).start();
        String out = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(python.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Dkimpy(out, python.exitValue() == 0);
    }

    @Test
    void consecutiveMessagesToOneServerShareASession() throws Exception {
        // SmtpSinkResource keeps sessions 10 s for the next message (mail.smtp.delivery.session-idle)
        TestMail sender = new TestMail();
        String marker = "reuse-" + UUID.randomUUID();
        Path dir = Path.of(spool.orElseThrow());
        List<OptionalInt> sessions = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String rcpt = "bob-" + i + "-" + marker + "@" + SmtpSinkResource.DOMAIN;
            sender.submitAsAlice(submissionPort, "Subject: " + marker + "\r\n\r\nmessage " + i + "\r\n",
                    List.<String[]>of(new String[] {rcpt, "250 2.1.5"}));
            sessions.add(Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                    .until(() -> SmtpSink.sessionOf(dir, rcpt), OptionalInt::isPresent));
        }
        assertThat(sessions).as("the sink's session of each message").containsOnly(sessions.get(0));
    }

    @Test
    void oneDomainGetsOneSessionAtATime() throws Exception {
        // SmtpSinkResource allows one attempt per domain at once. The burst is submitted at once and the
        // sink answers the data of slow-* a second late, so without the limit its sessions would overlap
        // there. A sender of its own: the burst does not eat into the hourly limit the other tests share.
        TestMail sender = new TestMail();
        String marker = "burst-" + UUID.randomUUID();
        List<String> recipients = IntStream.range(0, 4)
                .mapToObj(i -> "slow-" + i + "-" + marker + "@" + SmtpSinkResource.DOMAIN).toList();
        ExecutorService submitters = Executors.newFixedThreadPool(recipients.size());
        try {
            List<Future<?>> submissions = recipients.stream()
                    .<Future<?>>map(rcpt -> submitters.submit(() -> sender.submitAsAlice(submissionPort,
                            "Subject: " + marker + "\r\n\r\nburst\r\n", List.<String[]>of(new String[] {rcpt, "250 2.1.5"}))))
                    .toList();
            for (Future<?> submission : submissions) {
                submission.get(60, TimeUnit.SECONDS);
            }
        } finally {
            submitters.shutdownNow();
        }
        Path dir = Path.of(spool.orElseThrow());
        for (String rcpt : recipients) {
            OptionalInt sessions = Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .until(() -> SmtpSink.sessionsWhenFiled(dir, rcpt), OptionalInt::isPresent);
            assertThat(sessions.getAsInt()).as("sessions open to %s when %s was accepted", SmtpSinkResource.DOMAIN, rcpt)
                    .isEqualTo(1);
        }
    }

    @Test
    void mxLookupFindsTheNextHostAndNullMxOrMissingDomainsBounce() throws Exception {
        String marker = "mx-" + UUID.randomUUID();
        String dave = "dave-" + marker + "@mx.test";
        String erin = "erin-" + marker + "@nomx.test";
        String frank = "frank@nullmx.test";
        String gone = "gina@gone.mx.test";
        String body = "Subject: " + marker + "\r\n\r\nby MX\r\n";
        submitAsAlice(body, List.of(new String[] {dave, "250 2.1.5"}, new String[] {erin, "250 2.1.5"},
                new String[] {frank, "250 2.1.5"}, new String[] {gone, "250 2.1.5"}));
        // the first MX refuses connections: the second one (the sink) got it; no MX: the domain's own address
        for (String rcpt : List.of(dave, erin)) {
            List<String> filed = Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .until(() -> filedFor(rcpt), f -> !f.isEmpty());
            assertThat(filed.get(1)).as(rcpt).endsWith(body);
        }
        // one report per destination domain, each naming only its own recipient
        for (String[] expected : List.of(new String[] {frank, "5.1.10"}, new String[] {gone, "5.1.2"})) {
            String bounce = Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .until(() -> mail.inboxTexts(mail.alice).stream().filter(m -> m.contains("Undelivered Mail Returned")
                            && m.contains(marker) && m.contains("Final-Recipient: rfc822; " + expected[0])).findFirst()
                            .orElse(null), b -> b != null);
            assertThat(bounce).contains("Final-Recipient: rfc822; " + expected[0] + "\r\nAction: failed\r\nStatus: " + expected[1])
                    .doesNotContain("Final-Recipient: rfc822; " + dave);
        }
    }

    /**
     * MTA-STS end to end: the policies come from a real HTTPS server found through PowerDNS, the MX
     * hosts are aiosmtpd; only a host with a trusted certificate for its MX name and listed in an
     * enforced policy gets the mail, and the sender's delay notice says why the others did not.
     */
    @Test
    void mtaStsPoliciesAreEnforced() throws Exception {
        // an account of its own: the class's alice has used up much of her hourly recipient limit
        TestMail own = new TestMail();
        String marker = "sts-" + UUID.randomUUID();
        String secured = "ann-" + marker + "@sts.test";
        String testing = "tom-" + marker + "@testing.test";
        String wrongCertificate = "wes-" + marker + "@wrongcert.test";
        String unlisted = "una-" + marker + "@unlisted.test";
        String body = "Subject: " + marker + "\r\n\r\nunder MTA-STS\r\n";
        own.submitAsAlice(submissionPort, body, List.of(new String[] {secured, "250 2.1.5"}, new String[] {testing, "250 2.1.5"},
                new String[] {wrongCertificate, "250 2.1.5"}, new String[] {unlisted, "250 2.1.5"}));
        for (String rcpt : List.of(secured, testing)) {
            List<String> filed = Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .until(() -> filedFor(rcpt), f -> !f.isEmpty());
            assertThat(filed.get(0)).as(rcpt).isEqualTo(own.alice + "\nyes\n" + rcpt);
        }
        assertThat(notice(own, marker, "Final-Recipient: rfc822; " + wrongCertificate)).contains("Action: delayed")
                .contains("4.7.5 the certificate of mx.wrongcert.test is not trusted");
        assertThat(notice(own, marker, "Final-Recipient: rfc822; " + unlisted)).contains("Action: delayed")
                .contains("4.7.5 no MX host of unlisted.test is one its MTA-STS policy names");
        assertThat(filedFor(wrongCertificate)).isEmpty();
        assertThat(filedFor(unlisted)).isEmpty();
    }

    /**
     * REQUIRETLS (RFC 8689) from Python's smtplib: the message goes only over a verified connection to
     * an MX host authenticated by MTA-STS that takes the requirement on; a server without REQUIRETLS
     * and a domain without a policy bounce it, and the reports carry the header only. A message with
     * "TLS-Required: No" goes to a host that fails its domain's MTA-STS policy.
     */
    @Test
    void requireTlsAndTlsRequiredNo() throws Exception {
        TestMail own = new TestMail();
        String marker = "rtls-" + UUID.randomUUID();
        String secured = "ann-" + marker + "@sts.test";
        String without = "nora-" + marker + "@norequiretls.test";
        String noPolicy = "erin-" + marker + "@nomx.test";
        String body = "From: <" + own.alice + ">\r\nSubject: " + marker + "\r\n\r\nconfidential " + marker + "\r\n";
        String spec = "{\"mail_options\": [\"REQUIRETLS\"], \"rcpts\": [[\"" + secured + "\", [], 250], [\"" + without
                + "\", [], 250], [\"" + noPolicy + "\", [], 250]]}";
        assertThat(ExternalClients.runPython("/smtplib_dsn.py", body, "127.0.0.1", Integer.toString(submissionPort),
                TestMail.certificate().toString(), own.alice, TestMail.ALICE_PASSWORD, own.alice, spec)).contains("sent");
        List<String> filed = Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> filedFor(secured), f -> !f.isEmpty());
        assertThat(filed.get(0)).isEqualTo(own.alice + "\nyes REQUIRETLS\n" + secured);
        for (String[] expected : List.of(new String[] {without, "5.7.30"}, new String[] {noPolicy, "5.7.10"})) {
            String bounce = notice(own, marker, "Final-Recipient: rfc822; " + expected[0]);
            assertThat(bounce).contains("Action: failed\r\nStatus: " + expected[1])
                    .contains("Content-Type: text/rfc822-headers").contains("Subject: " + marker)
                    .doesNotContain("confidential");
        }

        String relaxed = "wes-" + marker + "@wrongcert.test";
        own.submitAsAlice(submissionPort, "TLS-Required: No\r\nSubject: " + marker + "\r\n\r\nno policy, please\r\n",
                List.<String[]>of(new String[] {relaxed, "250 2.1.5"}));
        assertThat(Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> filedFor(relaxed), f -> !f.isEmpty()).get(0)).isEqualTo(own.alice + "\nyes\n" + relaxed);
    }

    /**
     * DANE (RFC 7672) against a DNSSEC-signed PowerDNS zone: an MX host whose TLSA record matches the
     * certificate it presents takes mail, REQUIRETLS mail too, with no MTA-STS policy in sight; one
     * whose record matches nothing gets nothing unless the sender said "TLS-Required: No"; a domain
     * whose answers do not validate waits.
     */
    @Test
    void daneAuthenticatesMxHostsByTheirSignedTlsaRecords() throws Exception {
        TestMail own = new TestMail();
        String marker = "dane-" + UUID.randomUUID();
        String secured = "dan-" + marker + "@dane.test";
        String body = "From: <" + own.alice + ">\r\nSubject: " + marker + "\r\n\r\nfor DANE " + marker + "\r\n";
        String spec = "{\"mail_options\": [\"REQUIRETLS\"], \"rcpts\": [[\"" + secured + "\", [], 250]]}";
        assertThat(ExternalClients.runPython("/smtplib_dsn.py", body, "127.0.0.1", Integer.toString(submissionPort),
                TestMail.certificate().toString(), own.alice, TestMail.ALICE_PASSWORD, own.alice, spec)).contains("sent");
        assertThat(Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> filedFor(secured), f -> !f.isEmpty()).get(0)).isEqualTo(own.alice + "\nyes REQUIRETLS\n" + secured);

        String wrongKey = "wes-" + marker + "@wrongkey.dane.test";
        String bogus = "bob-" + marker + "@bogus.test";
        own.submitAsAlice(submissionPort, "Subject: " + marker + "\r\n\r\nunder DANE\r\n",
                List.of(new String[] {wrongKey, "250 2.1.5"}, new String[] {bogus, "250 2.1.5"}));
        assertThat(notice(own, marker, "Final-Recipient: rfc822; " + wrongKey)).contains("Action: delayed")
                .contains("4.7.5 no TLSA record matches the certificate, which DANE (the TLSA records of mx.wrongkey.dane.test)"
                        + " requires");
        assertThat(notice(own, marker, "Final-Recipient: rfc822; " + bogus)).contains("Action: delayed")
                .contains("4.4.3 DNS lookup for bogus.test failed: SERVFAIL");
        assertThat(filedFor(wrongKey)).isEmpty();
        assertThat(filedFor(bogus)).isEmpty();

        String relaxed = "rex-" + marker + "@wrongkey.dane.test";
        own.submitAsAlice(submissionPort, "TLS-Required: No\r\nSubject: " + marker + "\r\n\r\nno policy, please\r\n",
                List.<String[]>of(new String[] {relaxed, "250 2.1.5"}));
        assertThat(Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> filedFor(relaxed), f -> !f.isEmpty()).get(0)).isEqualTo(own.alice + "\nyes\n" + relaxed);
    }

    @Test
    void deliveryNoticesFollowEachRecipientsNotify() throws Exception {
        String marker = "dsn-" + UUID.randomUUID();
        String relayed = "bob-" + marker + "@" + SmtpSinkResource.DOMAIN;
        String later = "later-" + marker + "@" + SmtpSinkResource.DOMAIN;
        String never = "reject-" + marker + "@" + SmtpSinkResource.DOMAIN;
        String body = "From: <" + mail.alice + ">\r\nTo: <" + relayed + ">\r\nSubject: " + marker + "\r\n\r\nnotices, please\r\n";
        String spec = "{\"bad_mail_options\": [[\"ENVID=a+0D+0AX-Injected:+20yes\", 501], [\"RET=NONE\", 501]],"
                + " \"mail_options\": [\"RET=HDRS\", \"ENVID=env+2Bid-" + marker + "\"],"
                + " \"rcpts\": [[\"" + relayed + "\", [\"NOTIFY=SUCCESS,FAILURE\", \"ORCPT=rfc822;first+2Bbob@remote.test\"], 250],"
                + " [\"" + later + "\", [\"NOTIFY=DELAY,FAILURE\", \"ORCPT=utf-8;first-l\\\\x{E4}ter@remote.test\"], 250],"
                + " [\"" + never + "\", [\"NOTIFY=NEVER\"], 250],"
                + " [\"" + mail.bob + "\", [\"NOTIFY=SUCCESS\"], 250],"
                + " [\"" + mail.bob + "\", [\"NOTIFY=NEVER,SUCCESS\"], 501],"
                + " [\"" + mail.bob + "\", [\"ORCPT=rfc822;x+0Ay\"], 501]]}";
        assertThat(ExternalClients.runPython("/smtplib_dsn.py", body, "127.0.0.1", Integer.toString(submissionPort),
                TestMail.certificate().toString(), mail.alice, TestMail.ALICE_PASSWORD, mail.alice, spec)).contains("sent");

        // bob here: delivered; bob at the sink (aiosmtpd offers no DSN): relayed, with the ORCPT decoded
        String delivered = notice(marker, "Action: delivered");
        assertThat(delivered).contains("Subject: Successful Mail Delivery Report")
                .contains("Final-Recipient: rfc822; " + mail.bob + "\r\nAction: delivered\r\nStatus: 2.0.0")
                .contains("Original-Envelope-Id: env+id-" + marker);
        String relay = notice(marker, "Action: relayed");
        assertThat(relay).contains("Original-Recipient: rfc822;first+bob@remote.test\r\nFinal-Recipient: rfc822; " + relayed
                + "\r\nAction: relayed\r\nStatus: 2.0.0\r\nDiagnostic-Code: smtp; 250 ");
        assertThat(filedFor(relayed)).isNotEmpty();

        // later-*: deferred at every attempt; one warning once the entry is older than delay-warning-after
        String delayed = notice(marker, "Action: delayed");
        MimeMessage report = new MimeMessage(Session.getInstance(new Properties()),
                new ByteArrayInputStream(delayed.getBytes(StandardCharsets.ISO_8859_1)));
        assertThat(report.getSubject()).isEqualTo("Delayed Mail (still being retried)");
        MimeMultipart parts = (MimeMultipart) report.getContent();
        assertThat(parts.getCount()).isEqualTo(3);
        assertThat(parts.getBodyPart(1).getContentType()).startsWith("message/delivery-status");
        // RET=HDRS and a report that is no failure: the original's header only
        assertThat(parts.getBodyPart(2).getContentType()).startsWith("text/rfc822-headers");
        // a UTF-8 ORCPT (RFC 6533) reported in its ASCII form
        assertThat(delayed).contains("Original-Recipient: utf-8;first-l\\x{E4}ter@remote.test\r\nFinal-Recipient: rfc822; " + later
                + "\r\nAction: delayed\r\nStatus: 4.3.0")
                .contains("Will-Retry-Until: ").doesNotContain("notices, please");
        // two more attempts follow (retry-base 1 s) without a second warning; NOTIFY=NEVER silenced the refusal
        double deferred = deferredOutcomes();
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> deferredOutcomes() >= deferred + 2);
        List<String> notices = mail.inboxTexts(mail.alice).stream().filter(m -> m.contains(marker) && m.contains("Return-Path: <>"))
                .toList();
        assertThat(notices.stream().filter(m -> m.contains("Action: delayed"))).hasSize(1);
        assertThat(notices).hasSize(3).noneMatch(m -> m.contains("Action: failed"));
    }

    @Test
    void aMessageThatNeedsSmtputf8IsNotSentToAServerWithoutIt() throws Exception {
        String marker = "utf8-" + UUID.randomUUID();
        String body = "From: <" + mail.alice + ">\r\nSubject: Grüße " + marker + "\r\n\r\nfür dich\r\n";
        String octets = new String(body.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
        // aiosmtpd, as configured, offers no SMTPUTF8: no downgrade, the sender is told (RFC 6531 §3.2)
        String spec = "{\"mail_options\": [\"SMTPUTF8\"], \"rcpts\": [[\"b\\u00f6-" + marker + "@" + SmtpSinkResource.DOMAIN
                + "\", [], 250]]}";
        assertThat(ExternalClients.runPython("/smtplib_dsn.py", octets, "127.0.0.1", Integer.toString(submissionPort),
                TestMail.certificate().toString(), mail.alice, TestMail.ALICE_PASSWORD, mail.alice, spec)).contains("sent");
        String bounce = notice(marker, "Action: failed");
        String utf8Recipient = new String(("bö-" + marker + "@" + SmtpSinkResource.DOMAIN).getBytes(StandardCharsets.UTF_8),
                StandardCharsets.ISO_8859_1);
        // RFC 6533: the report that quotes a UTF-8 address is a global one
        assertThat(bounce).contains("Content-Type: message/global-delivery-status")
                .contains("Final-Recipient: utf-8; " + utf8Recipient + "\r\nAction: failed\r\nStatus: 5.6.7")
                .contains("Content-Type: message/global\r\n");
        assertThat(filedFor("-" + marker + "@" + SmtpSinkResource.DOMAIN)).isEmpty();
    }

    /** Deferred recipient outcomes so far, as the worker counts them. */
    private static double deferredOutcomes() {
        return io.restassured.RestAssured.get("/q/metrics").asString().lines()
                .filter(l -> l.startsWith("smtp_outbound_recipients_total{") && l.contains("outcome=\"deferred\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    /** The report to alice about the message with {@code marker} that contains {@code text}. */
    private static String notice(String marker, String text) {
        return notice(mail, marker, text);
    }

    private static String notice(TestMail mail, String marker, String text) {
        return Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> mail.inboxTexts(mail.alice).stream().filter(m -> m.contains(marker) && m.contains(text))
                        .findFirst().orElse(null), m -> m != null);
    }

    /**
     * Whether dkimpy (Debian's python3-dkim, not our code) verifies the message's signature against the
     * TXT record the admin API says to publish for alice's domain.
     */
    private static boolean dkimpyVerifies(String message) throws Exception {
        String name = jsonField(TestMail.admin().dkimRecord(mail.domain).orThrow().body(), "name");
        Dkimpy run = dkimpy("/dkimpy_verify.py", message);
        assertThat(run.output()).as(run.output()).contains("LOOKUP " + name + ".");
        return run.passed();
    }

    private static String jsonField(String json, String field) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"" + field + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
        assertThat(m.find()).as(field + " in " + json).isTrue();
        return m.group(1);
    }
}
