package io.mailserver.storage.blob;

import static io.mailserver.storage.support.StorageTestClient.all;
import static io.mailserver.storage.support.StorageTestClient.inbox;
import static io.mailserver.storage.support.StorageTestClient.mailbox;
import static io.mailserver.storage.support.StorageTestClient.newAccountId;
import static io.mailserver.storage.support.StorageTestClient.uids;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.mailserver.contracts.storage.v1.BodySection;
import io.mailserver.contracts.storage.v1.CopyMessagesRequest;
import io.mailserver.contracts.storage.v1.DeliveryService;
import io.mailserver.contracts.storage.v1.ExpungeRequest;
import io.mailserver.contracts.storage.v1.FetchItems;
import io.mailserver.contracts.storage.v1.FetchRequest;
import io.mailserver.contracts.storage.v1.MessageService;
import io.mailserver.contracts.storage.v1.MessageServiceGrpc;
import io.mailserver.storage.blob.service.BlobCollector;
import io.mailserver.storage.support.SampleMessages;
import io.mailserver.storage.support.StorageTestClient;
import io.mailserver.testkit.quarkus.GrpcServerResource;
import io.mailserver.testkit.quarkus.KafkaResource;
import io.mailserver.testkit.quarkus.PostgresResource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The collector deletes a blob only once nothing references it and the grace period has passed; a
 * wrong reference count or a race with writers never costs a body.
 */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(GrpcServerResource.class)
class BlobCollectorTest {

    @GrpcClient("storage")
    DeliveryService delivery;

    @GrpcClient("storage")
    MessageService messages;

    @GrpcClient("storage")
    MessageServiceGrpc.MessageServiceBlockingStub blocking;

    @Inject
    Pool pool;

    @Inject
    BlobCollector collector;

    @Inject
    MeterRegistry registry;

    @Test
    void anUnreferencedBlobGoesAfterTheGracePeriod() throws Exception {
        StorageTestClient client = new StorageTestClient(delivery, messages, pool);
        long account = newAccountId();
        byte[] kept = SampleMessages.plain("kept", "still referenced");
        byte[] dropped = SampleMessages.plain("dropped", "expunged");
        byte[] keptSha = MessageDigest.getInstance("SHA-256").digest(kept);
        byte[] droppedSha = MessageDigest.getInstance("SHA-256").digest(dropped);
        client.deliver(kept, account);
        client.deliver(dropped, account);

        blocking.expunge(ExpungeRequest.newBuilder().setMailbox(inbox(account)).setUids(uids(2, 2))
                .setIgnoreDeletedFlag(true).build());
        collector.collect().await().atMost(Duration.ofSeconds(30));
        // within the grace period the blob stays
        assertThat(client.count("SELECT count(*) FROM storage.blobs WHERE sha256 = $1", Buffer.buffer(droppedSha))).isEqualTo(1);

        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> {
            collector.collect().await().atMost(Duration.ofSeconds(30));
            return client.count("SELECT count(*) FROM storage.blobs WHERE sha256 = $1", Buffer.buffer(droppedSha)) == 0;
        });
        assertThat(client.count("SELECT count(*) FROM storage.blobs WHERE sha256 = $1", Buffer.buffer(keptSha))).isEqualTo(1);
    }

    /**
     * A reference count that is wrong (here: set to zero behind the store's back, as an accounting bug
     * would leave it) never costs the content: the collector finds the message still referencing the
     * blob, keeps it, repairs the count and reports the drift.
     */
    @Test
    void aWrongCountNeverDeletesAReferencedBody() throws Exception {
        StorageTestClient client = new StorageTestClient(delivery, messages, pool);
        long account = newAccountId();
        byte[] raw = SampleMessages.plain("drift", "the count of this body will be wrong");
        Buffer sha = Buffer.buffer(MessageDigest.getInstance("SHA-256").digest(raw));
        client.deliver(raw, account, account + 1_000_000);
        double repairsBefore = counter("mail.storage.blob.count.repairs");
        client.query("UPDATE storage.blobs SET ref_count = 0, unreferenced_since = now() - interval '1 day' WHERE sha256 = $1", sha);

        collector.collect(Duration.ZERO).await().atMost(Duration.ofSeconds(30));

        assertThat(client.count("SELECT ref_count FROM storage.blobs WHERE sha256 = $1", sha)).isEqualTo(2);
        assertThat(counter("mail.storage.blob.count.repairs")).isEqualTo(repairsBefore + 1);
        assertThat(body(client, account, 1)).isEqualTo(raw);
        // and the database itself refuses to drop a referenced body, whoever asks
        assertThatThrownBy(() -> client.query("DELETE FROM storage.blobs WHERE sha256 = $1", sha))
                .hasMessageContaining("messages_blob_fkey");
    }

    /** Releasing more references than a blob has is reported, not silently clamped. */
    @Test
    void anOverReleaseIsLoggedAndCounted() throws Exception {
        StorageTestClient client = new StorageTestClient(delivery, messages, pool);
        long account = newAccountId();
        byte[] raw = SampleMessages.plain("over-release", "released twice");
        Buffer sha = Buffer.buffer(MessageDigest.getInstance("SHA-256").digest(raw));
        client.deliver(raw, account);
        client.query("UPDATE storage.blobs SET ref_count = 0 WHERE sha256 = $1", sha);
        double before = counter("mail.storage.blob.over.releases");

        blocking.expunge(ExpungeRequest.newBuilder().setMailbox(inbox(account)).setUids(uids(1, 1))
                .setIgnoreDeletedFlag(true).build());

        assertThat(counter("mail.storage.blob.over.releases")).isEqualTo(before + 1);
        assertThat(client.count("SELECT ref_count FROM storage.blobs WHERE sha256 = $1", sha)).isZero();
    }

    /**
     * Deliveries, copies and expunges of one body in parallel while the collector runs without any
     * grace period: every message that exists at the end is readable, every blob count equals the rows
     * that reference it, and no accounting error was reported on the way.
     */
    @Test
    void parallelDeliveriesCopiesAndExpungesWithTheCollectorRunningLoseNothing() throws Exception {
        StorageTestClient client = new StorageTestClient(delivery, messages, pool);
        byte[] raw = SampleMessages.plain("shared body", "delivered, copied and expunged by many at once");
        Buffer sha = Buffer.buffer(MessageDigest.getInstance("SHA-256").digest(raw));
        long[] accounts = {newAccountId(), newAccountId(), newAccountId()};
        double repairsBefore = counter("mail.storage.blob.count.repairs");
        double overBefore = counter("mail.storage.blob.over.releases");
        long stopAt = System.nanoTime() + Duration.ofSeconds(8).toNanos();
        AtomicInteger operations = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(5);
        try {
            List<Future<?>> workers = new ArrayList<>();
            workers.add(pool.submit(() -> repeat(stopAt, operations, random -> client.deliver(raw,
                    accounts[random.nextInt(accounts.length)], accounts[random.nextInt(accounts.length)]))));
            workers.add(pool.submit(() -> repeat(stopAt, operations, random -> {
                long account = accounts[random.nextInt(accounts.length)];
                blocking.withDeadlineAfter(30, TimeUnit.SECONDS).copyMessages(CopyMessagesRequest.newBuilder()
                        .setSource(inbox(account)).setUids(all()).setTarget(mailbox(account, "Archive")).build());
            })));
            workers.add(pool.submit(() -> repeat(stopAt, operations, random -> {
                long account = accounts[random.nextInt(accounts.length)];
                String name = random.nextBoolean() ? "INBOX" : "Archive";
                blocking.withDeadlineAfter(30, TimeUnit.SECONDS).expunge(ExpungeRequest.newBuilder()
                        .setMailbox(mailbox(account, name)).setUids(all()).setIgnoreDeletedFlag(true).build());
            })));
            workers.add(pool.submit(() -> repeat(stopAt, operations,
                    random -> collector.collect(Duration.ZERO).await().atMost(Duration.ofSeconds(30)))));
            for (Future<?> worker : workers) {
                worker.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        long rows = client.count("SELECT count(*) FROM storage.messages WHERE blob_sha256 = $1", sha);
        assertThat(operations.get()).isGreaterThan(50);
        assertThat(rows).isPositive();
        assertThat(client.count("SELECT ref_count FROM storage.blobs WHERE sha256 = $1", sha)).isEqualTo(rows);
        for (long account : accounts) {
            for (String name : List.of("INBOX", "Archive")) {
                Map<Integer, Map<Integer, byte[]>> bodies = StorageTestClient.sections(client.fetch(FetchRequest.newBuilder()
                        .setMailbox(mailbox(account, name)).setUids(all()).setItems(FetchItems.newBuilder().addSections(WHOLE))
                        .build()));
                bodies.values().forEach(sections -> assertThat(sections.get(0)).isEqualTo(raw));
            }
        }
        assertThat(counter("mail.storage.blob.count.repairs")).isEqualTo(repairsBefore);
        assertThat(counter("mail.storage.blob.over.releases")).isEqualTo(overBefore);

        // Once nothing references it, the collector does take it.
        for (long account : accounts) {
            for (String name : List.of("INBOX", "Archive")) {
                blocking.expunge(ExpungeRequest.newBuilder().setMailbox(mailbox(account, name)).setUids(all())
                        .setIgnoreDeletedFlag(true).build());
            }
        }
        collector.collect(Duration.ZERO).await().atMost(Duration.ofSeconds(30));
        assertThat(client.count("SELECT count(*) FROM storage.blobs WHERE sha256 = $1", sha)).isZero();
    }

    private static final BodySection WHOLE = BodySection.newBuilder().setPart("").setText(BodySection.Text.CONTENT).build();

    private interface Operation {
        void run(Random random) throws Exception;
    }

    private static Void repeat(long stopAt, AtomicInteger operations, Operation operation) throws Exception {
        Random random = new Random();
        while (System.nanoTime() < stopAt) {
            try {
                operation.run(random);
                operations.incrementAndGet();
            } catch (StatusRuntimeException e) {
                // a race lost to a concurrent change (ABORTED) is an answer, not a loss; anything else fails
                if (e.getStatus().getCode() != Status.Code.ABORTED) {
                    throw e;
                }
            }
        }
        return null;
    }

    private byte[] body(StorageTestClient client, long account, int uid) {
        return StorageTestClient.sections(client.fetch(FetchRequest.newBuilder().setMailbox(inbox(account))
                .setUids(uids(uid, uid)).setItems(FetchItems.newBuilder().addSections(WHOLE)).build())).get(uid).get(0);
    }

    private double counter(String name) {
        return registry.counter(name).count();
    }
}
