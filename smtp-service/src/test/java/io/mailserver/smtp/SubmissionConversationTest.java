package io.mailserver.smtp;

import static io.mailserver.smtp.TestMail.ehlo;
import static org.assertj.core.api.Assertions.assertThat;

import io.mailserver.localstack.admin.AdminClient;
import io.mailserver.testkit.client.LineClient;
import io.mailserver.testkit.quarkus.PeerServicesResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Submission (RFC 6409) with AUTH (RFC 4954) on 587 after STARTTLS and on 465, as C:/S: scripts with a
 * raw line client, against real auth-service and storage-service. Postmaster handling (RFC 5321
 * §4.5.1) is here too, since it is the other rule about who may be addressed.
 */
@QuarkusTest
@QuarkusTestResource(PeerServicesResource.class)
@QuarkusTestResource(SmtpPortsResource.class)
class SubmissionConversationTest {

    private static final String HOST = "mail.test.local";
    private static TestMail mail;
    private static String soloAlias;
    private static String groupAlias;

    @ConfigProperty(name = "mail.smtp.mx.port")
    int mxPort;

    @ConfigProperty(name = "mail.smtp.submission.port")
    int submissionPort;

    @ConfigProperty(name = "mail.smtp.submissions.port")
    int submissionsPort;

    @BeforeAll
    static void accounts() {
        mail = new TestMail();
        AdminClient admin = TestMail.admin();
        soloAlias = "sales@" + mail.domain;
        groupAlias = "team@" + mail.domain;
        admin.addAlias(soloAlias, List.of(mail.alice)).orThrow();
        admin.addAlias(groupAlias, List.of(mail.alice, mail.bob)).orThrow();
        // another test class may have made them already: the configured postmaster's mailbox
        admin.addDomain("operators.test");
        admin.addAccount(SmtpPortsResource.POSTMASTER, "postmaster-password-1");
    }

    private static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Port 587 after STARTTLS and the second EHLO, whose reply is returned. */
    private LineClient submission() {
        LineClient c = LineClient.connect("127.0.0.1", submissionPort);
        c.expect("220 " + HOST + " ESMTP ready");
        ehlo(c, "submit.client.test");
        c.send("STARTTLS").expect("220 2.0.0");
        c.startTls(TestMail.trust());
        assertThat(ehlo(c, "submit.client.test")).contains("250 AUTH PLAIN LOGIN").noneMatch(l -> l.contains("STARTTLS"));
        return c;
    }

    private LineClient loggedInAsAlice() {
        LineClient c = submission();
        c.send("AUTH PLAIN " + TestMail.plain(mail.alice, TestMail.ALICE_PASSWORD)).expect("235 2.7.0");
        return c;
    }

    private List<String> storedWith(String address, String marker) {
        return mail.inboxTexts(address).stream().filter(m -> m.contains(marker)).toList();
    }

    @Test
    void beforeTlsThereIsNoAuthAndNoTransaction() {
        try (LineClient c = LineClient.connect("127.0.0.1", submissionPort)) {
            c.expect("220 ");
            assertThat(ehlo(c, "submit.client.test")).contains("250 STARTTLS").noneMatch(l -> l.contains("AUTH"));
            // RFC 6409 §4.3 and RFC 4954 §6: no mail without AUTH, no AUTH in the clear
            c.send("MAIL FROM:<" + mail.alice + ">").expect("530 5.7.0 Authentication required");
            c.send("AUTH PLAIN " + TestMail.plain(mail.alice, TestMail.ALICE_PASSWORD)).expect("538 5.7.11 ");
            c.send("NOOP").expect("250 ");
        }
    }

    @Test
    void authPlainThenSubmitToALocalUser() {
        String marker = "sub-" + UUID.randomUUID();
        try (LineClient c = loggedInAsAlice()) {
            c.send("AUTH PLAIN " + TestMail.plain(mail.alice, TestMail.ALICE_PASSWORD)).expect("503 5.5.1 Already authenticated");
            // the login survives a new EHLO and RSET
            ehlo(c, "submit.client.test");
            c.send("RSET").expect("250 ");
            c.send("MAIL FROM:<" + mail.alice + ">").expect("250 2.1.0");
            c.send("AUTH LOGIN").expect("503 5.5.1 AUTH not permitted during a mail transaction");
            c.send("RCPT TO:<" + mail.bob + ">").expect("250 2.1.5");
            c.send("DATA").expect("354 ");
            c.sendRaw("From: <" + mail.alice + ">\r\nSubject: " + marker + "\r\n\r\nsubmitted\r\n.\r\n");
            c.expect("250 2.0.0 ");
        }
        List<String> stored = storedWith(mail.bob, marker);
        assertThat(stored).hasSize(1);
        assertThat(TestMail.returnPath(stored.get(0))).isEqualTo("Return-Path: <" + mail.alice + ">");
        // RFC 3848: authenticated over TLS
        assertThat(TestMail.receivedHeader(stored.get(0))).contains(" with ESMTPSA id ");
    }

    @Test
    void authLoginStepByStepCancelAndMalformedResponses() {
        try (LineClient c = submission()) {
            c.send("AUTH LOGIN").expect("334 VXNlcm5hbWU6");
            c.send(b64(mail.alice)).expect("334 UGFzc3dvcmQ6");
            c.send("*").expect("501 5.0.0 Authentication cancelled");
            c.send("AUTH PLAIN").expect("334 ");
            c.send("this is not base64!").expect("501 5.5.2 ");
            c.send("AUTH PLAIN").expect("334 ");
            c.send(b64("only-one-part")).expect("501 5.5.2 Malformed PLAIN response");
            c.send("AUTH CRAM-MD5").expect("504 5.5.4 ");
            // an answer over the line limit ends the exchange; the session goes on (RFC 4954 §6)
            c.send("AUTH PLAIN").expect("334 ");
            c.send("A".repeat(20_000)).expect("500 5.5.6 ");
            c.send("NOOP").expect("250 ");
            // a long but allowed response (RFC 4954 asks for 12288 octets) is read whole
            c.send("AUTH PLAIN").expect("334 ");
            c.send(TestMail.plain(mail.alice, "x".repeat(8000))).expect("535 5.7.8 ");
            c.send("AUTH LOGIN " + b64(mail.alice)).expect("334 UGFzc3dvcmQ6");
            c.send(b64(TestMail.ALICE_PASSWORD)).expect("235 2.7.0 ");
            c.send("MAIL FROM:<" + mail.alice + ">").expect("250 2.1.0");
        }
    }

    @Test
    void wrongPasswordAndUnknownUserGetTheSameAnswer() {
        try (LineClient c = submission()) {
            String wrong = c.send("AUTH PLAIN " + TestMail.plain(mail.alice, "not-the-password")).expect("535 5.7.8 ");
            String unknown = c.send("AUTH PLAIN " + TestMail.plain("nobody@" + mail.domain, "not-the-password")).expect("535 5.7.8 ");
            assertThat(unknown).isEqualTo(wrong);
            c.send("AUTH PLAIN " + b64("bob@x\0" + mail.alice + "\0" + TestMail.ALICE_PASSWORD)).expect("535 5.7.8 ");
            c.send("MAIL FROM:<" + mail.alice + ">").expect("530 5.7.0 ");
        }
    }

    @Test
    void theEnvelopeSenderMustBeTheAccountsOwn() {
        try (LineClient c = loggedInAsAlice()) {
            c.send("MAIL FROM:<" + mail.bob + ">").expect("553 5.7.1 <" + mail.bob + ">: Sender address rejected");
            c.send("MAIL FROM:<" + groupAlias + ">").expect("553 5.7.1 ");
            c.send("MAIL FROM:<ceo@foreign.example>").expect("553 5.7.1 ");
            c.send("MAIL FROM:<nobody@" + mail.domain + ">").expect("553 5.7.1 ");
            c.send("MAIL FROM:<" + mail.alice.replace("@", "+news@") + ">").expect("250 2.1.0");
            c.send("RSET").expect("250 ");
            c.send("MAIL FROM:<" + soloAlias.toUpperCase() + ">").expect("250 2.1.0");
            // no route to that domain (MX lookup is not built): refused for good rather than queued for nothing
            c.send("RCPT TO:<someone@foreign.example>").expect("550 5.7.1 ");
            c.send("RSET").expect("250 ");
            // read receipts go out with the null sender (RFC 8098 §2.1)
            c.send("MAIL FROM:<>").expect("250 2.1.0");
        }
    }

    @Test
    void implicitTlsOnPort465() {
        String marker = "465-" + UUID.randomUUID();
        try (LineClient c = LineClient.connectTls("127.0.0.1", submissionsPort, TestMail.trust())) {
            c.expect("220 " + HOST + " ESMTP ready");
            assertThat(ehlo(c, "tls.client.test")).contains("250 AUTH PLAIN LOGIN").noneMatch(l -> l.contains("STARTTLS"));
            c.send("MAIL FROM:<" + mail.bob + ">").expect("530 5.7.0 ");
            c.send("AUTH PLAIN " + TestMail.plain(mail.bob, TestMail.BOB_PASSWORD)).expect("235 2.7.0 ");
            c.send("MAIL FROM:<" + mail.bob + ">").expect("250 2.1.0");
            c.send("RCPT TO:<" + mail.alice + ">").expect("250 2.1.5");
            c.send("DATA").expect("354 ");
            c.sendRaw("Subject: " + marker + "\r\n\r\nhi\r\n.\r\n");
            c.expect("250 2.0.0 ");
        }
        assertThat(TestMail.receivedHeader(storedWith(mail.alice, marker).get(0))).contains(" with ESMTPSA id ");
    }

    @Test
    void theMxOffersNoAuthAndHeloSessionsCannotUseIt() {
        try (LineClient c = LineClient.connect("127.0.0.1", mxPort)) {
            c.expect("220 ");
            assertThat(ehlo(c, "mx.client.test")).noneMatch(l -> l.contains("AUTH"));
            c.send("AUTH PLAIN " + TestMail.plain(mail.alice, TestMail.ALICE_PASSWORD)).expect("502 5.5.1 ");
        }
        try (LineClient c = LineClient.connectTls("127.0.0.1", submissionsPort, TestMail.trust())) {
            c.expect("220 ");
            c.send("HELO old.client.test").expect("250 ");
            c.send("AUTH PLAIN " + TestMail.plain(mail.alice, TestMail.ALICE_PASSWORD)).expect("503 5.5.1 Send EHLO first");
        }
    }

    @Test
    void postmasterIsAlwaysAcceptedAndReachesTheOperator() {
        String marker = "pm-" + UUID.randomUUID();
        try (LineClient c = LineClient.connect("127.0.0.1", mxPort)) {
            c.expect("220 ");
            ehlo(c, "mx.client.test");
            c.send("MAIL FROM:<reporter@remote.example>").expect("250 2.1.0");
            c.send("RCPT TO:<Postmaster>").expect("250 2.1.5");
            c.send("RCPT TO:<POSTMASTER@" + mail.domain + ">").expect("250 2.1.5");
            // only hosted domains: postmaster of a foreign domain is still relaying
            c.send("RCPT TO:<postmaster@foreign.example>").expect("554 5.7.1 ");
            c.send("DATA").expect("354 ");
            c.sendRaw("Subject: " + marker + "\r\n\r\nabuse report\r\n.\r\n");
            c.expect("250 2.0.0 ");
        }
        // both addresses reach one mailbox: one copy
        List<String> stored = mail.inboxTexts(SmtpPortsResource.POSTMASTER).stream().filter(m -> m.contains(marker)).toList();
        assertThat(stored).hasSize(1);
    }

    /** Logs in as a new account of the test domain on port 465. */
    private LineClient loggedInAs(String address, String password) {
        LineClient c = LineClient.connectTls("127.0.0.1", submissionsPort, TestMail.trust());
        c.expect("220 ");
        ehlo(c, "limits.client.test");
        c.send("AUTH PLAIN " + TestMail.plain(address, password)).expect("235 ");
        return c;
    }

    private static void submit(LineClient c, String from, List<String> to) {
        c.send("MAIL FROM:<" + from + ">").expect("250 ");
        for (String rcpt : to) {
            c.send("RCPT TO:<" + rcpt + ">").expect("250 ");
        }
        c.send("DATA").expect("354 ");
        c.sendRaw("Subject: limits\r\n\r\ncounted\r\n.\r\n");
        c.expect("250 2.0.0 ");
    }

    @Test
    void hourlySendingLimitsHoldPerAccount() {
        String carol = "carol@" + mail.domain;
        String dave = "dave@" + mail.domain;
        TestMail.admin().addAccount(carol, "carol-password-1").orThrow();
        TestMail.admin().addAccount(dave, "dave-password-12").orThrow();
        try (LineClient c = loggedInAs(carol, "carol-password-1")) {
            for (int i = 0; i < SmtpPortsResource.MESSAGES_PER_HOUR; i++) {
                submit(c, carol, List.of(mail.alice));
            }
            c.send("MAIL FROM:<" + carol + ">").expect("450 4.7.1 Sending limit reached");
        }
        // counted by storage, so a new connection (or another instance) sees the same count
        try (LineClient c = loggedInAs(carol, "carol-password-1")) {
            c.send("MAIL FROM:<" + carol + ">").expect("450 4.7.1 ");
        }
        try (LineClient c = loggedInAs(dave, "dave-password-12")) {
            int each = 2;
            int messages = (SmtpPortsResource.RECIPIENTS_PER_HOUR - each) / each;
            for (int i = 0; i < messages; i++) {
                submit(c, dave, List.of(mail.alice, mail.bob));
            }
            // what is left of the hour's recipients goes, the next one waits
            c.send("MAIL FROM:<" + dave + ">").expect("250 ");
            c.send("RCPT TO:<" + mail.alice + ">").expect("250 ");
            c.send("RCPT TO:<" + mail.bob + ">").expect("250 ");
            c.send("RCPT TO:<" + SmtpPortsResource.POSTMASTER + ">").expect("450 4.7.1 Sending limit reached");
        }
    }
}
