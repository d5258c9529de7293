package io.mailserver.storage.delivery;

import static io.mailserver.storage.support.StorageTestClient.inbox;
import static io.mailserver.storage.support.StorageTestClient.newAccountId;
import static io.mailserver.storage.support.StorageTestClient.uids;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.mailserver.contracts.storage.v1.DeliverRequest;
import io.mailserver.contracts.storage.v1.DeliverResponse;
import io.mailserver.contracts.storage.v1.DeliveryEnvelope;
import io.mailserver.contracts.storage.v1.DeliveryRecipient;
import io.mailserver.contracts.storage.v1.DeliveryService;
import io.mailserver.contracts.storage.v1.DeliveryServiceGrpc;
import io.mailserver.contracts.storage.v1.ExpungeRequest;
import io.mailserver.contracts.storage.v1.MailboxServiceGrpc;
import io.mailserver.contracts.storage.v1.MessageService;
import io.mailserver.contracts.storage.v1.MessageServiceGrpc;
import io.mailserver.contracts.storage.v1.SelectMailboxRequest;
import io.mailserver.storage.support.SampleMessages;
import io.mailserver.storage.support.StorageTestClient;
import io.mailserver.testkit.quarkus.GrpcServerResource;
import io.mailserver.testkit.quarkus.KafkaResource;
import io.mailserver.testkit.quarkus.PostgresResource;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Multi;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Deliver: one blob for many recipients, idempotent retries, nothing stored from a broken stream. */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(GrpcServerResource.class)
class DeliverTest {

    @GrpcClient("storage")
    DeliveryService delivery;

    @GrpcClient("storage")
    io.grpc.Channel channel;

    @GrpcClient("storage")
    MessageService messages;

    @GrpcClient("storage")
    MessageServiceGrpc.MessageServiceBlockingStub messagesBlocking;

    @GrpcClient("storage")
    MailboxServiceGrpc.MailboxServiceBlockingStub mailboxes;

    @Inject
    Pool pool;

    StorageTestClient client;

    @BeforeEach
    void setUp() {
        client = new StorageTestClient(delivery, messages, pool);
    }

    @Test
    void oneMessageToThreeRecipientsIsOneBlobAndThreeRows() throws Exception {
        long a = newAccountId();
        long b = newAccountId();
        long c = newAccountId();
        byte[] raw = SampleMessages.plain("shared", "one body for three");
        byte[] sha = MessageDigest.getInstance("SHA-256").digest(raw);

        DeliverResponse response = client.deliver(raw, a, b, c);

        assertThat(response.getContentSha256()).isEqualTo(HexFormat.of().formatHex(sha));
        assertThat(response.getMessagesList()).extracting(m -> m.getAccountId()).containsExactly(a, b, c);
        assertThat(response.getMessagesList()).allSatisfy(m -> {
            assertThat(m.getUid()).isEqualTo(1);
            assertThat(m.getUidValidity()).isNotZero();
        });
        assertThat(client.count("SELECT count(*) FROM storage.blobs WHERE sha256 = $1", Buffer.buffer(sha))).isEqualTo(1);
        assertThat(client.count("SELECT count(*) FROM storage.messages WHERE blob_sha256 = $1", Buffer.buffer(sha)))
                .isEqualTo(3);

        messagesBlocking.expunge(ExpungeRequest.newBuilder().setMailbox(inbox(b)).setUids(uids(1, 1))
                .setIgnoreDeletedFlag(true).build());

        assertThat(client.count("SELECT count(*) FROM storage.messages WHERE blob_sha256 = $1", Buffer.buffer(sha)))
                .isEqualTo(2);
        assertThat(client.count("SELECT count(*) FROM storage.blob_releases WHERE sha256 = $1", Buffer.buffer(sha)))
                .isEqualTo(1);
        var inboxB = mailboxes.selectMailbox(SelectMailboxRequest.newBuilder().setMailbox(inbox(b)).build());
        assertThat(inboxB.getMailbox().getMessageCount()).isZero();
        assertThat(inboxB.getMailbox().getUidNext()).isEqualTo(2);
    }

    @Test
    void countersFollowTheDelivery() {
        long a = newAccountId();
        byte[] raw = SampleMessages.plain("counters", "body");
        client.deliver(raw, a);
        client.deliver(SampleMessages.plain("counters 2", "body"), a);

        var snapshot = mailboxes.selectMailbox(SelectMailboxRequest.newBuilder().setMailbox(inbox(a)).build());

        assertThat(snapshot.getMailbox().getMessageCount()).isEqualTo(2);
        assertThat(snapshot.getMailbox().getUnseenCount()).isEqualTo(2);
        assertThat(snapshot.getMailbox().getUidNext()).isEqualTo(3);
        assertThat(snapshot.getMailbox().getSizeBytes()).isGreaterThan(raw.length);
        assertThat(snapshot.getFirstUnseenUid()).isEqualTo(1);
        assertThat(snapshot.getUids().getRangesList()).singleElement()
                .satisfies(r -> assertThat(r.getFirst()).isEqualTo(1))
                .satisfies(r -> assertThat(r.getLast()).isEqualTo(2));
    }

    @Test
    void concurrentDeliveriesToOneAccountGetConsecutiveUidsAndShareCommits() throws Exception {
        long a = newAccountId();
        client.deliver(SampleMessages.plain("first", "provisions the account"), a);
        int n = 30;
        // INBOX stays locked until the first deliveries wait for it, so the rest queue up behind them
        SqlConnection holder = pool.getConnection().await().atMost(Duration.ofSeconds(30));
        Transaction locked = holder.begin().await().atMost(Duration.ofSeconds(30));
        holder.preparedQuery("SELECT 1 FROM storage.mailboxes WHERE account_id = $1 AND name = 'INBOX' FOR UPDATE")
                .execute(Tuple.of(a)).await().atMost(Duration.ofSeconds(30));
        List<CompletableFuture<DeliverResponse>> calls = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                calls.add(delivery.deliver(Multi.createFrom().iterable(StorageTestClient.deliverStream(
                        SampleMessages.plain("concurrent " + i, "body " + i), 16 * 1024,
                        List.of(StorageTestClient.recipient(a)), UUID.randomUUID().toString()))).subscribeAsCompletionStage());
            }
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> client.count("SELECT count(*) FROM pg_stat_activity "
                    + "WHERE wait_event_type = 'Lock' AND query LIKE 'UPDATE storage.mailboxes%'") >= 2);
        } finally {
            locked.rollback().await().atMost(Duration.ofSeconds(30));
            holder.close().await().atMost(Duration.ofSeconds(30));
        }
        List<Integer> uids = new ArrayList<>();
        for (var call : calls) {
            uids.add(call.get(30, TimeUnit.SECONDS).getMessages(0).getUid());
        }

        assertThat(uids).containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(2, n + 1).boxed().toList());
        var snapshot = mailboxes.selectMailbox(SelectMailboxRequest.newBuilder().setMailbox(inbox(a)).build());
        assertThat(snapshot.getMailbox().getMessageCount()).isEqualTo(n + 1);
        assertThat(snapshot.getMailbox().getUidNext()).isEqualTo(n + 2);
        assertThat(client.count("SELECT count(DISTINCT xmin::text) FROM storage.messages WHERE account_id = $1 AND uid > 1", a))
                .as("deliveries that queued behind others committed with them").isLessThan(n);
    }

    @Test
    void deliveriesToDifferentAccountsThatQueueCommitTogether() throws Exception {
        // more accounts than lanes (mail.storage.delivery.group-lanes, 2): some lane holds two of them
        List<Long> accounts = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            long a = newAccountId();
            client.deliver(SampleMessages.plain("first", "provisions the account"), a);
            accounts.add(a);
        }
        SqlConnection holder = pool.getConnection().await().atMost(Duration.ofSeconds(30));
        Transaction locked = holder.begin().await().atMost(Duration.ofSeconds(30));
        holder.preparedQuery("SELECT 1 FROM storage.mailboxes WHERE account_id = ANY($1) AND name = 'INBOX' "
                        + "ORDER BY account_id FOR UPDATE")
                .execute(Tuple.of(accounts.toArray(Long[]::new))).await().atMost(Duration.ofSeconds(30));
        List<CompletableFuture<DeliverResponse>> calls = new ArrayList<>();
        try {
            for (int i = 0; i < 30; i++) {
                calls.add(delivery.deliver(Multi.createFrom().iterable(StorageTestClient.deliverStream(
                        SampleMessages.plain("spread " + i, "body " + i), 16 * 1024,
                        List.of(StorageTestClient.recipient(accounts.get(i % accounts.size()))),
                        UUID.randomUUID().toString()))).subscribeAsCompletionStage());
            }
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> client.count("SELECT count(*) FROM pg_stat_activity "
                    + "WHERE wait_event_type = 'Lock' AND query LIKE 'UPDATE storage.mailboxes%'") >= 2);
        } finally {
            locked.rollback().await().atMost(Duration.ofSeconds(30));
            holder.close().await().atMost(Duration.ofSeconds(30));
        }
        for (var call : calls) {
            call.get(30, TimeUnit.SECONDS);
        }

        for (long a : accounts) {
            var snapshot = mailboxes.selectMailbox(SelectMailboxRequest.newBuilder().setMailbox(inbox(a)).build());
            assertThat(snapshot.getMailbox().getMessageCount()).isEqualTo(6);
            assertThat(snapshot.getMailbox().getUidNext()).isEqualTo(7);
        }
        assertThat(client.count("SELECT count(*) FROM (SELECT xmin::text FROM storage.messages WHERE account_id = ANY($1) "
                + "AND uid > 1 GROUP BY xmin::text HAVING count(DISTINCT account_id) > 1) shared", (Object) accounts.toArray(Long[]::new)))
                .as("deliveries to different accounts that queued in one lane committed together").isPositive();
    }

    @Test
    void aRepeatedDeliveryIdAnswersTheFirstResult() {
        long a = newAccountId();
        String id = UUID.randomUUID().toString();
        byte[] raw = SampleMessages.plain("once", "only once");

        DeliverResponse first = client.deliver(raw, List.of(StorageTestClient.recipient(a)), id);
        DeliverResponse again = client.deliver(raw, List.of(StorageTestClient.recipient(a)), id);

        assertThat(again).isEqualTo(first);
        assertThat(client.count("SELECT count(*) FROM storage.messages WHERE account_id = $1", a)).isEqualTo(1);
    }

    @Test
    void anUnknownMailboxNameDeliversToInboxAndAKnownOneToItself() {
        long a = newAccountId();
        DeliverResponse response = client.deliver(SampleMessages.plain("where", "to"), List.of(
                DeliveryRecipient.newBuilder().setAccountId(a).setMailbox("Nowhere").build(),
                DeliveryRecipient.newBuilder().setAccountId(a).setMailbox("Junk")
                        .addFlags("\\Seen").addFlags("$Spam").build()),
                UUID.randomUUID().toString());

        var inbox = mailboxes.selectMailbox(SelectMailboxRequest.newBuilder().setMailbox(inbox(a)).build());
        var junk = mailboxes.selectMailbox(SelectMailboxRequest.newBuilder()
                .setMailbox(StorageTestClient.mailbox(a, "Junk")).build());
        assertThat(response.getMessages(0).getMailboxId()).isEqualTo(inbox.getMailbox().getMailboxId());
        assertThat(response.getMessages(1).getMailboxId()).isEqualTo(junk.getMailbox().getMailboxId());
        assertThat(junk.getMailbox().getUnseenCount()).isZero();
        assertThat(junk.getKeywordsList()).containsExactly("$Spam");
    }

    @Test
    void aShortStreamStoresNothing() throws Exception {
        long a = newAccountId();
        byte[] raw = SampleMessages.plain("short", "cut short");
        byte[] sha = MessageDigest.getInstance("SHA-256").digest(raw);
        List<DeliverRequest> items = List.of(
                DeliverRequest.newBuilder().setEnvelope(DeliveryEnvelope.newBuilder()
                        .setDeliveryId(UUID.randomUUID().toString())
                        .addRecipients(StorageTestClient.recipient(a))
                        .setSize(raw.length + 10)).build(),
                DeliverRequest.newBuilder().setData(ByteString.copyFrom(raw)).build());

        assertThatThrownBy(() -> delivery.deliver(Multi.createFrom().iterable(items)).await().atMost(Duration.ofSeconds(30)))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT));
        assertThat(client.count("SELECT count(*) FROM storage.messages WHERE account_id = $1", a)).isZero();
        assertThat(client.count("SELECT count(*) FROM storage.blobs WHERE sha256 = $1", Buffer.buffer(sha))).isZero();
    }

    @Test
    void aCancelledStreamStoresNothing() throws Exception {
        long a = newAccountId();
        byte[] raw = SampleMessages.large(100_000);
        byte[] sha = MessageDigest.getInstance("SHA-256").digest(raw);
        CountDownLatch done = new CountDownLatch(1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicReference<ClientCallStreamObserver<DeliverRequest>> call = new AtomicReference<>();
        DeliveryServiceGrpc.newStub(channel).deliver(new ClientResponseObserver<DeliverRequest, DeliverResponse>() {
            @Override
            public void beforeStart(ClientCallStreamObserver<DeliverRequest> requestStream) {
                call.set(requestStream);
            }

            @Override
            public void onNext(DeliverResponse value) {
            }

            @Override
            public void onError(Throwable t) {
                failure.set(t);
                done.countDown();
            }

            @Override
            public void onCompleted() {
                done.countDown();
            }
        });
        List<DeliverRequest> items = StorageTestClient.deliverStream(raw, 8192, List.of(StorageTestClient.recipient(a)),
                UUID.randomUUID().toString());
        for (int i = 0; i < items.size() / 2; i++) {
            call.get().onNext(items.get(i));
        }
        call.get().cancel("client gave up", null);

        assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(Status.fromThrowable(failure.get()).getCode()).isEqualTo(Status.Code.CANCELLED);
        // the server never answers a cancelled call; watch for a while that nothing appears
        Awaitility.await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(5)).until(() ->
                client.count("SELECT count(*) FROM storage.messages WHERE account_id = $1", a) == 0
                        && client.count("SELECT count(*) FROM storage.blobs WHERE sha256 = $1", Buffer.buffer(sha)) == 0);
    }

    @Test
    void aMessageOverTheLimitIsRefused() {
        long a = newAccountId();
        List<DeliverRequest> items = List.of(DeliverRequest.newBuilder().setEnvelope(DeliveryEnvelope.newBuilder()
                .addRecipients(StorageTestClient.recipient(a)).setSize(64L * 1024 * 1024 + 1)).build());

        assertThatThrownBy(() -> delivery.deliver(Multi.createFrom().iterable(items)).await().atMost(Duration.ofSeconds(30)))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED));
    }
}
