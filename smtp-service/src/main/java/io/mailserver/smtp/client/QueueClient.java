package io.mailserver.smtp.client;

import io.mailserver.contracts.storage.v1.FetchQueuedMessageRequest;
import io.mailserver.contracts.storage.v1.LeaseEntriesRequest;
import io.mailserver.contracts.storage.v1.OutboundQueueService;
import io.mailserver.contracts.storage.v1.QueueEntry;
import io.mailserver.contracts.storage.v1.RecipientOutcome;
import io.mailserver.contracts.storage.v1.RenewLeasesRequest;
import io.mailserver.contracts.storage.v1.ReportAttemptRequest;
import io.mailserver.contracts.storage.v1.Timestamp;
import io.mailserver.smtp.config.MailConfig;
import io.mailserver.smtp.dsn.Notify;
import io.mailserver.smtp.dsn.Ret;
import io.mailserver.smtp.outbound.tls.TlsRequirement;
import io.quarkus.grpc.GrpcClient;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The adapter around storage-service's {@code OutboundQueueService}, for the delivery workers. */
@ApplicationScoped
public class QueueClient {

    private final OutboundQueueService queue;
    private final Duration deadline;

    public QueueClient(@GrpcClient("storage") OutboundQueueService queue, MailConfig config) {
        this.queue = queue;
        this.deadline = config.smtp().timeouts().storage();
    }

    /**
     * Leases up to {@code max} due entries, no more of one domain than brings what this worker holds
     * there ({@code held}) up to {@code maxPerDomain}.
     */
    public Uni<List<QueuedEntry>> lease(String worker, int max, Duration lease, int maxPerDomain, Map<String, Integer> held) {
        return queue.leaseEntries(LeaseEntriesRequest.newBuilder().setWorker(worker).setMaxEntries(max)
                        .setLeaseSeconds((int) lease.toSeconds()).setMaxPerDomain(maxPerDomain).putAllHeldPerDomain(held).build())
                .ifNoItem().after(deadline).fail()
                .map(response -> response.getEntriesList().stream().map(QueueClient::entry).toList());
    }

    /** Extends this worker's leases of {@code entryIds}; gives those renewed (a missing one was lost). */
    public Uni<List<Long>> renew(String worker, java.util.Collection<Long> entryIds, Duration lease) {
        return queue.renewLeases(RenewLeasesRequest.newBuilder().setWorker(worker).addAllEntryIds(entryIds)
                        .setLeaseSeconds((int) lease.toSeconds()).build())
                .ifNoItem().after(deadline).fail()
                .map(response -> response.getEntryIdsList());
    }

    /** The entry's content as queued, streamed. */
    public Multi<Buffer> content(long entryId, String worker) {
        return queue.fetchQueuedMessage(FetchQueuedMessageRequest.newBuilder().setEntryId(entryId).setWorker(worker).build())
                .map(chunk -> Buffer.buffer(chunk.getData().toByteArray()));
    }

    /** Records an attempt; fails when the lease is no longer this worker's. Gives the recipients still queued. */
    public Uni<Integer> report(long entryId, String worker, List<AttemptOutcome> outcomes, Instant retryAt, String error,
            boolean delayWarned) {
        ReportAttemptRequest.Builder request = ReportAttemptRequest.newBuilder().setEntryId(entryId).setWorker(worker)
                .setRetryAt(Timestamp.newBuilder().setEpochSeconds(retryAt.getEpochSecond()))
                .setError(error)
                .setDelayWarned(delayWarned);
        for (AttemptOutcome outcome : outcomes) {
            request.addOutcomes(RecipientOutcome.newBuilder().setIndex(outcome.index()).setKind(switch (outcome.kind()) {
                case DELIVERED -> RecipientOutcome.Kind.DELIVERED;
                case BOUNCED -> RecipientOutcome.Kind.BOUNCED;
                case DEFERRED -> RecipientOutcome.Kind.DEFERRED;
            }).setDiagnostic(outcome.diagnostic()));
        }
        return queue.reportAttempt(request.build()).ifNoItem().after(deadline).fail()
                .map(response -> response.getRemaining());
    }

    static QueuedEntry entry(QueueEntry e) {
        return new QueuedEntry(e.getEntryId(), e.getQueueId(), e.getDomain(), e.getMailFrom(), e.getSize(), e.getAttempts(),
                Instant.ofEpochSecond(e.getQueuedAt().getEpochSeconds()), Instant.ofEpochSecond(e.getExpiresAt().getEpochSeconds()),
                e.getReturnHeadersOnly() ? Ret.HDRS : e.getReturnFull() ? Ret.FULL : Ret.UNSPECIFIED, e.getEnvid(), e.getDelayWarned(), e.getSmtputf8(), e.getEightBit(),
                switch (e.getTlsRequirement()) {
                    case TLS_REQUIREMENT_REQUIRED -> TlsRequirement.REQUIRED;
                    case TLS_REQUIREMENT_OPTIONAL -> TlsRequirement.OPTIONAL;
                    default -> TlsRequirement.DEFAULT;
                },
                e.getRecipientsList().stream().map(r -> new QueuedEntry.Recipient(r.getIndex(), r.getRecipient().getAddress(),
                        r.getRecipient().getOriginalRecipient(), Notify.fromFlags(r.getRecipient().getNotifyNever(),
                                r.getRecipient().getNotifySuccess(), r.getRecipient().getNotifyFailure(),
                                r.getRecipient().getNotifyDelay())))
                        .toList());
    }

}
