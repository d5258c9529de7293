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
import io.mailserver.storage.sql.RetriedTransaction;
import io.mailserver.storage.support.SampleMessages;
import io.mailserver.storage.support.StorageTestClient;
import io.mailserver.testkit.quarkus.GrpcServerResource;
import io.mailserver.testkit.quarkus.KafkaResource;
import io.mailserver.testkit.quarkus.PostgresResource;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.mutiny.sqlclient.Tuple;
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
     * A release is a hint, not the truth: one recorded for a blob that messages still reference (as a
     * MOVE leaves, or a bug might) never costs the content. The collector finds the references, keeps
     * the blob and drops the release.
     */
    @Test
    void aReleaseOfAReferencedBlobNeverDeletesIt() throws Exception {
        StorageTestClient client = new StorageTestClient(delivery, messages, pool);
        long account = newAccountId();
        byte[] raw = SampleMessages.plain("stray release", "this body is released while referenced");
        Buffer sha = Buffer.buffer(MessageDigest.getInstance("SHA-256").digest(raw));
        client.deliver(raw, account, account + 1_000_000);
        client.query("INSERT INTO storage.blob_releases (sha256, released_at) VALUES ($1, now() - interval '1 day')", sha);

        collector.collect(Duration.ZERO).await().atMost(Duration.ofSeconds(30));

        assertThat(client.count("SELECT count(*) FROM storage.blobs WHERE sha256 = $1", sha)).isEqualTo(1);
        assertThat(client.count("SELECT count(*) FROM storage.blob_releases WHERE sha256 = $1", sha)).isZero();
        assertThat(body(client, account, 1)).isEqualTo(raw);
        // and the database itself refuses to drop a referenced body, whoever asks
        assertThatThrownBy(() -> client.query("DELETE FROM storage.blobs WHERE sha256 = $1", sha))
                .hasMessageContaining("messages_blob_fkey");
    }

    /**
     * A released blob whose row a writer holds (the key-share lock a new reference's foreign key
     * takes, until that writer commits) is not waited for: the collector goes on, keeps the blob and
     * releases it again, so it is looked at once more after the writer is done.
     */
    @Test
    void aBlobAWriterHoldsIsSkippedAndReleasedAgain() throws Exception {
        StorageTestClient client = new StorageTestClient(delivery, messages, pool);
        long account = newAccountId();
        byte[] raw = SampleMessages.plain("held", "a writer holds this body's row");
        Buffer sha = deliveredAndExpunged(client, account, raw);
        SqlConnection writer = pool.getConnection().await().atMost(Duration.ofSeconds(10));
        try {
            Transaction held = writer.begin().await().atMost(Duration.ofSeconds(10));
            writer.preparedQuery("SELECT 1 FROM storage.blobs WHERE sha256 = $1 FOR KEY SHARE").execute(Tuple.of(sha))
                    .await().atMost(Duration.ofSeconds(10));

            collector.collect(Duration.ZERO).await().atMost(Duration.ofSeconds(30));

            assertThat(client.count("SELECT count(*) FROM storage.blobs WHERE sha256 = $1", sha)).isEqualTo(1);
            assertThat(client.count("SELECT count(*) FROM storage.blob_releases WHERE sha256 = $1", sha)).isEqualTo(1);
            held.rollback().await().atMost(Duration.ofSeconds(10));
        } finally {
            writer.close().await().atMost(Duration.ofSeconds(10));
        }
        // the writer gone, the next look finds nothing referencing it
        client.query("UPDATE storage.blob_releases SET released_at = now() - interval '1 day' WHERE sha256 = $1", sha);
        collector.collect(Duration.ZERO).await().atMost(Duration.ofSeconds(30));
        assertThat(client.count("SELECT count(*) FROM storage.blobs WHERE sha256 = $1", sha)).isZero();
    }

    /**
     * The race a writer can run with the collector: the writer finds the body there (a put takes no
     * lock), the collector deletes it before the writer's reference is inserted, and the reference's
     * foreign key fails. RetriedTransaction runs the writer again, which then stores the body anew.
     */
    @Test
    void aReferenceToABodyTheCollectorJustDeletedRunsAgain() throws Exception {
        StorageTestClient client = new StorageTestClient(delivery, messages, pool);
        long account = newAccountId();
        byte[] raw = SampleMessages.plain("raced", "deleted between the look and the reference");
        Buffer sha = deliveredAndExpunged(client, account, raw);
        Row body = client.query("SELECT content, raw_size, stored_size FROM storage.blobs WHERE sha256 = $1", sha).get(0);
        AtomicInteger runs = new AtomicInteger();

        RetriedTransaction.run(pool, tx -> tx.preparedQuery("SELECT 1 FROM storage.blobs WHERE sha256 = $1").execute(Tuple.of(sha))
                        .flatMap(found -> runs.incrementAndGet() == 1
                                ? collector.collect(Duration.ZERO).replaceWithVoid()
                                : tx.preparedQuery("INSERT INTO storage.blobs (sha256, content, raw_size, stored_size) "
                                                + "VALUES ($1, $2, $3, $4)")
                                        .execute(Tuple.of(sha, body.getBuffer("content").getDelegate(), body.getLong("raw_size"),
                                                body.getLong("stored_size")))
                                        .replaceWithVoid())
                        .flatMap(stored -> tx.preparedQuery("INSERT INTO storage.messages (account_id, mailbox_id, uid, "
                                        + "blob_sha256, size, internal_date, modseq, envelope, body_structure, header) "
                                        + "SELECT account_id, mailbox_id, 100, $1, $2, now(), 1, ''::bytea, ''::bytea, ''::bytea "
                                        + "FROM storage.mailboxes WHERE account_id = $3 AND name = 'INBOX'")
                                .execute(Tuple.of(sha, (long) raw.length, account))))
                .await().atMost(Duration.ofSeconds(30));

        assertThat(runs).as("the first run lost its body to the collector and ran again").hasValue(2);
        assertThat(client.count("SELECT count(*) FROM storage.messages WHERE account_id = $1 AND blob_sha256 = $2",
                account, sha)).isEqualTo(1);
        assertThat(client.count("SELECT count(*) FROM storage.blobs WHERE sha256 = $1", sha)).isEqualTo(1);
    }

    /**
     * Deliveries, copies and expunges of one body in parallel while the collector runs without any
     * grace period: every message that exists at the end is readable (the collector never took a body
     * a message still names, and a reference racing a deletion ran again and stored the body anew).
     */
    @Test
    void parallelDeliveriesCopiesAndExpungesWithTheCollectorRunningLoseNothing() throws Exception {
        StorageTestClient client = new StorageTestClient(delivery, messages, pool);
        byte[] raw = SampleMessages.plain("shared body", "delivered, copied and expunged by many at once");
        Buffer sha = Buffer.buffer(MessageDigest.getInstance("SHA-256").digest(raw));
        long[] accounts = {newAccountId(), newAccountId(), newAccountId()};
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
        assertThat(client.count("SELECT count(*) FROM storage.blobs WHERE sha256 = $1", sha)).isEqualTo(1);
        for (long account : accounts) {
            for (String name : List.of("INBOX", "Archive")) {
                Map<Integer, Map<Integer, byte[]>> bodies = StorageTestClient.sections(client.fetch(FetchRequest.newBuilder()
                        .setMailbox(mailbox(account, name)).setUids(all()).setItems(FetchItems.newBuilder().addSections(WHOLE))
                        .build()));
                bodies.values().forEach(sections -> assertThat(sections.get(0)).isEqualTo(raw));
            }
        }

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

    /** Delivers {@code raw} as the account's only message and expunges it: its blob is released. */
    private Buffer deliveredAndExpunged(StorageTestClient client, long account, byte[] raw) throws Exception {
        client.deliver(raw, account);
        blocking.expunge(ExpungeRequest.newBuilder().setMailbox(inbox(account)).setUids(uids(1, 1))
                .setIgnoreDeletedFlag(true).build());
        return Buffer.buffer(MessageDigest.getInstance("SHA-256").digest(raw));
    }

    private byte[] body(StorageTestClient client, long account, int uid) {
        return StorageTestClient.sections(client.fetch(FetchRequest.newBuilder().setMailbox(inbox(account))
                .setUids(uids(uid, uid)).setItems(FetchItems.newBuilder().addSections(WHOLE)).build())).get(uid).get(0);
    }
}
