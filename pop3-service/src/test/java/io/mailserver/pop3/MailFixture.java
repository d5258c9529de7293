package io.mailserver.pop3;

import com.google.protobuf.ByteString;
import io.mailserver.contracts.auth.v1.MutinyAuthServiceGrpc;
import io.mailserver.contracts.auth.v1.ResolveRecipientRequest;
import io.mailserver.contracts.auth.v1.ResolveRecipientResponse;
import io.mailserver.contracts.storage.v1.DeliverRequest;
import io.mailserver.contracts.storage.v1.DeliverResponse;
import io.mailserver.contracts.storage.v1.DeliveryEnvelope;
import io.mailserver.contracts.storage.v1.DeliveryRecipient;
import io.mailserver.contracts.storage.v1.MutinyDeliveryServiceGrpc;
import io.mailserver.contracts.storage.v1.Timestamp;
import io.grpc.ManagedChannel;
import io.mailserver.localstack.LocalMailSystem;
import io.mailserver.localstack.admin.AdminClient;
import io.mailserver.testkit.grpc.InternalChannels;
import io.mailserver.testkit.client.LineClient;
import io.mailserver.testkit.quarkus.SharedSystem;
import io.smallrye.mutiny.Multi;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Accounts and messages for the conversation tests: accounts through auth-service's admin API,
 * messages through storage-service's {@code DeliveryService} (as smtp-service would deliver them).
 * Every test gets accounts of its own, so tests never see each other's mail.
 */
final class MailFixture {

    static final String DOMAIN = "pop3.test";
    static final String PASSWORD = "correct horse battery";
    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static boolean domainReady;

    private static ManagedChannel authChannel;
    private static ManagedChannel storageChannel;

    private final MutinyAuthServiceGrpc.MutinyAuthServiceStub auth;
    private final MutinyDeliveryServiceGrpc.MutinyDeliveryServiceStub delivery;

    /**
     * Recipients are resolved and messages delivered the way smtp-service does it, with its identity:
     * pop3-service itself may do neither.
     */
    MailFixture() {
        synchronized (MailFixture.class) {
            if (authChannel == null) {
                LocalMailSystem system = SharedSystem.get();
                authChannel = InternalChannels.as(system.identity("smtp-service"), system.settings().ports().authGrpc());
                storageChannel = InternalChannels.as(system.identity("smtp-service"), system.settings().ports().storageGrpc());
            }
        }
        this.auth = MutinyAuthServiceGrpc.newMutinyStub(authChannel);
        this.delivery = MutinyDeliveryServiceGrpc.newMutinyStub(storageChannel);
    }

    static int port() {
        return ConfigProvider.getConfig().getValue("mail.pop3.port", Integer.class);
    }

    static int tlsPort() {
        return ConfigProvider.getConfig().getValue("mail.pop3.tls-port", Integer.class);
    }

    static Path certificate() {
        return SharedSystem.get().certificate().certificate();
    }

    static AdminClient admin() {
        return new AdminClient(SharedSystem.get().adminUrl(), SharedSystem.ADMIN_TOKEN);
    }

    /** A new account with {@link #PASSWORD}; returns its address. */
    static synchronized String newAccount(String prefix) {
        AdminClient admin = admin();
        if (!domainReady) {
            AdminClient.Response added = admin.addDomain(DOMAIN);
            if (!added.ok() && !admin.listDomains().orThrow().body().contains("\"" + DOMAIN + "\"")) {
                added.orThrow();
            }
            domainReady = true;
        }
        String address = prefix + "-" + SEQUENCE.incrementAndGet() + "-" + UUID.randomUUID().toString().substring(0, 8)
                + "@" + DOMAIN;
        admin.addAccount(address, PASSWORD).orThrow();
        return address;
    }

    long accountId(String address) {
        ResolveRecipientResponse resolved = auth.resolveRecipient(ResolveRecipientRequest.newBuilder()
                .setAddress(address).build()).await().atMost(Duration.ofSeconds(30));
        if (resolved.getKind() != ResolveRecipientResponse.Kind.LOCAL || resolved.getAccountsCount() != 1) {
            throw new IllegalStateException(address + " resolves to " + resolved);
        }
        return resolved.getAccounts(0).getAccountId();
    }

    /** Delivers {@code message} to the INBOX of {@code address}, in chunks of at most 64 KiB. */
    DeliverResponse deliver(String address, byte[] message) {
        long accountId = accountId(address);
        List<DeliverRequest> requests = new ArrayList<>();
        requests.add(DeliverRequest.newBuilder().setEnvelope(DeliveryEnvelope.newBuilder()
                .setDeliveryId(UUID.randomUUID().toString())
                .setMailFrom("sender@elsewhere.test")
                .addRecipients(DeliveryRecipient.newBuilder().setAccountId(accountId).setAddress(address))
                .setSize(message.length)
                .setReceivedAt(Timestamp.newBuilder().setEpochSeconds(System.currentTimeMillis() / 1000)))
                .build());
        for (int from = 0; from < message.length; from += 65536) {
            int to = Math.min(message.length, from + 65536);
            requests.add(DeliverRequest.newBuilder().setData(ByteString.copyFrom(message, from, to - from)).build());
        }
        return delivery.deliver(Multi.createFrom().iterable(requests)).await().atMost(Duration.ofSeconds(30));
    }

    DeliverResponse deliver(String address, String message) {
        return deliver(address, message.getBytes(StandardCharsets.UTF_8));
    }

    static String message(String subject, String body) {
        return "From: Sender <sender@elsewhere.test>\r\nTo: someone@" + DOMAIN + "\r\nSubject: " + subject
                + "\r\nMessage-ID: <" + UUID.randomUUID() + "@elsewhere.test>\r\n\r\n" + body;
    }

    /** Connects, reads the greeting, and logs in with USER/PASS. */
    static LineClient login(String address) {
        LineClient client = LineClient.connect("127.0.0.1", port());
        client.expect("+OK ");
        client.send("USER " + address).expect("+OK");
        client.send("PASS " + PASSWORD).expect("+OK");
        return client;
    }

    /** Connects to the implicit-TLS port, reads the greeting, and logs in with USER/PASS. */
    static LineClient loginTls(String address) {
        LineClient client = LineClient.connectTls("127.0.0.1", tlsPort(),
                io.mailserver.testkit.client.TlsTrust.trusting(certificate()));
        client.expect("+OK ");
        client.send("USER " + address).expect("+OK");
        client.send("PASS " + PASSWORD).expect("+OK");
        return client;
    }

    /** The lines of a multi-line response after its status line, up to (not including) the lone ".". */
    static List<String> body(LineClient client) {
        List<String> lines = new ArrayList<>();
        while (true) {
            String line = client.readLine();
            if (line == null) {
                throw new AssertionError("connection closed inside a multi-line response; read " + lines);
            }
            if (line.equals(".")) {
                return lines;
            }
            lines.add(line);
        }
    }
}
