package io.mailserver.smtp.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailserver.localstack.FreePorts;
import io.mailserver.smtp.SmtpSink;
import io.mailserver.smtp.dsn.Ret;
import io.smallrye.mutiny.Multi;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.mailserver.smtp.outbound.tls.ServerCertificates;
import io.mailserver.smtp.outbound.dane.Tlsa;
import io.mailserver.smtp.outbound.tls.TlsPolicy;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The outbound SMTP client against a server this project did not write: aiosmtpd from Debian
 * ({@code smtp_sink.py}), with STARTTLS, recipients it refuses for good or for now, and refused data;
 * and against servers that misbehave (silent, garbage replies), which must cost a deferral, not a hang.
 */
class RemoteDeliveryTest {

    private static final Duration SHORT = Duration.ofSeconds(3);
    private static final byte[] MESSAGE = ("From: alice@example.test\r\nSubject: outbound\r\n\r\n"
            + "line one\r\n.a line with a leading dot\r\n.\r\nlast line\r\n").getBytes(StandardCharsets.US_ASCII);

    private static Vertx vertx;
    private static NetClient client;
    private static SmtpSink sink;
    private static Path spool;
    private static int port;
    private static Path sinkCertificate;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        client = vertx.createNetClient(new NetClientOptions().setTrustAll(true).setHostnameVerificationAlgorithm(""));
        Path sinkDir = Files.createTempDirectory("sink");
        sink = SmtpSink.start(sinkDir);
        // the sink's self-signed certificate (SmtpSink makes it there), trusted as its own authority
        sinkCertificate = io.mailserver.localstack.pki.SelfSignedCertificate.ensure(sinkDir.resolve("tls"), "sink.test").certificate();
        spool = sink.spool();
        port = sink.port();
    }

    @AfterAll
    static void stop() throws Exception {
        if (sink != null) {
            sink.close();
        }
        if (vertx != null) {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    private static RemoteDelivery delivery() {
        return new RemoteDelivery(vertx, client, "client.example.test", new RemoteDelivery.Timeouts(SHORT, SHORT, SHORT, SHORT),
                ServerCertificates.trusting(List.of()), RemoteDelivery.Reuse.NONE);
    }

    private static OutboundMessage message(String from, List<String> recipients) {
        return new OutboundMessage(from, recipients.stream().map(OutboundMessage.Recipient::plain).toList(), MESSAGE.length,
                Multi.createFrom().items(Buffer.buffer(MESSAGE).getBuffer(0, 20), Buffer.buffer(MESSAGE).getBuffer(20, MESSAGE.length)),
                "", Ret.UNSPECIFIED, false, false, false);
    }

    private static List<RecipientResult> deliver(int toPort, OutboundMessage message) {
        return delivery().deliver("127.0.0.1", toPort, message).await().atMost(Duration.ofSeconds(30));
    }

    private static List<String> filed(String recipient) throws Exception {
        return SmtpSink.filedFor(spool, recipient);
    }

    @Test
    void deliversOverStartTlsWithEachRecipientsOwnOutcome() throws Exception {
        List<RecipientResult> results = deliver(port, message("alice@example.test",
                List.of("bob@remote.test", "reject-carol@remote.test", "later-dave@remote.test", "erin@remote.test")));
        assertThat(results).extracting(RecipientResult::kind).containsExactly(RecipientResult.Kind.DELIVERED,
                RecipientResult.Kind.BOUNCED, RecipientResult.Kind.DEFERRED, RecipientResult.Kind.DELIVERED);
        assertThat(results.get(0).diagnostic()).startsWith("250 2.0.0 queued as sink-");
        assertThat(results.get(1).diagnostic()).isEqualTo("550 5.1.1 <reject-carol@remote.test>: no such user here");
        assertThat(results.get(2).diagnostic()).startsWith("451 4.3.0");
        List<String> filed = filed("bob@remote.test");
        assertThat(filed.get(0)).isEqualTo("alice@example.test\nyes\nbob@remote.test\nerin@remote.test");
        // dot-stuffing undone by the server: the content arrives as queued
        assertThat(filed.get(1)).isEqualTo(new String(MESSAGE, StandardCharsets.ISO_8859_1));
    }

    @Test
    void refusedSenderOrDataSettlesEveryRecipient() {
        List<RecipientResult> data = deliver(port, message("data-reject-x@example.test",
                List.of("bob@remote.test", "reject-x@remote.test")));
        assertThat(data).extracting(RecipientResult::kind)
                .containsExactly(RecipientResult.Kind.BOUNCED, RecipientResult.Kind.BOUNCED);
        assertThat(data.get(0).diagnostic()).startsWith("554 5.6.0");
        assertThat(data.get(1).diagnostic()).startsWith("550 5.1.1");
        // nobody accepted: no DATA at all, results as the RCPT replies said
        assertThat(deliver(port, message("alice@example.test", List.of("later-x@remote.test"))))
                .extracting(RecipientResult::kind).containsExactly(RecipientResult.Kind.DEFERRED);
    }

    @Test
    void unreachableSilentAndBrokenServersDeferWithoutHanging() throws Exception {
        int closed = FreePorts.find();
        assertThat(deliver(closed, message("a@example.test", List.of("b@remote.test"))))
                .singleElement().satisfies(r -> {
                    assertThat(r.kind()).isEqualTo(RecipientResult.Kind.DEFERRED);
                    assertThat(r.diagnostic()).contains("cannot connect");
                });
        for (String greeting : List.of("", "220 ok\r\n", "HTTP/1.1 400 Bad Request\r\n", "220-" + "x".repeat(10_000) + "\r\n",
                "421 4.3.2 busy\r\n")) {
            try (ServerSocket server = new ServerSocket(0)) {
                CompletableFuture<Void> peer = CompletableFuture.runAsync(() -> {
                    try (Socket s = server.accept()) {
                        s.getOutputStream().write(greeting.getBytes(StandardCharsets.ISO_8859_1));
                        s.getOutputStream().flush();
                        // then silence: read whatever comes until the client gives up
                        s.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
                    } catch (Exception ignored) {
                        // the client closing is the point
                    }
                });
                long started = System.nanoTime();
                List<RecipientResult> results = deliver(server.getLocalPort(), message("a@example.test", List.of("b@remote.test")));
                assertThat(results).as(greeting).singleElement()
                        .satisfies(r -> assertThat(r.kind()).isEqualTo(RecipientResult.Kind.DEFERRED));
                assertThat(Duration.ofNanos(System.nanoTime() - started)).as(greeting).isLessThan(Duration.ofSeconds(15));
                peer.get(10, TimeUnit.SECONDS);
            }
        }
    }

    /**
     * A server that offers no extensions at all: what a message needs beyond plain 7-bit SMTP is not
     * sent there (no downgrade), every recipient fails with the reason, and the server sees no MAIL.
     */
    @Test
    void messagesNeeding8BitMimeOrSmtpUtf8AreNotSentToAServerWithoutThem() throws Exception {
        for (boolean utf8 : List.of(false, true)) {
            try (ServerSocket server = new ServerSocket(0)) {
                CompletableFuture<List<String>> peer = CompletableFuture.supplyAsync(() -> {
                    List<String> seen = new java.util.ArrayList<>();
                    try (Socket s = server.accept();
                            java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(
                                    s.getInputStream(), StandardCharsets.ISO_8859_1))) {
                        java.io.OutputStream out = s.getOutputStream();
                        out.write("220 legacy.test\r\n".getBytes(StandardCharsets.US_ASCII));
                        String line;
                        while ((line = in.readLine()) != null) {
                            seen.add(line);
                            String reply = line.startsWith("EHLO") ? "250 legacy.test\r\n"
                                    : line.startsWith("QUIT") ? "221 bye\r\n" : "250 ok\r\n";
                            out.write(reply.getBytes(StandardCharsets.US_ASCII));
                            if (line.startsWith("QUIT")) {
                                break;
                            }
                        }
                    } catch (Exception ignored) {
                        // the client closing is fine
                    }
                    return seen;
                });
                OutboundMessage message = new OutboundMessage("a@example.test",
                        List.of(OutboundMessage.Recipient.plain(utf8 ? "bö@remote.test" : "b@remote.test")), MESSAGE.length,
                        Multi.createFrom().item(Buffer.buffer(MESSAGE)), "", Ret.UNSPECIFIED, utf8, true, false);
                List<RecipientResult> results = deliver(server.getLocalPort(), message);
                assertThat(results).singleElement().satisfies(r -> {
                    assertThat(r.kind()).isEqualTo(RecipientResult.Kind.BOUNCED);
                    assertThat(r.diagnostic()).startsWith(utf8 ? "5.6.7 " : "5.6.3 ");
                });
                assertThat(peer.get(10, TimeUnit.SECONDS)).noneMatch(l -> l.startsWith("MAIL"));
            }
        }
    }

    @Test
    void requireTlsNeverGoesOverAnUnverifiedConnection() {
        OutboundMessage message = new OutboundMessage("a@example.test", List.of(OutboundMessage.Recipient.plain("b@remote.test")),
                MESSAGE.length, Multi.createFrom().item(Buffer.buffer(MESSAGE)), "", Ret.UNSPECIFIED, false, false, true);
        // port 9 on loopback: nothing is even tried
        assertThat(deliver(9, message)).singleElement().satisfies(r -> {
            assertThat(r.kind()).isEqualTo(RecipientResult.Kind.BOUNCED);
            assertThat(r.diagnostic()).startsWith("5.7.10 ");
            assertThat(r.nextHopLacksRequireTls()).as("no server was asked").isFalse();
        });
    }

    /**
     * A scripted server that takes any number of connections and transactions; on connections listed in
     * {@code dropAfterRset} it answers the first RSET, then at once says 421 and hangs up, as a server
     * ending an idle session does. Counts connections and messages.
     */
    private static final class ScriptedServer implements AutoCloseable {
        final ServerSocket socket = new ServerSocket(0);
        final java.util.concurrent.atomic.AtomicInteger connections = new java.util.concurrent.atomic.AtomicInteger();
        final java.util.concurrent.atomic.AtomicInteger messages = new java.util.concurrent.atomic.AtomicInteger();
        final java.util.concurrent.CountDownLatch dropped = new java.util.concurrent.CountDownLatch(1);
        final List<String> commands = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        private final boolean dsn;

        ScriptedServer(java.util.Set<Integer> dropAfterRset) throws java.io.IOException {
            this(dropAfterRset, false);
        }

        /** @param dsn whether EHLO offers DSN (RFC 3461) */
        ScriptedServer(java.util.Set<Integer> dropAfterRset, boolean dsn) throws java.io.IOException {
            this.dsn = dsn;
            Thread acceptor = new Thread(() -> {
                while (!socket.isClosed()) {
                    try {
                        Socket s = socket.accept();
                        int n = connections.incrementAndGet();
                        new Thread(() -> converse(s, dropAfterRset.contains(n))).start();
                    } catch (java.io.IOException closed) {
                        return;
                    }
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
        }

        private void converse(Socket s, boolean dropAfterRset) {
            try (s; java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(s.getInputStream(),
                    StandardCharsets.ISO_8859_1))) {
                java.io.OutputStream out = s.getOutputStream();
                out.write("220 scripted.test\r\n".getBytes(StandardCharsets.US_ASCII));
                String line;
                while ((line = in.readLine()) != null) {
                    commands.add(line);
                    String reply = line.startsWith("EHLO") ? (dsn ? "250-scripted.test\r\n250 DSN\r\n" : "250 scripted.test\r\n")
                            : line.startsWith("DATA") ? "354 go\r\n" : line.startsWith("QUIT") ? "221 bye\r\n" : "250 ok\r\n";
                    out.write(reply.getBytes(StandardCharsets.US_ASCII));
                    if (line.startsWith("DATA")) {
                        while (!".".equals(in.readLine())) {
                            // the content
                        }
                        messages.incrementAndGet();
                        out.write("250 queued\r\n".getBytes(StandardCharsets.US_ASCII));
                    }
                    if (line.startsWith("RSET") && dropAfterRset) {
                        // at once behind the 250: parked or not yet, the client must not read it as a reply
                        out.write("421 4.4.2 idle too long\r\n".getBytes(StandardCharsets.US_ASCII));
                        dropped.countDown();
                        return;
                    }
                    if (line.startsWith("QUIT")) {
                        return;
                    }
                }
            } catch (Exception ignored) {
                // the client closing is fine
            }
        }

        @Override
        public void close() throws java.io.IOException {
            socket.close();
        }
    }

    private static RemoteDelivery reusing() {
        return new RemoteDelivery(vertx, client, "client.example.test", new RemoteDelivery.Timeouts(SHORT, SHORT, SHORT, SHORT),
                ServerCertificates.trusting(List.of()), new RemoteDelivery.Reuse(Duration.ofSeconds(10), 100, 2, 10));
    }

    /** RFC 3461 §4.3, §4.4: RET and ENVID as the sender gave them go on to a server that offers DSN, to no other. */
    @Test
    void retAndEnvidArePassedOnAsGivenToAServerWithDsn() throws Exception {
        for (boolean offered : List.of(true, false)) {
            for (Ret ret : Ret.values()) {
                try (ScriptedServer server = new ScriptedServer(java.util.Set.of(), offered)) {
                    OutboundMessage message = new OutboundMessage("a@example.test", List.of(OutboundMessage.Recipient.plain(
                            "b@remote.test")), MESSAGE.length, Multi.createFrom().item(Buffer.buffer(MESSAGE)), "env+2Bid", ret,
                            false, false, false);
                    assertThat(deliver(server.socket.getLocalPort(), message)).singleElement()
                            .satisfies(r -> assertThat(r.kind()).isEqualTo(RecipientResult.Kind.DELIVERED));
                    String mail = server.commands.stream().filter(c -> c.startsWith("MAIL")).findFirst().orElseThrow();
                    String expected = "MAIL FROM:<a@example.test>" + (offered && ret != Ret.UNSPECIFIED ? " RET=" + ret.name() : "")
                            + (offered ? " ENVID=env+2Bid" : "");
                    assertThat(mail).as("DSN offered: %s, %s", offered, ret).isEqualTo(expected);
                }
            }
        }
    }

    @Test
    void consecutiveMessagesShareOneSession() throws Exception {
        RemoteDelivery delivery = reusing();
        try (ScriptedServer server = new ScriptedServer(java.util.Set.of())) {
            for (int i = 0; i < 3; i++) {
                assertThat(delivery.deliver("127.0.0.1", server.socket.getLocalPort(), message("a@example.test",
                        List.of("b" + i + "@remote.test"))).await().atMost(Duration.ofSeconds(30)))
                        .singleElement().satisfies(r -> assertThat(r.kind()).isEqualTo(RecipientResult.Kind.DELIVERED));
            }
            assertThat(server.messages).hasValue(3);
            assertThat(server.connections).hasValue(1);
            assertThat(delivery.parkedSessions()).isEqualTo(1);
            delivery.closeIdleSessions();
            assertThat(delivery.parkedSessions()).isZero();
        }
    }

    /** A parked session the server ended (421, then closed) costs nothing: the next message goes on a new one. */
    @Test
    void aSessionTheServerEndedWhileParkedIsReplaced() throws Exception {
        RemoteDelivery delivery = reusing();
        try (ScriptedServer server = new ScriptedServer(java.util.Set.of(1))) {
            int serverPort = server.socket.getLocalPort();
            assertThat(delivery.deliver("127.0.0.1", serverPort, message("a@example.test", List.of("b@remote.test")))
                    .await().atMost(Duration.ofSeconds(30))).singleElement()
                    .satisfies(r -> assertThat(r.kind()).isEqualTo(RecipientResult.Kind.DELIVERED));
            assertThat(server.dropped.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(delivery.deliver("127.0.0.1", serverPort, message("a@example.test", List.of("c@remote.test")))
                    .await().atMost(Duration.ofSeconds(30))).singleElement()
                    .satisfies(r -> assertThat(r.kind()).isEqualTo(RecipientResult.Kind.DELIVERED));
            assertThat(server.messages).hasValue(2);
            assertThat(server.connections).hasValue(2);
            delivery.closeIdleSessions();
        }
    }

    private static List<RecipientResult> deliverVerified(ServerCertificates certificates, int toPort, OutboundMessage message,
            String name) {
        return deliverUnder(certificates, toPort, message, new TlsPolicy.Verified(name, "the test's policy"));
    }

    private static List<RecipientResult> deliverUnder(ServerCertificates certificates, int toPort, OutboundMessage message,
            TlsPolicy policy) {
        return new RemoteDelivery(vertx, client, "client.example.test", new RemoteDelivery.Timeouts(SHORT, SHORT, SHORT, SHORT),
                certificates, RemoteDelivery.Reuse.NONE)
                .deliver("127.0.0.1", toPort, message, policy)
                .await().atMost(Duration.ofSeconds(30));
    }

    /**
     * DANE's two policies against the sink's self-signed certificate: unusable records only demand
     * TLS, so any certificate does; usable ones take the certificate they name and nothing else.
     */
    @Test
    void daneTakesOnlyTheCertificateItsRecordsNameAndEncryptedAnyOverTls() throws Exception {
        java.security.cert.Certificate certificate;
        try (var in = Files.newInputStream(sinkCertificate)) {
            certificate = java.security.cert.CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        byte[] spki = java.security.MessageDigest.getInstance("SHA-256").digest(certificate.getPublicKey().getEncoded());
        ServerCertificates none = ServerCertificates.trusting(List.of());
        String encrypted = "encrypted-" + java.util.UUID.randomUUID() + "@remote.test";
        assertThat(deliverUnder(none, port, message("a@example.test", List.of(encrypted)), new TlsPolicy.Encrypted("sink.test")))
                .singleElement().satisfies(r -> assertThat(r.kind()).isEqualTo(RecipientResult.Kind.DELIVERED));
        assertThat(filed(encrypted).get(0)).isEqualTo("a@example.test\nyes\n" + encrypted);
        String dane = "dane-" + java.util.UUID.randomUUID() + "@remote.test";
        assertThat(deliverUnder(none, port, message("a@example.test", List.of(dane)),
                new TlsPolicy.Dane("mx.unrelated.test", List.of(new Tlsa(3, 1, 1, spki))))).singleElement()
                .satisfies(r -> assertThat(r.kind()).isEqualTo(RecipientResult.Kind.DELIVERED));
        String other = "otherkey-" + java.util.UUID.randomUUID() + "@remote.test";
        assertThat(deliverUnder(none, port, message("a@example.test", List.of(other)),
                new TlsPolicy.Dane("mx.unrelated.test", List.of(new Tlsa(3, 1, 1, new byte[32]))))).singleElement().satisfies(r -> {
                    assertThat(r.kind()).isEqualTo(RecipientResult.Kind.DEFERRED);
                    assertThat(r.diagnostic()).isEqualTo("4.7.5 no TLSA record matches the certificate, which DANE (the TLSA records of"
                            + " mx.unrelated.test) requires");
                });
        assertThat(filed(other)).isEmpty();
    }

    /** STARTTLS stripped under DANE, usable records or not: nothing goes in the clear. */
    @Test
    void danePoliciesNeverFallBackToPlaintext() throws Exception {
        for (TlsPolicy policy : List.of(new TlsPolicy.Dane("scripted.test", List.of(new Tlsa(3, 1, 1, new byte[32]))),
                new TlsPolicy.Encrypted("scripted.test"))) {
            try (ScriptedServer server = new ScriptedServer(java.util.Set.of())) {
                assertThat(deliverUnder(ServerCertificates.trusting(List.of()), server.socket.getLocalPort(),
                        message("a@example.test", List.of("b@remote.test")), policy)).singleElement().satisfies(r -> {
                            assertThat(r.kind()).isEqualTo(RecipientResult.Kind.DEFERRED);
                            assertThat(r.diagnostic()).startsWith("4.7.5 scripted.test does not offer STARTTLS, which ")
                                    .endsWith(policy.demandedBy() + " requires");
                        });
                Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> server.commands.stream().anyMatch(c -> c.startsWith("EHLO")));
                assertThat(server.commands).as(policy.toString()).noneMatch(c -> c.startsWith("MAIL"));
            }
        }
    }

    /**
     * Under a verified policy the certificate decides, after the handshake and before MAIL: a trusted
     * one for the name goes through; the wrong name or an unknown authority defers with the reason,
     * and the sink sees no message.
     */
    @Test
    void aVerifiedPolicyTakesOnlyATrustedCertificateForTheName() throws Exception {
        ServerCertificates trustingSink = ServerCertificates.trusting(List.of(sinkCertificate));
        String good = "verified-" + java.util.UUID.randomUUID() + "@remote.test";
        assertThat(deliverVerified(trustingSink, port, message("a@example.test", List.of(good)), "sink.test"))
                .singleElement().satisfies(r -> assertThat(r.kind()).isEqualTo(RecipientResult.Kind.DELIVERED));
        assertThat(SmtpSink.filedFor(spool, good).get(0)).isEqualTo("a@example.test\nyes\n" + good);

        String wrongName = "wrongname-" + java.util.UUID.randomUUID() + "@remote.test";
        assertThat(deliverVerified(trustingSink, port, message("a@example.test", List.of(wrongName)), "mx.other.test"))
                .singleElement().satisfies(r -> {
                    assertThat(r.kind()).isEqualTo(RecipientResult.Kind.DEFERRED);
                    assertThat(r.diagnostic()).startsWith("4.7.5 the certificate is not for mx.other.test");
                });
        String unknownAuthority = "untrusted-" + java.util.UUID.randomUUID() + "@remote.test";
        assertThat(deliverVerified(ServerCertificates.trusting(List.of()), port, message("a@example.test",
                List.of(unknownAuthority)), "sink.test")).singleElement().satisfies(r -> {
                    assertThat(r.kind()).isEqualTo(RecipientResult.Kind.DEFERRED);
                    assertThat(r.diagnostic()).startsWith("4.7.5 the certificate of sink.test is not trusted");
                });
        // REQUIRETLS over a verified session to a server that does not offer it: refused, nothing sent
        String required = "required-" + java.util.UUID.randomUUID() + "@remote.test";
        OutboundMessage requireTls = new OutboundMessage("a@example.test", List.of(OutboundMessage.Recipient.plain(required)),
                MESSAGE.length, Multi.createFrom().item(Buffer.buffer(MESSAGE)), "", Ret.UNSPECIFIED, false, false, true);
        assertThat(deliverVerified(trustingSink, port, requireTls, "sink.test")).singleElement().satisfies(r -> {
            assertThat(r.kind()).isEqualTo(RecipientResult.Kind.BOUNCED);
            assertThat(r.diagnostic()).startsWith("5.7.30 ");
            assertThat(r.nextHopLacksRequireTls()).as("another MX may offer REQUIRETLS").isTrue();
        });
        assertThat(SmtpSink.filedFor(spool, wrongName)).isEmpty();
        assertThat(SmtpSink.filedFor(spool, unknownAuthority)).isEmpty();
        assertThat(SmtpSink.filedFor(spool, required)).isEmpty();
    }

    /** STARTTLS stripped (the classic downgrade): under a verified policy nothing goes in the clear. */
    @Test
    void aVerifiedPolicyNeverFallsBackToPlaintext() throws Exception {
        try (ScriptedServer server = new ScriptedServer(java.util.Set.of())) {
            assertThat(deliverVerified(ServerCertificates.trusting(List.of(sinkCertificate)), server.socket.getLocalPort(),
                    message("a@example.test", List.of("b@remote.test")), "scripted.test")).singleElement().satisfies(r -> {
                        assertThat(r.kind()).isEqualTo(RecipientResult.Kind.DEFERRED);
                        assertThat(r.diagnostic()).startsWith("4.7.5 scripted.test does not offer STARTTLS");
                    });
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> server.commands.stream().anyMatch(c -> c.startsWith("EHLO")));
            assertThat(server.commands).noneMatch(c -> c.startsWith("MAIL"));
        }
    }
}
