package io.mailserver.imap;

import io.mailserver.testkit.client.LineClient;

import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.stub.StreamObserver;
import io.mailserver.contracts.auth.v1.AuthServiceGrpc;
import io.mailserver.contracts.auth.v1.ResolveRecipientRequest;
import io.mailserver.contracts.storage.v1.DeliverRequest;
import io.mailserver.contracts.storage.v1.DeliverResponse;
import io.mailserver.contracts.storage.v1.DeliveryEnvelope;
import io.mailserver.contracts.storage.v1.DeliveryRecipient;
import io.mailserver.contracts.storage.v1.DeliveryServiceGrpc;
import io.mailserver.contracts.storage.v1.Timestamp;
import io.mailserver.localstack.admin.AdminClient;
import io.mailserver.localstack.LocalMailSystem;
import io.mailserver.testkit.grpc.InternalChannels;
import io.mailserver.testkit.quarkus.SharedSystem;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Test data through the real peers: domains and accounts through auth-service's admin API, messages
 * through storage-service's DeliveryService (as smtp-service would deliver them).
 */
public final class MailFixture implements AutoCloseable {

    public static final String PASSWORD = "Correct-Horse-Battery-42";

    private final AdminClient admin;
    private final ManagedChannel auth;
    private final ManagedChannel storage;

    public MailFixture() {
        LocalMailSystem system = SharedSystem.get();
        Map<String, String> peers = system.peers();
        this.admin = new AdminClient(system.adminUrl(), SharedSystem.ADMIN_TOKEN);
        // Recipients are resolved and messages delivered the way smtp-service does it, with its identity.
        this.auth = InternalChannels.as(system.identity("smtp-service"),
                Integer.parseInt(peers.get("quarkus.grpc.clients.auth.port")));
        this.storage = InternalChannels.as(system.identity("smtp-service"),
                Integer.parseInt(peers.get("quarkus.grpc.clients.storage.port")));
    }

    public static Path certificate() {
        return SharedSystem.get().certificate().certificate();
    }

    public static String hostname() {
        return SharedSystem.get().settings().hostName();
    }

    /** A new account in a new domain; returns its address (the login name). */
    public String newUser() {
        String id = UUID.randomUUID().toString().substring(0, 8);
        String domain = "imap-" + id + ".test";
        admin.addDomain(domain).orThrow();
        String address = "user-" + id + "@" + domain;
        admin.addAccount(address, PASSWORD).orThrow();
        return address;
    }

    /** A connection to the plain IMAP port, past the greeting and logged in as {@code user}. */
    public static LineClient loggedIn(int port, String user) {
        LineClient c = LineClient.connect("127.0.0.1", port);
        c.expect("* OK ");
        c.send("L1 LOGIN " + user + " " + PASSWORD);
        c.expect("L1 OK ");
        return c;
    }

    /** {@link #loggedIn} with INBOX selected. */
    public static LineClient selectedInbox(int port, String user) {
        LineClient c = loggedIn(port, user);
        c.send("S1 SELECT INBOX");
        c.readUntil("S1 OK");
        return c;
    }

    /** The UIDVALIDITY of a mailbox, by STATUS on a logged-in connection. */
    public static String uidValidity(LineClient c, String mailbox) {
        c.send("V1 STATUS " + mailbox + " (UIDVALIDITY)");
        String line = c.readLine();
        c.expect("V1 OK");
        return line.replaceAll(".*UIDVALIDITY (\\d+)\\)", "$1");
    }

    /** The admin API, for changes to accounts (disable, delete) a test makes. */
    public AdminClient admin() {
        return admin;
    }

    public long accountId(String address) {
        return AuthServiceGrpc.newBlockingStub(auth).withDeadlineAfter(10, TimeUnit.SECONDS)
                .resolveRecipient(ResolveRecipientRequest.newBuilder().setAddress(address).build())
                .getAccounts(0).getAccountId();
    }

    /** Sets the account's own quota limits (0 = none), as an operator's tool does: storage allows it to {@code mailctl} only. */
    public void limit(String address, long storageBytes, long messages) {
        LocalMailSystem system = SharedSystem.get();
        ManagedChannel operator = InternalChannels.as(system.identity("mailctl"),
                Integer.parseInt(system.peers().get("quarkus.grpc.clients.storage.port")));
        try {
            io.mailserver.contracts.storage.v1.MailboxServiceGrpc.newBlockingStub(operator)
                    .withDeadlineAfter(10, TimeUnit.SECONDS)
                    .setQuota(io.mailserver.contracts.storage.v1.SetQuotaRequest.newBuilder()
                            .setAccountId(accountId(address)).setStorageBytes(storageBytes).setMessages(messages).build());
        } finally {
            operator.shutdownNow();
        }
    }

    public DeliverResponse deliver(String address, String message) {
        return deliver(address, "", message.getBytes(StandardCharsets.UTF_8));
    }

    /** Delivers {@code message} to {@code mailbox} ("" = INBOX) of {@code address}, in 64 KiB chunks. */
    public DeliverResponse deliver(String address, String mailbox, byte[] message) {
        CompletableFuture<DeliverResponse> result = new CompletableFuture<>();
        StreamObserver<DeliverRequest> requests = DeliveryServiceGrpc.newStub(storage)
                .withDeadlineAfter(60, TimeUnit.SECONDS)
                .deliver(new StreamObserver<>() {
                    @Override
                    public void onNext(DeliverResponse value) {
                        result.complete(value);
                    }

                    @Override
                    public void onError(Throwable t) {
                        result.completeExceptionally(t);
                    }

                    @Override
                    public void onCompleted() {
                        result.completeExceptionally(new IllegalStateException("no DeliverResponse"));
                    }
                });
        requests.onNext(DeliverRequest.newBuilder().setEnvelope(DeliveryEnvelope.newBuilder()
                .setDeliveryId(UUID.randomUUID().toString())
                .setMailFrom("sender@example.org")
                .addRecipients(DeliveryRecipient.newBuilder().setAccountId(accountId(address)).setAddress(address)
                        .setMailbox(mailbox))
                .setSize(message.length)
                .setReceivedAt(Timestamp.newBuilder().setEpochSeconds(System.currentTimeMillis() / 1000)))
                .build());
        for (int offset = 0; offset < message.length; offset += 65536) {
            int length = Math.min(65536, message.length - offset);
            requests.onNext(DeliverRequest.newBuilder().setData(ByteString.copyFrom(message, offset, length)).build());
        }
        requests.onCompleted();
        try {
            return result.get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("delivery failed", e);
        }
    }

    /** A plain text message with CRLF line ends. */
    /**
     * Runs a Python client script from the test resources against this server (host 127.0.0.1,
     * the plain port, the user, the password, the CA file, then {@code more}); its output, which
     * must end in PASS, once it exits 0. Scripts say what they check in their header.
     */
    public static void runPythonClient(String resource, int port, String user, String... more) {
        try {
            Path script = java.nio.file.Files.createTempFile("client", ".py");
            try (java.io.InputStream in = MailFixture.class.getResourceAsStream(resource)) {
                java.nio.file.Files.write(script, in.readAllBytes());
            }
            java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of("python3", script.toString(),
                    "127.0.0.1", Integer.toString(port), user, PASSWORD, certificate().toString()));
            command.addAll(java.util.List.of(more));
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0 || !output.strip().endsWith("PASS")) {
                throw new AssertionError(resource + " failed:\n" + output);
            }
            java.nio.file.Files.deleteIfExists(script);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    public static String textMessage(String subject, String body) {
        return ("From: Alice Example <alice@example.org>\n"
                + "To: Bob <bob@example.net>\n"
                + "Subject: " + subject + "\n"
                + "Date: Tue, 12 Mar 2024 10:15:00 +0100\n"
                + "Message-ID: <" + UUID.randomUUID() + "@example.org>\n"
                + "MIME-Version: 1.0\n"
                + "Content-Type: text/plain; charset=us-ascii\n"
                + "\n"
                + body + "\n").replace("\n", "\r\n");
    }

    /** multipart/mixed: a multipart/alternative (plain + html) and a small attachment. */
    public static String multipartMessage(String subject) {
        return ("From: Carol <carol@example.org>\n"
                + "To: Bob <bob@example.net>\n"
                + "Subject: " + subject + "\n"
                + "Date: Wed, 13 Mar 2024 08:00:00 +0000\n"
                + "MIME-Version: 1.0\n"
                + "Content-Type: multipart/mixed; boundary=\"outer\"\n"
                + "\n"
                + "--outer\n"
                + "Content-Type: multipart/alternative; boundary=\"inner\"\n"
                + "\n"
                + "--inner\n"
                + "Content-Type: text/plain; charset=utf-8\n"
                + "\n"
                + "Plain part\n"
                + "--inner\n"
                + "Content-Type: text/html; charset=utf-8\n"
                + "\n"
                + "<p>HTML part</p>\n"
                + "--inner--\n"
                + "--outer\n"
                + "Content-Type: application/octet-stream; name=\"data.bin\"\n"
                + "Content-Disposition: attachment; filename=\"data.bin\"\n"
                + "Content-Transfer-Encoding: base64\n"
                + "\n"
                + "AAECAwQFBgcICQ==\n"
                + "--outer--\n").replace("\n", "\r\n");
    }

    @Override
    public void close() {
        auth.shutdownNow();
        storage.shutdownNow();
    }
}
