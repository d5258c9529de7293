package io.mailserver.storage.queue;

import static io.mailserver.storage.support.StorageTestClient.newAccountId;
import static io.mailserver.storage.support.StorageTestClient.recipient;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.mailserver.contracts.storage.v1.BodySection;
import io.mailserver.contracts.storage.v1.DeliverRequest;
import io.mailserver.contracts.storage.v1.FetchItems;
import io.mailserver.contracts.storage.v1.FetchRequest;
import io.mailserver.contracts.storage.v1.DeliverResponse;
import io.mailserver.contracts.storage.v1.DeliveryEnvelope;
import io.mailserver.contracts.storage.v1.DeliveryService;
import io.mailserver.contracts.storage.v1.ExpungeRequest;
import io.mailserver.contracts.storage.v1.FetchQueuedMessageRequest;
import io.mailserver.contracts.storage.v1.LeaseEntriesRequest;
import io.mailserver.contracts.storage.v1.MessageService;
import io.mailserver.contracts.storage.v1.OutboundQueueServiceGrpc;
import io.mailserver.contracts.storage.v1.OutboundRecipient;
import io.mailserver.contracts.storage.v1.DeleteQueuedRequest;
import io.mailserver.contracts.storage.v1.ListQueueRequest;
import io.mailserver.contracts.storage.v1.ListQueueResponse;
import io.mailserver.contracts.storage.v1.QueueAdminServiceGrpc;
import io.mailserver.contracts.storage.v1.QueueEntry;
import io.mailserver.contracts.storage.v1.RetryQueuedRequest;
import io.mailserver.contracts.storage.v1.QueuedMessageChunk;
import io.mailserver.contracts.storage.v1.RecipientOutcome;
import io.mailserver.contracts.storage.v1.ReportAttemptRequest;
import io.mailserver.contracts.storage.v1.Timestamp;
import io.mailserver.contracts.storage.v1.TlsRequirement;
import io.mailserver.storage.blob.service.BlobCollector;
import io.mailserver.storage.support.StorageTestClient;
import io.mailserver.testkit.quarkus.GrpcServerResource;
import io.mailserver.testkit.quarkus.KafkaResource;
import io.mailserver.testkit.quarkus.PostgresResource;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Multi;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The outbound queue against real PostgreSQL: Deliver queues remote recipients by domain in the
 * transaction of the local copies, retries queue nothing twice, workers lease without overlap, a lost
 * lease refuses the report, and a finished message gives its blob reference back.
 */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(GrpcServerResource.class)
class OutboundQueueTest {

    private static final byte[] MESSAGE = ("Received: from client.example by mx.example\r\n"
            + "Subject: queued\r\n\r\nfor other domains\r\n").getBytes(StandardCharsets.US_ASCII);

    @GrpcClient("storage")
    DeliveryService delivery;

    @GrpcClient("storage")
    MessageService messages;

    @GrpcClient("storage")
    OutboundQueueServiceGrpc.OutboundQueueServiceBlockingStub queue;

    @GrpcClient("storage")
    QueueAdminServiceGrpc.QueueAdminServiceBlockingStub admin;

    @Inject
    Pool pool;

    @Inject
    BlobCollector collector;

    StorageTestClient client;

    @BeforeEach
    void setUp() {
        client = new StorageTestClient(delivery, messages, pool);
        // entries of earlier tests would be leased here too: each test drains what is due first
        drain("drainer");
    }

    private void drain(String worker) {
        while (true) {
            List<QueueEntry> entries = lease(worker, 100, 60);
            if (entries.isEmpty()) {
                return;
            }
            for (QueueEntry entry : entries) {
                report(entry, worker, RecipientOutcome.Kind.DELIVERED);
            }
        }
    }

    private static OutboundRecipient outbound(String address) {
        return OutboundRecipient.newBuilder().setAddress(address).build();
    }

    private DeliverResponse deliver(String deliveryId, List<Long> locals, List<OutboundRecipient> outbound) {
        return deliver(deliveryId, locals, outbound, 0);
    }

    private DeliverResponse deliver(String deliveryId, List<Long> locals, List<OutboundRecipient> outbound, long submittedBy) {
        return deliver(deliveryId, locals, outbound, submittedBy, envelope -> { });
    }

    private DeliverResponse deliver(String deliveryId, List<Long> locals, List<OutboundRecipient> outbound, long submittedBy,
            java.util.function.Consumer<DeliveryEnvelope.Builder> more) {
        return deliver(MESSAGE, deliveryId, locals, outbound, submittedBy, more);
    }

    private DeliverResponse deliver(byte[] message, String deliveryId, List<Long> locals, List<OutboundRecipient> outbound,
            long submittedBy, java.util.function.Consumer<DeliveryEnvelope.Builder> more) {
        DeliveryEnvelope.Builder envelope = DeliveryEnvelope.newBuilder()
                .setSubmittedBy(submittedBy)
                .setDeliveryId(deliveryId)
                .setMailFrom("alice@example.test")
                .setSize(message.length)
                .addAllOutbound(outbound)
                .setAddReturnPath(true)
                .setSmtputf8(true)
                .setEightBit(true)
                .setTlsRequirement(TlsRequirement.TLS_REQUIREMENT_REQUIRED)
                .setEnvid("ENV-1");
        locals.forEach(id -> envelope.addRecipients(recipient(id)));
        more.accept(envelope);
        List<DeliverRequest> items = List.of(DeliverRequest.newBuilder().setEnvelope(envelope).build(),
                DeliverRequest.newBuilder().setData(com.google.protobuf.ByteString.copyFrom(message)).build());
        return delivery.deliver(Multi.createFrom().iterable(items)).await().atMost(StorageTestClient.TIMEOUT);
    }

    private List<QueueEntry> lease(String worker, int max, int seconds) {
        return queue.leaseEntries(LeaseEntriesRequest.newBuilder().setWorker(worker).setMaxEntries(max)
                .setLeaseSeconds(seconds).build()).getEntriesList();
    }

    private int report(QueueEntry entry, String worker, RecipientOutcome.Kind kind) {
        ReportAttemptRequest.Builder request = ReportAttemptRequest.newBuilder().setEntryId(entry.getEntryId())
                .setWorker(worker)
                .setRetryAt(Timestamp.newBuilder().setEpochSeconds(System.currentTimeMillis() / 1000 + 3600));
        entry.getRecipientsList().forEach(r -> request.addOutcomes(RecipientOutcome.newBuilder().setIndex(r.getIndex())
                .setKind(kind).setDiagnostic("250 2.0.0 ok")));
        return queue.reportAttempt(request.build()).getRemaining();
    }

    private byte[] content(QueueEntry entry, String worker) {
        Iterator<QueuedMessageChunk> chunks = queue.fetchQueuedMessage(FetchQueuedMessageRequest.newBuilder()
                .setEntryId(entry.getEntryId()).setWorker(worker).build());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        chunks.forEachRemaining(chunk -> out.writeBytes(chunk.getData().toByteArray()));
        return out.toByteArray();
    }

    /** The first message of the account's INBOX as stored, as text. */
    private String firstInInbox(long account) {
        byte[] stored = StorageTestClient.sections(client.fetch(FetchRequest.newBuilder()
                .setMailbox(StorageTestClient.inbox(account)).setUids(StorageTestClient.uids(1, 1))
                .setItems(FetchItems.newBuilder().addSections(BodySection.newBuilder().setPart("")
                        .setText(BodySection.Text.CONTENT))).build())).get(1).get(0);
        return new String(stored, StandardCharsets.US_ASCII);
    }

    /** Whether the blob is stored: 1 or 0. */
    private long storedBlobs(String hexSha) {
        return client.count("SELECT count(*) FROM storage.blobs WHERE encode(sha256, 'hex') = $1", hexSha);
    }

    /** The rows that reference the blob: message rows and queued outbound messages. */
    private long blobReferences(String hexSha) {
        return client.count("SELECT (SELECT count(*) FROM storage.messages WHERE encode(blob_sha256, 'hex') = $1) "
                + "+ (SELECT count(*) FROM storage.outbound_messages WHERE encode(blob_sha256, 'hex') = $1)", hexSha);
    }

    private long releases(String hexSha) {
        return client.count("SELECT count(*) FROM storage.blob_releases WHERE encode(sha256, 'hex') = $1", hexSha);
    }

    @Test
    void localCopiesAndQueuedEntriesCommitTogetherAndRetriesQueueNothingTwice() {
        long local = newAccountId();
        String id = "d-" + UUID.randomUUID();
        List<OutboundRecipient> remote = List.of(outbound("bob@Remote.example"), outbound("carol@other.example"),
                outbound("dave@remote.example"));
        DeliverResponse first = deliver(id, List.of(local), remote);
        assertThat(first.getMessagesCount()).isEqualTo(1);
        assertThat(first.getQueueId()).isPositive();
        // a retry of the same delivery answers the first result and queues nothing more
        DeliverResponse again = deliver(id, List.of(local), remote);
        assertThat(again.getQueueId()).isEqualTo(first.getQueueId());
        assertThat(again.getMessages(0)).isEqualTo(first.getMessages(0));

        List<QueueEntry> entries = lease("worker-a", 10, 60);
        // one entry per destination domain, recipients with their envelope index
        assertThat(entries).extracting(QueueEntry::getDomain).containsExactlyInAnyOrder("remote.example", "other.example");
        QueueEntry remoteEntry = entries.stream().filter(e -> e.getDomain().equals("remote.example")).findFirst().orElseThrow();
        assertThat(remoteEntry.getRecipientsList()).extracting(r -> r.getRecipient().getAddress())
                .containsExactly("bob@Remote.example", "dave@remote.example");
        assertThat(remoteEntry.getRecipientsList()).extracting(r -> r.getIndex()).containsExactly(0, 2);
        assertThat(remoteEntry.getMailFrom()).isEqualTo("alice@example.test");
        assertThat(remoteEntry.getEnvid()).isEqualTo("ENV-1");
        assertThat(remoteEntry.getSmtputf8()).isTrue();
        assertThat(remoteEntry.getEightBit()).isTrue();
        assertThat(remoteEntry.getTlsRequirement()).isEqualTo(TlsRequirement.TLS_REQUIREMENT_REQUIRED);
        assertThat(remoteEntry.getExpiresAt().getEpochSeconds() - remoteEntry.getQueuedAt().getEpochSeconds())
                .isEqualTo(5L * 24 * 3600);
        // the queued content is the message as sent; the local copy got the Return-Path of final delivery
        assertThat(content(remoteEntry, "worker-a")).isEqualTo(MESSAGE);
        assertThat(firstInInbox(local))
                .isEqualTo("Return-Path: <alice@example.test>\r\n" + new String(MESSAGE, StandardCharsets.US_ASCII));
        for (QueueEntry entry : entries) {
            report(entry, "worker-a", RecipientOutcome.Kind.DELIVERED);
        }
    }

    @Test
    void aForwardedCopyGoesFromItsOwnSenderUnderItsOwnFields() {
        long local = newAccountId();
        String arc = "ARC-Seal: i=1; cv=none; d=example.test;\r\n b=abc\r\nARC-Authentication-Results: i=1; mx; none\r\n";
        deliver("d-" + UUID.randomUUID(), List.of(local), List.of(outbound("carol@forward.example")), 0,
                envelope -> envelope.setOutboundMailFrom("SRS0=HHHH=TT=example.test=alice@hosted.test")
                        .setOutboundHeader(com.google.protobuf.ByteString.copyFromUtf8(arc)).setReturnFull(true));

        QueueEntry entry = lease("worker-f", 10, 60).stream()
                .filter(e -> e.getDomain().equals("forward.example")).findFirst().orElseThrow();
        assertThat(entry.getMailFrom()).isEqualTo("SRS0=HHHH=TT=example.test=alice@hosted.test");
        // RET=FULL as given, to be passed on
        assertThat(entry.getReturnFull()).isTrue();
        assertThat(entry.getReturnHeadersOnly()).isFalse();
        assertThat(new String(content(entry, "worker-f"), StandardCharsets.US_ASCII))
                .isEqualTo(arc + new String(MESSAGE, StandardCharsets.US_ASCII));
        assertThat(entry.getSize()).isEqualTo(arc.length() + MESSAGE.length);
        // the local copy is the message as received, returned to the real sender
        assertThat(firstInInbox(local))
                .isEqualTo("Return-Path: <alice@example.test>\r\n" + new String(MESSAGE, StandardCharsets.US_ASCII));
        report(entry, "worker-f", RecipientOutcome.Kind.DELIVERED);
    }

    @Test
    void fieldsForTheQueuedCopyCannotEndItsHeaderOrSmuggleLines() {
        for (String bad : List.of("X-A: 1", "X-A: 1\r\n\r\n", "X-A: 1\nX-B: 2\r\n", " folded: first\r\n",
                "X-A: 1\r\nnot a field\r\n", "X-A: 1\rX-B: 2\r\n", "X-A: \u00e9\r\n", "X-A: 1\r\n \r\n",
                "X-A: " + "a".repeat(70 * 1024) + "\r\n")) {
            assertThatThrownBy(() -> deliver("d-" + UUID.randomUUID(), List.of(), List.of(outbound("x@f.example")), 0,
                    envelope -> envelope.setOutboundHeader(com.google.protobuf.ByteString.copyFromUtf8(bad))))
                    .as(bad).hasMessageContaining("INVALID_ARGUMENT");
        }
        assertThatThrownBy(() -> deliver("d-" + UUID.randomUUID(), List.of(), List.of(outbound("x@f.example")), 0,
                envelope -> envelope.setOutboundMailFrom("a@b.example>\r\nRCPT TO:<x@y>")))
                .hasMessageContaining("INVALID_ARGUMENT");
        assertThatThrownBy(() -> deliver("d-" + UUID.randomUUID(), List.of(), List.of(outbound("x@f.example")), 0,
                envelope -> envelope.setReturnFull(true).setReturnHeadersOnly(true)))
                .hasMessageContaining("INVALID_ARGUMENT");
    }

    @Test
    void workersNeverShareALeaseAndALostLeaseRefusesTheReport() throws Exception {
        deliver("d-" + UUID.randomUUID(), List.of(), List.of(outbound("x@lease.example")));
        List<QueueEntry> a = lease("worker-a", 10, 1);
        assertThat(a).hasSize(1);
        assertThat(lease("worker-b", 10, 60)).isEmpty();
        // a stranger may neither read nor report it
        assertThatThrownBy(() -> content(a.get(0), "worker-b")).isInstanceOfSatisfying(StatusRuntimeException.class,
                e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION));
        // worker-a is taken for dead once its lease runs out: the entry is due for another worker
        List<QueueEntry> b = new ArrayList<>();
        long until = System.currentTimeMillis() + 10_000;
        while (b.isEmpty() && System.currentTimeMillis() < until) {
            b = lease("worker-b", 10, 60);
        }
        assertThat(b).extracting(QueueEntry::getEntryId).containsExactly(a.get(0).getEntryId());
        assertThatThrownBy(() -> report(a.get(0), "worker-a", RecipientOutcome.Kind.DELIVERED))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION));
        assertThat(report(b.get(0), "worker-b", RecipientOutcome.Kind.DELIVERED)).isZero();
    }

    /** mail.storage.queue.max-leased-per-domain (20): the cap holds over all workers together. */
    @Test
    void allWorkersTogetherHoldNoMoreOfADomainThanTheCap() {
        for (int i = 0; i < 25; i++) {
            deliver("d-" + UUID.randomUUID(), List.of(), List.of(outbound("x" + i + "@capped.example")));
        }
        List<QueueEntry> a = lease("worker-a", 100, 60).stream().filter(e -> e.getDomain().equals("capped.example")).toList();
        assertThat(a).hasSize(20);
        assertThat(lease("worker-b", 100, 60)).noneMatch(e -> e.getDomain().equals("capped.example"));
        // places freed by finished attempts go to whoever asks next
        for (QueueEntry entry : a.subList(0, 5)) {
            report(entry, "worker-a", RecipientOutcome.Kind.DELIVERED);
        }
        List<QueueEntry> b = lease("worker-b", 100, 60).stream().filter(e -> e.getDomain().equals("capped.example")).toList();
        assertThat(b).hasSize(5);
        for (QueueEntry entry : a.subList(5, 20)) {
            report(entry, "worker-a", RecipientOutcome.Kind.DELIVERED);
        }
        for (QueueEntry entry : b) {
            report(entry, "worker-b", RecipientOutcome.Kind.DELIVERED);
        }
    }

    @Test
    void aLeaseTakesNoMoreOfADomainThanTheWorkerMayHold() {
        List<Long> busy = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            busy.add(deliver("d-" + UUID.randomUUID(), List.of(), List.of(outbound("x" + i + "@busy.example"))).getQueueId());
        }
        deliver("d-" + UUID.randomUUID(), List.of(), List.of(outbound("a@calm.example")));
        deliver("d-" + UUID.randomUUID(), List.of(), List.of(outbound("b@calm.example")));
        deliver("d-" + UUID.randomUUID(), List.of(), List.of(outbound("c@full.example")));

        // two per domain at most; the worker holds one of busy.example and two of full.example already
        LeaseEntriesRequest.Builder capped = LeaseEntriesRequest.newBuilder().setWorker("worker-a").setMaxEntries(10)
                .setLeaseSeconds(60).setMaxPerDomain(2).putHeldPerDomain("busy.example", 1).putHeldPerDomain("full.example", 2);
        List<QueueEntry> first = queue.leaseEntries(capped.build()).getEntriesList();
        assertThat(first).extracting(QueueEntry::getDomain).containsExactlyInAnyOrder("busy.example", "calm.example", "calm.example");
        // the oldest of a domain goes first
        assertThat(first.stream().filter(e -> e.getDomain().equals("busy.example")))
                .singleElement().extracting(QueueEntry::getQueueId).isEqualTo(busy.get(0));
        // what was passed over stays due: nothing while the worker's hands are full, the rest without a limit
        assertThat(queue.leaseEntries(capped.putHeldPerDomain("busy.example", 2).putHeldPerDomain("calm.example", 2).build())
                .getEntriesList()).isEmpty();
        List<QueueEntry> rest = lease("worker-a", 10, 60);
        assertThat(rest).extracting(QueueEntry::getDomain).containsExactlyInAnyOrder("busy.example", "busy.example", "full.example");

        for (QueueEntry entry : first) {
            report(entry, "worker-a", RecipientOutcome.Kind.DELIVERED);
        }
        for (QueueEntry entry : rest) {
            report(entry, "worker-a", RecipientOutcome.Kind.DELIVERED);
        }
        assertThatThrownBy(() -> queue.leaseEntries(capped.setMaxPerDomain(-1).build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT));
    }

    @Test
    void aBacklogToOneDomainDoesNotCrowdOutTheOthers() {
        for (int i = 0; i < 6; i++) {
            deliver("d-" + UUID.randomUUID(), List.of(), List.of(outbound("x" + i + "@backlog.example")));
        }
        deliver("d-" + UUID.randomUUID(), List.of(), List.of(outbound("y@other.example")));
        // room for three, two per domain: the newest entry, to another domain, gets the third place
        List<QueueEntry> leased = queue.leaseEntries(LeaseEntriesRequest.newBuilder().setWorker("worker-a").setMaxEntries(3)
                .setLeaseSeconds(60).setMaxPerDomain(2).build()).getEntriesList();
        assertThat(leased).extracting(QueueEntry::getDomain)
                .containsExactlyInAnyOrder("backlog.example", "backlog.example", "other.example");
        for (QueueEntry entry : leased) {
            report(entry, "worker-a", RecipientOutcome.Kind.DELIVERED);
        }
        for (QueueEntry entry : lease("worker-a", 10, 60)) {
            report(entry, "worker-a", RecipientOutcome.Kind.DELIVERED);
        }
    }

    @Test
    void aRenewedLeaseOutlivesItsFirstTermAndOnlyItsHolderRenewsIt() throws Exception {
        deliver("d-" + UUID.randomUUID(), List.of(), List.of(outbound("x@renew.example")));
        List<QueueEntry> held = lease("worker-a", 10, 2);
        assertThat(held).hasSize(1);
        long id = held.get(0).getEntryId();
        io.mailserver.contracts.storage.v1.RenewLeasesRequest.Builder renew = io.mailserver.contracts.storage.v1.RenewLeasesRequest
                .newBuilder().addEntryIds(id).setLeaseSeconds(60);
        // a stranger cannot keep it
        assertThat(queue.renewLeases(renew.setWorker("worker-b").build()).getEntryIdsList()).isEmpty();
        assertThat(queue.renewLeases(renew.setWorker("worker-a").build()).getEntryIdsList()).containsExactly(id);
        // past the first two seconds the entry is still worker-a's
        long until = System.currentTimeMillis() + 3_000;
        while (System.currentTimeMillis() < until) {
            assertThat(lease("worker-b", 10, 60)).isEmpty();
        }
        assertThat(report(held.get(0), "worker-a", RecipientOutcome.Kind.DELIVERED)).isZero();
        // a finished entry is nobody's to renew
        assertThat(queue.renewLeases(renew.setWorker("worker-a").build()).getEntryIdsList()).isEmpty();
    }

    @Test
    void deferredRecipientsWaitAndFinishedMessagesReleaseTheirBlob() {
        DeliverResponse queued = deliver("d-" + UUID.randomUUID(), List.of(),
                List.of(outbound("one@defer.example"), outbound("two@defer.example")));
        String sha = queued.getContentSha256();
        long referencesBefore = blobReferences(sha);
        long releasesBefore = releases(sha);
        QueueEntry entry = lease("worker-a", 10, 60).get(0);
        // one bounced for good, one deferred: the entry stays, not due for an hour
        ReportAttemptRequest partial = ReportAttemptRequest.newBuilder().setEntryId(entry.getEntryId()).setWorker("worker-a")
                .setRetryAt(Timestamp.newBuilder().setEpochSeconds(System.currentTimeMillis() / 1000 + 3600))
                .setError("451 4.3.0 try later")
                .setDelayWarned(true)
                .addOutcomes(RecipientOutcome.newBuilder().setIndex(0).setKind(RecipientOutcome.Kind.BOUNCED)
                        .setDiagnostic("550 5.1.1 no such user\r\nX-Injected: yes"))
                .addOutcomes(RecipientOutcome.newBuilder().setIndex(1).setKind(RecipientOutcome.Kind.DEFERRED)
                        .setDiagnostic("451 4.3.0 try later"))
                .build();
        assertThat(queue.reportAttempt(partial).getRemaining()).isEqualTo(1);
        assertThat(lease("worker-a", 10, 60)).isEmpty();
        assertThat(client.count("SELECT count(*) FROM storage.outbound_recipients WHERE diagnostic LIKE '%\n%'")).isZero();
        client.query("UPDATE storage.outbound_entries SET next_attempt_at = now() WHERE entry_id = $1", entry.getEntryId());
        QueueEntry retry = lease("worker-a", 10, 60).get(0);
        assertThat(retry.getAttempts()).isEqualTo(1);
        assertThat(retry.getLastError()).isEqualTo("451 4.3.0 try later");
        // the worker told the sender of the delay with that attempt: no second notice follows
        assertThat(entry.getDelayWarned()).isFalse();
        assertThat(retry.getDelayWarned()).isTrue();
        assertThat(retry.getRecipientsList()).extracting(r -> r.getRecipient().getAddress()).containsExactly("two@defer.example");
        assertThat(report(retry, "worker-a", RecipientOutcome.Kind.DELIVERED)).isZero();
        assertThat(client.count("SELECT count(*) FROM storage.outbound_messages WHERE queue_id = $1", queued.getQueueId())).isZero();
        assertThat(blobReferences(sha)).isEqualTo(referencesBefore - 1);
        assertThat(releases(sha)).isEqualTo(releasesBefore + 1);
    }

    /**
     * A body whose mailbox copies are all expunged while the queue still holds it for a remote
     * recipient stays: the collector finds the queued message's reference (outbound_messages) and
     * keeps it, the worker can still send it, and it goes once the queue is done with it too.
     */
    @Test
    void aBodyOnlyTheQueueStillHoldsOutlivesTheCollector() {
        long account = newAccountId();
        byte[] body = ("Subject: queued and expunged " + UUID.randomUUID() + "\r\n\r\nsent and filed\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        // no Return-Path on the local copy: it and the queued message are then one blob
        DeliverResponse queued = deliver(body, "d-" + UUID.randomUUID(), List.of(account),
                List.of(outbound("far@collect.example")), 0, envelope -> envelope.setAddReturnPath(false));
        String sha = queued.getContentSha256();
        messages.expunge(ExpungeRequest.newBuilder().setMailbox(StorageTestClient.inbox(account))
                .setUids(StorageTestClient.all()).setIgnoreDeletedFlag(true).build()).await().atMost(StorageTestClient.TIMEOUT);
        assertThat(releases(sha)).isEqualTo(1);

        collector.collect(Duration.ZERO).await().atMost(StorageTestClient.TIMEOUT);

        assertThat(storedBlobs(sha)).isEqualTo(1);
        assertThat(releases(sha)).isZero();
        QueueEntry entry = lease("worker-c", 10, 60).get(0);
        assertThat(content(entry, "worker-c")).endsWith(body);
        assertThat(report(entry, "worker-c", RecipientOutcome.Kind.DELIVERED)).isZero();

        collector.collect(Duration.ZERO).await().atMost(StorageTestClient.TIMEOUT);

        assertThat(storedBlobs(sha)).isZero();
    }

    @Test
    void addressesThatCouldBreakAnSmtpCommandAreRefused() {
        for (String bad : List.of("no-at-sign", "a@", "@b.example", "a\tb@c.example", "a@b.example\r\nRCPT TO:<x@y>",
                "a>@b.example")) {
            assertThatThrownBy(() -> deliver("d-" + UUID.randomUUID(), List.of(), List.of(outbound(bad))))
                    .as(bad).hasMessageContaining("INVALID_ARGUMENT");
        }
    }

    @Test
    void submissionsCountOnceTowardTheSendersHourlyUsage() {
        long sender = newAccountId();
        long local = newAccountId();
        String id = "d-" + UUID.randomUUID();
        List<OutboundRecipient> remote = List.of(outbound("a@usage.example"), outbound("b@usage.example"));
        deliver(id, List.of(local), remote, sender);
        // a retry of the same delivery is not a second message
        deliver(id, List.of(local), remote, sender);
        deliver("d-" + UUID.randomUUID(), List.of(local), List.of(), sender);
        io.mailserver.contracts.storage.v1.SendingUsage usage = delivery.getSendingUsage(
                io.mailserver.contracts.storage.v1.GetSendingUsageRequest.newBuilder().setAccountId(sender).build())
                .await().atMost(StorageTestClient.TIMEOUT);
        assertThat(usage.getMessages()).isEqualTo(2);
        assertThat(usage.getRecipients()).isEqualTo(4);
        // mail from other servers counts for nobody
        assertThat(delivery.getSendingUsage(io.mailserver.contracts.storage.v1.GetSendingUsageRequest.newBuilder()
                .setAccountId(local).build()).await().atMost(StorageTestClient.TIMEOUT).getMessages()).isZero();
    }

    @Test
    void anOperatorListsRetriesAndDeletesEntries() {
        DeliverResponse queued = deliver("d-" + UUID.randomUUID(), List.of(),
                List.of(outbound("one@admin-a.example"), outbound("two@admin-a.example"), outbound("three@admin-b.example")));
        String sha = queued.getContentSha256();
        long referencesBefore = blobReferences(sha);
        long releasesBefore = releases(sha);
        // attempted once and deferred for an hour: listed with its last error and next attempt
        for (QueueEntry entry : lease("worker-a", 10, 60)) {
            ReportAttemptRequest.Builder deferred = ReportAttemptRequest.newBuilder().setEntryId(entry.getEntryId())
                    .setWorker("worker-a").setError("421 4.7.0 slow down")
                    .setRetryAt(Timestamp.newBuilder().setEpochSeconds(System.currentTimeMillis() / 1000 + 3600));
            entry.getRecipientsList().forEach(r -> deferred.addOutcomes(RecipientOutcome.newBuilder().setIndex(r.getIndex())
                    .setKind(RecipientOutcome.Kind.DEFERRED).setDiagnostic("421 4.7.0 slow down")));
            queue.reportAttempt(deferred.build());
        }
        ListQueueResponse onlyA = admin.listQueue(ListQueueRequest.newBuilder().setDomain("Admin-A.example").build());
        assertThat(onlyA.getTotal()).isEqualTo(1);
        QueueEntry a = onlyA.getEntries(0);
        assertThat(a.getRecipientsList()).extracting(r -> r.getRecipient().getAddress())
                .containsExactly("one@admin-a.example", "two@admin-a.example");
        assertThat(a.getAttempts()).isEqualTo(1);
        assertThat(a.getLastError()).isEqualTo("421 4.7.0 slow down");
        assertThat(a.getNextAttemptAt().getEpochSeconds()).isGreaterThan(System.currentTimeMillis() / 1000 + 3000);
        assertThat(admin.listQueue(ListQueueRequest.newBuilder().setEntryId(a.getEntryId()).build()).getEntriesList())
                .extracting(QueueEntry::getEntryId).containsExactly(a.getEntryId());

        // retry: due now, and a worker gets it at once
        assertThat(admin.retryQueued(RetryQueuedRequest.newBuilder().setEntryId(a.getEntryId()).build()).getEntries())
                .isEqualTo(1);
        List<QueueEntry> leased = lease("worker-b", 10, 60);
        assertThat(leased).extracting(QueueEntry::getEntryId).containsExactly(a.getEntryId());
        // an entry a worker holds keeps its lease: retrying does not hand it to a second worker
        assertThat(admin.retryQueued(RetryQueuedRequest.newBuilder().setEntryId(a.getEntryId()).build()).getEntries())
                .isZero();
        assertThat(report(leased.get(0), "worker-b", RecipientOutcome.Kind.DELIVERED)).isZero();

        // delete: no bounce, and with the last entry the message and its blob reference go
        QueueEntry b = admin.listQueue(ListQueueRequest.newBuilder().setDomain("admin-b.example").build()).getEntries(0);
        assertThat(admin.deleteQueued(DeleteQueuedRequest.newBuilder().setEntryId(b.getEntryId()).build()).getRecipients())
                .isEqualTo(1);
        assertThat(client.count("SELECT count(*) FROM storage.outbound_messages WHERE queue_id = $1", queued.getQueueId())).isZero();
        assertThat(blobReferences(sha)).isEqualTo(referencesBefore - 1);
        assertThat(releases(sha)).isEqualTo(releasesBefore + 1);
        for (long gone : List.of(a.getEntryId(), b.getEntryId())) {
            assertThatThrownBy(() -> admin.deleteQueued(DeleteQueuedRequest.newBuilder().setEntryId(gone).build()))
                    .isInstanceOfSatisfying(StatusRuntimeException.class,
                            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
            assertThatThrownBy(() -> admin.listQueue(ListQueueRequest.newBuilder().setEntryId(gone).build()))
                    .isInstanceOfSatisfying(StatusRuntimeException.class,
                            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
        }
        assertThatThrownBy(() -> admin.listQueue(ListQueueRequest.newBuilder().setLimit(100_000).build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT));
    }
}
