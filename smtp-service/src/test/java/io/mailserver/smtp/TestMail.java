package io.mailserver.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.ManagedChannel;
import io.mailserver.contracts.auth.v1.AuthServiceGrpc;
import io.mailserver.contracts.auth.v1.ResolveRecipientRequest;
import io.mailserver.contracts.auth.v1.ResolveRecipientResponse;
import io.mailserver.contracts.storage.v1.BodySection;
import io.mailserver.contracts.storage.v1.FetchItems;
import io.mailserver.contracts.storage.v1.FetchRequest;
import io.mailserver.contracts.storage.v1.FetchResponse;
import io.mailserver.contracts.storage.v1.MailboxRef;
import io.mailserver.contracts.storage.v1.MailboxServiceGrpc;
import io.mailserver.contracts.storage.v1.MailboxSnapshot;
import io.mailserver.contracts.storage.v1.MessageServiceGrpc;
import io.mailserver.contracts.storage.v1.SelectMailboxRequest;
import io.mailserver.localstack.admin.AdminClient;
import io.mailserver.testkit.client.LineClient;
import io.mailserver.testkit.client.TlsTrust;
import io.mailserver.testkit.grpc.InternalChannels;
import io.mailserver.testkit.quarkus.SharedSystem;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;

/**
 * What the SMTP tests share: a fresh hosted domain with two users, created through auth-service's
 * admin API, and reading an INBOX back through storage-service's gRPC services, byte for byte.
 */
final class TestMail {

    /** A hosted domain of its own for one test class, so classes never see each other's mail. */
    final String domain;
    final String alice;
    final String bob;

    static final String ALICE_PASSWORD = "alice-password-1";
    static final String BOB_PASSWORD = "bob-password-12";

    TestMail() {
        this("d" + UUID.randomUUID().toString().substring(0, 8) + ".test");
    }

    /** Accounts in {@code domain}, which must not be hosted yet (a test that needs its DNS). */
    TestMail(String domain) {
        this.domain = domain;
        this.alice = "alice@" + domain;
        this.bob = "bob@" + domain;
        AdminClient admin = admin();
        admin.addDomain(domain).orThrow();
        admin.addAccount(alice, ALICE_PASSWORD).orThrow();
        admin.addAccount(bob, BOB_PASSWORD).orThrow();
    }

    /** An AUTH PLAIN initial response (RFC 4616) for {@code user}. */
    static String plain(String user, String password) {
        return java.util.Base64.getEncoder().encodeToString(("\0" + user + "\0" + password)
                .getBytes(StandardCharsets.UTF_8));
    }

    static AdminClient admin() {
        return new AdminClient(SharedSystem.get().adminUrl(), SharedSystem.ADMIN_TOKEN);
    }

    static SSLContext trust() {
        return TlsTrust.trusting(certificate());
    }

    static Path certificate() {
        return SharedSystem.get().certificate().certificate();
    }

    /** Reads lines up to and including the last line of a (possibly multi-line) reply. */
    static List<String> reply(LineClient client) {
        List<String> lines = new ArrayList<>();
        while (true) {
            String line = client.readLine();
            if (line == null) {
                throw new AssertionError("connection closed; read " + lines);
            }
            lines.add(line);
            if (line.length() < 4 || line.charAt(3) != '-') {
                return lines;
            }
        }
    }

    /** Sends EHLO and returns the whole 250 reply. */
    static List<String> ehlo(LineClient client, String name) {
        client.send("EHLO " + name);
        List<String> lines = reply(client);
        assertThat(lines.get(lines.size() - 1)).startsWith("250 ");
        return lines;
    }

    /**
     * Connects to {@code port}, greets as {@code clientName}, opens a transaction to alice up to the
     * 354 and sends a header block whose Subject is {@code marker}; the body is the caller's.
     */
    LineClient startData(int port, String clientName, String marker) {
        LineClient c = LineClient.connect("127.0.0.1", port);
        c.expect("220 ");
        ehlo(c, clientName);
        c.send("MAIL FROM:<x@remote.example>").expect("250 2.1.0");
        c.send("RCPT TO:<" + alice + ">").expect("250 2.1.5");
        c.send("DATA").expect("354 ");
        c.sendRaw("Subject: " + marker + "\r\n\r\n");
        return c;
    }

    /**
     * Submits {@code body} as alice over {@code port} (587: STARTTLS, then AUTH PLAIN); each recipient
     * comes with the prefix its RCPT reply must have.
     */
    void submitAsAlice(int port, String body, List<String[]> recipients) {
        try (LineClient c = LineClient.connect("127.0.0.1", port)) {
            c.expect("220 ");
            ehlo(c, "submit.client.test");
            c.send("STARTTLS").expect("220 ");
            c.startTls(trust());
            ehlo(c, "submit.client.test");
            c.send("AUTH PLAIN " + plain(alice, ALICE_PASSWORD)).expect("235 ");
            c.send("MAIL FROM:<" + alice + ">").expect("250 ");
            for (String[] rcpt : recipients) {
                c.send("RCPT TO:<" + rcpt[0] + ">").expect(rcpt[1]);
            }
            c.send("DATA").expect("354 ");
            c.sendRaw(body + ".\r\n");
            c.expect("250 2.0.0 ");
        }
    }

    long accountId(String address) {
        ManagedChannel channel = channel("auth");
        try {
            ResolveRecipientResponse response = AuthServiceGrpc.newBlockingStub(channel)
                    .withDeadlineAfter(10, TimeUnit.SECONDS)
                    .resolveRecipient(ResolveRecipientRequest.newBuilder().setAddress(address).build());
            assertThat(response.getKind()).isEqualTo(ResolveRecipientResponse.Kind.LOCAL);
            return response.getAccounts(0).getAccountId();
        } finally {
            channel.shutdownNow();
        }
    }

    /** Sets the account's own message limit, as an operator's tool does (storage allows it to {@code mailctl} only). */
    void limitMessages(String address, long messages) {
        long account = accountId(address);
        Map<String, String> peers = SharedSystem.get().peers();
        ManagedChannel channel = InternalChannels.as(SharedSystem.get().identity("mailctl"),
                Integer.parseInt(peers.get("quarkus.grpc.clients.storage.port")));
        try {
            MailboxServiceGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS)
                    .setQuota(io.mailserver.contracts.storage.v1.SetQuotaRequest.newBuilder()
                            .setAccountId(account).setMessages(messages).build());
        } finally {
            channel.shutdownNow();
        }
    }

    /** Every message in the INBOX of {@code address}, by UID, as stored. */
    Map<Integer, byte[]> inbox(String address) {
        return mailbox(address, "INBOX");
    }

    /** The messages of one of the account's mailboxes, by UID. */
    Map<Integer, byte[]> mailbox(String address, String name) {
        long account = accountId(address);
        ManagedChannel channel = channel("storage");
        try {
            MailboxRef ref = MailboxRef.newBuilder().setAccountId(account).setName(name).build();
            MailboxSnapshot snapshot = MailboxServiceGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS)
                    .selectMailbox(SelectMailboxRequest.newBuilder().setMailbox(ref).build());
            Map<Integer, byte[]> messages = new LinkedHashMap<>();
            if (snapshot.getUids().getRangesCount() == 0) {
                return messages;
            }
            FetchRequest request = FetchRequest.newBuilder()
                    .setMailbox(MailboxRef.newBuilder().setAccountId(account).setMailboxId(snapshot.getMailbox().getMailboxId()))
                    .setUids(snapshot.getUids())
                    .setItems(FetchItems.newBuilder().addSections(BodySection.newBuilder().setPart("").setText(BodySection.Text.CONTENT)))
                    .build();
            Map<Integer, ByteArrayOutputStream> bodies = new LinkedHashMap<>();
            Iterator<FetchResponse> responses = MessageServiceGrpc.newBlockingStub(channel)
                    .withDeadlineAfter(30, TimeUnit.SECONDS).fetchMessages(request);
            while (responses.hasNext()) {
                FetchResponse response = responses.next();
                ByteArrayOutputStream body = bodies.computeIfAbsent((int) response.getUid(), uid -> new ByteArrayOutputStream());
                if (response.hasChunk()) {
                    response.getChunk().getData().writeTo(body);
                }
            }
            bodies.forEach((uid, body) -> messages.put(uid, body.toByteArray()));
            return messages;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } finally {
            channel.shutdownNow();
        }
    }

    /** The messages of the INBOX as text (ISO-8859-1, one char per byte). */
    List<String> inboxTexts(String address) {
        return mailboxTexts(address, "INBOX");
    }

    List<String> mailboxTexts(String address, String mailbox) {
        return mailbox(address, mailbox).values().stream().map(b -> new String(b, StandardCharsets.ISO_8859_1)).toList();
    }

    /** The Return-Path line final delivery put on top of a stored message, without CRLF. */
    static String returnPath(String stored) {
        assertThat(stored).startsWith("Return-Path: <");
        return stored.substring(0, stored.indexOf("\r\n"));
    }

    /** The stored message without the Return-Path and Received headers this server put on top (which it checks). */
    static String withoutTraceHeaders(String stored) {
        String afterReturnPath = stored.substring(returnPath(stored).length() + 2);
        assertThat(afterReturnPath).startsWith("Received: from ");
        String rest = afterField(afterReturnPath);
        // a submission's DKIM signature, or the results of an MX message's checks, come right under our Received field
        return rest.startsWith("DKIM-Signature: ") || rest.startsWith("Authentication-Results: ") ? afterField(rest) : rest;
    }

    /** What follows the first header field (with its folded lines) of {@code text}. */
    private static String afterField(String text) {
        int end = 0;
        while (true) {
            int crlf = text.indexOf("\r\n", end);
            assertThat(crlf).as("end of the header field").isPositive();
            end = crlf + 2;
            if (end >= text.length() || (text.charAt(end) != '\t' && text.charAt(end) != ' ')) {
                return text.substring(end);
            }
        }
    }

    /** The Received header of a stored message, unfolded. */
    static String receivedHeader(String stored) {
        String afterReturnPath = stored.substring(returnPath(stored).length() + 2);
        String rest = afterField(afterReturnPath);
        return afterReturnPath.substring(0, afterReturnPath.length() - rest.length()).replace("\r\n\t", " ").replace("\r\n", "");
    }

    /**
     * A channel to {@code peer} with the identity of the service whose calls a test makes: recipients
     * are resolved as smtp-service resolves them, mailboxes are read as imap-service reads them.
     */
    private static ManagedChannel channel(String peer) {
        Map<String, String> peers = SharedSystem.get().peers();
        String caller = peer.equals("auth") ? "smtp-service" : "imap-service";
        return InternalChannels.as(SharedSystem.get().identity(caller),
                Integer.parseInt(peers.get("quarkus.grpc.clients." + peer + ".port")));
    }
}
