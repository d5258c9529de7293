package io.mailserver.smtp;

import static io.mailserver.smtp.TestMail.ehlo;
import static io.mailserver.smtp.TestMail.reply;
import static org.assertj.core.api.Assertions.assertThat;

import io.mailserver.localstack.admin.AdminClient;
import io.mailserver.testkit.client.LineClient;
import io.mailserver.testkit.quarkus.PeerServicesResource;
import io.mailserver.testkit.quarkus.SharedSystem;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Conversations with the MX listener, written as C:/S: scripts with a raw line client. */
@QuarkusTest
@QuarkusTestResource(PeerServicesResource.class)
@QuarkusTestResource(SmtpPortsResource.class)
class MxConversationTest {

    private static final String HOST = "mail.test.local";
    private static TestMail mail;

    @ConfigProperty(name = "mail.smtp.mx.port")
    int mxPort;

    @BeforeAll
    static void accounts() {
        mail = new TestMail();
    }

    private LineClient connect() {
        LineClient client = LineClient.connect("127.0.0.1", mxPort);
        client.expect("220 " + HOST + " ESMTP ready");
        return client;
    }

    private static String marker() {
        return "m-" + UUID.randomUUID();
    }

    /** MAIL, RCPTs (all expected to be accepted), DATA and the given dot-stuffed data; returns the final reply. */
    private static String send(LineClient c, String from, List<String> recipients, String wireData) {
        c.send("MAIL FROM:<" + from + ">").expect("250 2.1.0");
        for (String recipient : recipients) {
            c.send("RCPT TO:<" + recipient + ">").expect("250 2.1.5");
        }
        c.send("DATA").expect("354 ");
        c.sendRaw(wireData);
        return c.readLine();
    }

    private List<String> storedWith(String address, String marker) {
        return mail.inboxTexts(address).stream().filter(m -> m.contains(marker)).toList();
    }

    /** Text as the wire carries it in UTF-8, one char per octet (LineClient sends chars as octets). */
    private static String utf8(String text) {
        return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }

    @Test
    void utf8AddressesAndHeaderFieldsWithSmtputf8() {
        String marker = marker();
        String message = utf8("From: Jörg <jörg@müller.example>\r\nTo: " + mail.alice + "\r\nSubject: Grüße " + marker
                + "\r\n\r\nHallo, schöne Grüße.\r\n");
        try (LineClient c = connect()) {
            ehlo(c, "utf8.client.test");
            // without SMTPUTF8 on MAIL, a UTF-8 address is refused (RFC 6531 §3.7.4.1)
            c.send(utf8("MAIL FROM:<jörg@müller.example>")).expect("553 5.6.7");
            c.send("MAIL FROM:<x@remote.example>").expect("250 2.1.0");
            c.send(utf8("RCPT TO:<jörg@" + mail.domain + ">")).expect("553 5.6.7");
            c.send("RSET").expect("250 ");
            c.send(utf8("MAIL FROM:<jörg@müller.example> SMTPUTF8")).expect("250 2.1.0");
            // a UTF-8 local part nobody has is an unknown user like any other
            c.send(utf8("RCPT TO:<jörg@" + mail.domain + ">")).expect("550 5.1.1");
            c.send("RCPT TO:<" + mail.alice + ">").expect("250 2.1.5");
            c.send("DATA").expect("354 ");
            c.sendRaw(message + ".\r\n");
            c.expect("250 2.0.0 ");
        }
        List<String> stored = storedWith(mail.alice, marker);
        assertThat(stored).hasSize(1);
        // stored intact, the sender's domain in its A-label form, the transaction recorded as UTF8SMTP (RFC 6531 §3.7.3)
        assertThat(TestMail.returnPath(stored.get(0))).isEqualTo(utf8("Return-Path: <jörg@xn--mller-kva.example>"));
        assertThat(TestMail.receivedHeader(stored.get(0))).contains(" with UTF8SMTP id ");
        assertThat(TestMail.withoutTraceHeaders(stored.get(0))).isEqualTo(message);
    }

    @Test
    void aMessageThatWentRoundTooOftenIsRefusedAsALoop() {
        String marker = marker();
        // RFC 5321 §6.3: forwarding can loop; each pass adds a Received field, 100 of them end it
        String looped = "Received: from a.example by b.example; Thu, 3 Dec 2026 10:00:00 +0000\r\n".repeat(100)
                + "Subject: " + marker + "\r\n\r\nround and round\r\n";
        String fine = "Received: from a.example by b.example; Thu, 3 Dec 2026 10:00:00 +0000\r\n".repeat(99)
                + "Subject: " + marker + "\r\n\r\nonce more\r\n";
        try (LineClient c = connect()) {
            ehlo(c, "loop.client.test");
            assertThat(send(c, "sender@remote.example", List.of(mail.alice), looped + ".\r\n")).startsWith("554 5.4.6 ");
            assertThat(send(c, "sender@remote.example", List.of(mail.alice), fine + ".\r\n")).startsWith("250 2.0.0 ");
        }
        assertThat(storedWith(mail.alice, marker)).hasSize(1);
    }

    @Test
    void greetingAndEhloKeywords() {
        try (LineClient c = connect()) {
            List<String> lines = ehlo(c, "lineclient.test");
            assertThat(lines).containsExactly("250-" + HOST + " Hello lineclient.test", "250-PIPELINING",
                    "250-SIZE " + SmtpPortsResource.MAX_MESSAGE_SIZE, "250-8BITMIME", "250-ENHANCEDSTATUSCODES", "250-CHUNKING", "250-DSN",
                    "250-SMTPUTF8",
                    "250 STARTTLS");
            c.send("HELO old.client.test").expect("250 " + HOST);
            c.send("QUIT").expect("221 2.0.0");
            assertThat(c.closedByServer()).isTrue();
        }
    }

    @Test
    void aClientTalkingBeforeTheGreetingIsTurnedAway() {
        try (LineClient c = LineClient.connect("127.0.0.1", mxPort)) {
            // spamware does not wait for the 220 (RFC 5321 3.1); the MX holds its greeting back a little
            c.send("EHLO early.talker.test");
            assertThat(c.readLine()).startsWith("554 5.5.1 ");
            assertThat(c.closedByServer()).isTrue();
        }
        // one that waits is greeted after the delay and served as usual
        long started = System.nanoTime();
        try (LineClient c = connect()) {
            assertThat(java.time.Duration.ofNanos(System.nanoTime() - started))
                    .isGreaterThanOrEqualTo(java.time.Duration.ofMillis(SmtpPortsResource.MX_GREETING_DELAY_MILLIS));
            ehlo(c, "patient.client.test");
            c.send("QUIT").expect("221 ");
        }
    }

    @Test
    void messageIsStoredByteForByteUnderAReceivedHeader() {
        String marker = marker();
        String message = "From: <sender@remote.example>\r\nTo: <" + mail.alice + ">\r\nSubject: " + marker + "\r\n\r\n"
                + "Hello Alice,\r\n.leading dot\r\n..two dots\r\n\r\n8-bit: \u00e9t\u00e9\r\n";
        String wire = message.replace("\r\n.", "\r\n..") + ".\r\n";
        try (LineClient c = connect()) {
            ehlo(c, "lineclient.test");
            String finalReply = send(c, "sender@remote.example", List.of(mail.alice), wire);
            assertThat(finalReply).startsWith("250 2.0.0 Ok: queued as ");
            String id = finalReply.substring("250 2.0.0 Ok: queued as ".length());
            List<String> stored = storedWith(mail.alice, marker);
            assertThat(stored).hasSize(1);
            assertThat(TestMail.withoutTraceHeaders(stored.get(0))).isEqualTo(message);
            // RFC 5321 §4.4: final delivery records the envelope sender on top
            assertThat(TestMail.returnPath(stored.get(0))).isEqualTo("Return-Path: <sender@remote.example>");
            assertThat(TestMail.receivedHeader(stored.get(0))).matches(
                    "Received: from lineclient\\.test \\(127\\.0\\.0\\.1 \\[127\\.0\\.0\\.1]\\) by " + HOST.replace(".", "\\.")
                            + " with ESMTP id " + id + " for <" + mail.alice.replace(".", "\\.")
                            + ">; \\w{3}, \\d{1,2} \\w{3} \\d{4} \\d\\d:\\d\\d:\\d\\d [+-]\\d{4}");
            c.send("QUIT").expect("221 ");
        }
    }

    @Test
    void nullSenderAndTwoRecipients() {
        String marker = marker();
        try (LineClient c = connect()) {
            ehlo(c, "lineclient.test");
            String finalReply = send(c, "", List.of(mail.alice, mail.bob), "Subject: " + marker + "\r\n\r\nbounce\r\n.\r\n");
            assertThat(finalReply).startsWith("250 2.0.0 ");
        }
        assertThat(storedWith(mail.alice, marker)).hasSize(1);
        assertThat(storedWith(mail.bob, marker)).hasSize(1);
        // Two recipients: the Received header names neither (RFC 5321 §7.2).
        assertThat(TestMail.receivedHeader(storedWith(mail.bob, marker).get(0))).doesNotContain(" for <");
    }

    @Test
    void accountReachedDirectlyAndThroughAnAliasGetsOneCopy() {
        String team = "team@" + mail.domain;
        new AdminClient(SharedSystem.get().adminUrl(), SharedSystem.ADMIN_TOKEN)
                .addAlias(team, List.of(mail.alice, mail.bob)).orThrow();
        String marker = marker();
        try (LineClient c = connect()) {
            ehlo(c, "lineclient.test");
            assertThat(send(c, "x@remote.example", List.of(mail.alice, team), "Subject: " + marker + "\r\n\r\nhi\r\n.\r\n"))
                    .startsWith("250 2.0.0 ");
        }
        assertThat(storedWith(mail.alice, marker)).hasSize(1);
        assertThat(storedWith(mail.bob, marker)).hasSize(1);
    }

    @Test
    void aFullMailboxIsRefusedAtRcpt() {
        TestMail own = new TestMail();
        try (LineClient c = connect()) {
            ehlo(c, "lineclient.test");
            assertThat(send(c, "x@remote.example", List.of(own.alice), "Subject: first\r\n\r\nhi\r\n.\r\n"))
                    .startsWith("250 2.0.0 ");
        }
        own.limitMessages(own.alice, 1);
        // the answer "room" from before the limit is kept up to mail.smtp.recipient-cache.ttl (5 s)
        Awaitility.await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            try (LineClient c = connect()) {
                ehlo(c, "lineclient.test");
                c.send("MAIL FROM:<x@remote.example>").expect("250 2.1.0");
                String line = c.send("RCPT TO:<" + own.alice + ">").readLine();
                assertThat(line).startsWith("552 5.2.2 ").contains(own.alice).contains("Mailbox full");
                // another recipient of the same transaction is not affected
                c.send("RCPT TO:<" + own.bob + ">").expect("250 2.1.5");
            }
        });
    }

    /** Only addresses found hosted are kept (mail.smtp.recipient-cache): a refusal is asked again. */
    @Test
    void anAccountMadeAfterARefusalTakesMailAtOnce() {
        String carol = "carol-" + UUID.randomUUID().toString().substring(0, 8) + "@" + mail.domain;
        try (LineClient c = connect()) {
            ehlo(c, "lineclient.test");
            c.send("MAIL FROM:<x@remote.example>").expect("250 2.1.0");
            c.send("RCPT TO:<" + carol + ">").expect("550 5.1.1 ");
            TestMail.admin().addAccount(carol, "carol-password-1").orThrow();
            c.send("RCPT TO:<" + carol + ">").expect("250 2.1.5");
        }
    }

    /**
     * A removed account's kept answer runs out within mail.smtp.recipient-cache.ttl (5 s); its
     * sub-addresses were never kept, so they are refused at once.
     */
    @Test
    void aRemovedAccountIsRefusedOnceItsKeptAnswerRunsOut() {
        String local = "dave-" + UUID.randomUUID().toString().substring(0, 8);
        String dave = local + "@" + mail.domain;
        String tagged = local + "+news@" + mail.domain;
        TestMail.admin().addAccount(dave, "dave-password-12").orThrow();
        try (LineClient c = connect()) {
            ehlo(c, "lineclient.test");
            c.send("MAIL FROM:<x@remote.example>").expect("250 2.1.0");
            c.send("RCPT TO:<" + dave + ">").expect("250 2.1.5");
            c.send("RCPT TO:<" + tagged + ">").expect("250 2.1.5");
        }
        TestMail.admin().deleteAccount(dave).orThrow();
        try (LineClient c = connect()) {
            ehlo(c, "lineclient.test");
            c.send("MAIL FROM:<x@remote.example>").expect("250 2.1.0");
            c.send("RCPT TO:<" + tagged + ">").expect("550 5.1.1 ");
        }
        Awaitility.await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            try (LineClient c = connect()) {
                ehlo(c, "lineclient.test");
                c.send("MAIL FROM:<x@remote.example>").expect("250 2.1.0");
                assertThat(c.send("RCPT TO:<" + dave + ">").readLine()).startsWith("550 5.1.1 ");
            }
        });
    }

    @Test
    void unknownLocalRecipientIsRefused() {
        try (LineClient c = connect()) {
            ehlo(c, "lineclient.test");
            c.send("MAIL FROM:<x@remote.example>").expect("250 2.1.0");
            String line = c.send("RCPT TO:<nobody@" + mail.domain + ">").expect("550 5.1.1 ");
            assertThat(line).contains("nobody@" + mail.domain).contains("user unknown");
        }
    }

    @Test
    void foreignDomainIsRelayDeniedOnMx() {
        try (LineClient c = connect()) {
            ehlo(c, "lineclient.test");
            c.send("MAIL FROM:<x@remote.example>").expect("250 2.1.0");
            String line = c.send("RCPT TO:<someone@foreign.example>").expect("554 5.7.1 ");
            assertThat(line).contains("relaying denied");
            // The transaction goes on with the recipients that were accepted.
            c.send("RCPT TO:<" + mail.alice + ">").expect("250 2.1.5");
        }
    }

    /** Bare LF and bare CR are stored as CRLF (mail.smtp.bare-line-endings=normalize, the default). */
    @Test
    void bareLineBreaksNeverEndTheMessageAndAreStoredAsCrlf() {
        String marker = marker();
        String body = "Subject: " + marker + "\r\n\r\none\n.\r\ntwo\r.\r\nthree\n.\nfour\r\n";
        try (LineClient c = connect()) {
            ehlo(c, "lineclient.test");
            assertThat(send(c, "x@remote.example", List.of(mail.alice), body + ".\r\n")).startsWith("250 2.0.0 ");
            c.send("NOOP").expect("250 2.0.0");
        }
        List<String> stored = storedWith(mail.alice, marker);
        assertThat(stored).hasSize(1);
        assertThat(TestMail.withoutTraceHeaders(stored.get(0)))
                .isEqualTo("Subject: " + marker + "\r\n\r\none\r\n.\r\ntwo\r\n.\r\nthree\r\n.\r\nfour\r\n");
    }

    @Test
    void smugglingPayloadStaysInsideOneMessage() {
        String marker = marker();
        String body = "Subject: " + marker + "\r\n\r\nfirst\n.\r\nMAIL FROM:<admin@" + mail.domain + ">\r\nRCPT TO:<" + mail.bob
                + ">\r\nDATA\r\nSubject: smuggled " + marker + "\r\n\r\nsmuggled\r\n";
        try (LineClient c = connect()) {
            ehlo(c, "lineclient.test");
            // Everything in one write, as an attacker's server would send it.
            c.sendRaw("MAIL FROM:<x@remote.example>\r\nRCPT TO:<" + mail.alice + ">\r\nDATA\r\n");
            c.expect("250 2.1.0");
            c.expect("250 2.1.5");
            c.expect("354 ");
            c.sendRaw(body + ".\r\nNOOP\r\n");
            c.expect("250 2.0.0 Ok: queued as ");
            c.expect("250 2.0.0 Ok");
        }
        List<String> stored = storedWith(mail.alice, marker);
        assertThat(stored).hasSize(1);
        assertThat(TestMail.withoutTraceHeaders(stored.get(0))).isEqualTo(body.replace("first\n", "first\r\n"));
        assertThat(storedWith(mail.bob, marker)).isEmpty();
    }

    @Test
    void pipelinedCommandsAreAnsweredInOrder() {
        String marker = marker();
        try (LineClient c = connect()) {
            c.sendRaw("EHLO pipeline.test\r\nMAIL FROM:<x@remote.example> SIZE=100 BODY=8BITMIME\r\nRCPT TO:<" + mail.alice
                    + ">\r\nRCPT TO:<nobody@" + mail.domain + ">\r\nRCPT TO:<" + mail.bob + ">\r\nDATA\r\n");
            assertThat(reply(c).get(0)).isEqualTo("250-" + HOST + " Hello pipeline.test");
            c.expect("250 2.1.0");
            c.expect("250 2.1.5");
            c.expect("550 5.1.1");
            c.expect("250 2.1.5");
            c.expect("354 ");
            c.sendRaw("Subject: " + marker + "\r\n\r\nbody\r\n.\r\nRSET\r\nNOOP\r\nQUIT\r\n");
            c.expect("250 2.0.0 Ok: queued as ");
            c.expect("250 2.0.0");
            c.expect("250 2.0.0");
            c.expect("221 2.0.0");
        }
        assertThat(storedWith(mail.alice, marker)).hasSize(1);
        assertThat(storedWith(mail.bob, marker)).hasSize(1);
    }

    @Test
    void requireTlsIsOfferedAndTakenOnlyUnderTls() {
        try (LineClient c = connect()) {
            assertThat(ehlo(c, "lineclient.test")).noneMatch(l -> l.contains("REQUIRETLS"));
            // RFC 8689: a message that asks for TLS all the way must not have come in the clear
            c.send("MAIL FROM:<x@remote.example> REQUIRETLS").expect("530 5.7.10 ");
            c.send("STARTTLS").expect("220 ");
            c.startTls(TestMail.trust());
            assertThat(ehlo(c, "lineclient.test")).anyMatch(l -> l.substring(4).equals("REQUIRETLS"));
            c.send("MAIL FROM:<x@remote.example> REQUIRETLS=yes").expect("501 5.5.4 ");
            c.send("MAIL FROM:<x@remote.example> REQUIRETLS").expect("250 2.1.0");
            c.send("RCPT TO:<" + mail.alice + ">").expect("250 2.1.5");
            c.send("QUIT").expect("221 ");
        }
    }

    @Test
    void startTlsDiscardsPipelinedPlaintextAndStartsOver() {
        String marker = marker();
        try (LineClient c = connect()) {
            ehlo(c, "lineclient.test");
            // RFC 3207 §4.2: commands sent before the handshake must not be executed after it.
            c.sendRaw("STARTTLS\r\nMAIL FROM:<injected@evil.example>\r\nRCPT TO:<" + mail.bob + ">\r\n");
            c.expect("220 2.0.0 Ready to start TLS");
            c.startTls(TestMail.trust());
            c.send("RCPT TO:<" + mail.alice + ">").expect("503 5.5.1");
            List<String> lines = ehlo(c, "lineclient.test");
            assertThat(lines).noneMatch(l -> l.contains("STARTTLS"));
            c.send("STARTTLS").expect("503 5.5.1");
            c.send("MAIL FROM:<x@remote.example>").expect("250 2.1.0");
            c.send("RCPT TO:<" + mail.alice + ">").expect("250 2.1.5");
            c.send("DATA").expect("354 ");
            c.sendRaw("Subject: " + marker + "\r\n\r\nover TLS\r\n.\r\n");
            c.expect("250 2.0.0 Ok: queued as ");
        }
        List<String> stored = storedWith(mail.alice, marker);
        assertThat(stored).hasSize(1);
        assertThat(TestMail.receivedHeader(stored.get(0))).contains(" with ESMTPS id ");
        assertThat(storedWith(mail.bob, marker)).isEmpty();
    }

    @Test
    void oversizeMessagesAreRefusedAndNothingIsStored() {
        String marker = marker();
        try (LineClient c = connect()) {
            ehlo(c, "lineclient.test");
            c.send("MAIL FROM:<x@remote.example> SIZE=" + (SmtpPortsResource.MAX_MESSAGE_SIZE + 1)).expect("552 5.3.4");
            c.send("MAIL FROM:<x@remote.example>").expect("250 2.1.0");
            c.send("RCPT TO:<" + mail.alice + ">").expect("250 2.1.5");
            c.send("DATA").expect("354 ");
            c.sendRaw("Subject: " + marker + "\r\n\r\n");
            String line = "x".repeat(998) + "\r\n";
            for (int sent = 0; sent <= SmtpPortsResource.MAX_MESSAGE_SIZE; sent += line.length()) {
                c.sendRaw(line);
            }
            c.sendRaw(".\r\n");
            c.expect("552 5.3.4");
            // The session goes on, with the transaction cleared.
            c.send("RCPT TO:<" + mail.alice + ">").expect("503 5.5.1");
            c.send("NOOP").expect("250 2.0.0");
        }
        assertThat(storedWith(mail.alice, marker)).isEmpty();
    }

    @Test
    void tooLongLineIsRefusedAndTheSessionGoesOn() {
        try (LineClient c = connect()) {
            ehlo(c, "lineclient.test");
            c.send("MAIL FROM:<x@remote.example> " + "X".repeat(5000)).expect("500 5.5.6");
            c.send("MAIL FROM:<x@remote.example>").expect("250 2.1.0");
        }
    }

    @Test
    void commandsOutOfOrder() {
        try (LineClient c = connect()) {
            c.send("MAIL FROM:<x@remote.example>").expect("503 5.5.1");
            c.send("RCPT TO:<" + mail.alice + ">").expect("503 5.5.1");
            c.send("DATA").expect("503 5.5.1");
            ehlo(c, "lineclient.test");
            c.send("RCPT TO:<" + mail.alice + ">").expect("503 5.5.1");
            c.send("DATA").expect("503 5.5.1");
            c.send("MAIL FROM:<x@remote.example>").expect("250 2.1.0");
            c.send("MAIL FROM:<x@remote.example>").expect("503 5.5.1");
            c.send("DATA").expect("503 5.5.1");
            c.send("RSET").expect("250 2.0.0");
            c.send("RCPT TO:<" + mail.alice + ">").expect("503 5.5.1");
        }
    }

    @Test
    void syntaxErrorsAndUnknownCommands() {
        try (LineClient c = connect()) {
            ehlo(c, "lineclient.test");
            c.send("EXPN staff").expect("500 5.5.2");
            c.send("MAIL FROM:x@remote.example").expect("501 5.1.7");
            c.send("MAIL TO:<x@remote.example>").expect("501 5.5.4");
            c.send("MAIL FROM:<x@remote.example> SIZE=abc").expect("501 5.5.4");
            c.send("MAIL FROM:<x@remote.example> X-UNKNOWN=1").expect("555 5.5.4");
            c.send("EHLO").expect("501 5.5.4");
            c.send("MAIL FROM:<x@remote.example>").expect("250 2.1.0");
            c.send("RCPT TO:<a b@" + mail.domain + ">").expect("501 5.1.3");
            c.send("RCPT TO:<" + mail.alice + "> X-PRIORITY=1").expect("555 5.5.4");
            c.send("RCPT TO:<" + mail.alice + "> NOTIFY=SOMETIMES").expect("501 5.5.4");
        }
    }

    @Test
    void informationalCommands() {
        try (LineClient c = connect()) {
            c.send("NOOP").expect("250 2.0.0");
            c.send("HELP").expect("214 2.0.0");
            c.send("VRFY alice").expect("252 2.1.5");
            c.send("RSET").expect("250 2.0.0");
            c.send("QUIT").expect("221 2.0.0");
            assertThat(c.closedByServer()).isTrue();
        }
    }

    @Test
    void recipientLimitPerMessage() {
        try (LineClient c = connect()) {
            ehlo(c, "lineclient.test");
            StringBuilder batch = new StringBuilder("MAIL FROM:<x@remote.example>\r\n");
            for (int i = 0; i < 101; i++) {
                batch.append("RCPT TO:<").append(mail.alice).append(">\r\n");
            }
            c.sendRaw(batch.toString());
            c.expect("250 2.1.0");
            for (int i = 0; i < 100; i++) {
                c.expect("250 2.1.5");
            }
            c.expect("452 4.5.3");
        }
    }

    @Test
    void tooManyErrorsCloseTheConnection() {
        try (LineClient c = connect()) {
            for (int i = 1; i < SmtpPortsResource.MAX_ERRORS; i++) {
                c.send("BOGUS").expect("500 5.5.2");
            }
            c.send("BOGUS").expect("500 5.5.2");
            c.expect("421 4.7.0");
            assertThat(c.closedByServer()).isTrue();
        }
    }

    @Test
    void connectionsPerAddressAreLimited() {
        List<LineClient> open = new ArrayList<>();
        try {
            String refusal = null;
            for (int i = 0; i < 2 * SmtpPortsResource.CONNECTIONS_PER_ADDRESS && refusal == null; i++) {
                LineClient c = LineClient.connect("127.0.0.1", mxPort);
                open.add(c);
                String greeting = c.readLine();
                if (greeting.startsWith("421")) {
                    refusal = greeting;
                    assertThat(c.closedByServer()).isTrue();
                } else {
                    assertThat(greeting).startsWith("220 ");
                }
            }
            assertThat(refusal).startsWith("421 4.7.0");
            assertThat(open.size() - 1).isLessThanOrEqualTo(SmtpPortsResource.CONNECTIONS_PER_ADDRESS);
        } finally {
            open.forEach(LineClient::close);
        }
        // Closed connections give their slots back.
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> {
            try (LineClient c = LineClient.connect("127.0.0.1", mxPort)) {
                return c.readLine().startsWith("220 ");
            }
        });
    }
}
