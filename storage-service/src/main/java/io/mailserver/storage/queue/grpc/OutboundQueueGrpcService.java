package io.mailserver.storage.queue.grpc;

import com.google.protobuf.ByteString;
import io.grpc.stub.StreamObserver;
import io.mailserver.contracts.storage.v1.FetchQueuedMessageRequest;
import io.mailserver.contracts.storage.v1.LeaseEntriesRequest;
import io.mailserver.contracts.storage.v1.LeaseEntriesResponse;
import io.mailserver.contracts.storage.v1.OutboundQueueServiceGrpc;
import io.mailserver.contracts.storage.v1.OutboundRecipient;
import io.mailserver.contracts.storage.v1.QueueEntry;
import io.mailserver.contracts.storage.v1.QueuedMessageChunk;
import io.mailserver.contracts.storage.v1.TlsRequirement;
import io.mailserver.contracts.storage.v1.QueuedRecipient;
import io.mailserver.contracts.storage.v1.RenewLeasesRequest;
import io.mailserver.contracts.storage.v1.RenewLeasesResponse;
import io.mailserver.contracts.storage.v1.ReportAttemptRequest;
import io.mailserver.contracts.storage.v1.ReportAttemptResponse;
import io.mailserver.contracts.storage.v1.Timestamp;
import io.mailserver.storage.call.GrpcBridge;
import io.mailserver.storage.queue.repository.DomainAllowance;
import io.mailserver.storage.queue.repository.QueueEntryRow;
import io.mailserver.storage.queue.repository.QueuedRecipientRow;
import io.mailserver.storage.queue.service.OutboundQueue;
import io.quarkus.grpc.GrpcService;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * gRPC {@code mail.storage.v1.OutboundQueueService}. On grpc-java's base class, like MessageService,
 * so the content stream follows gRPC flow control ({@link GrpcBridge#stream}).
 */
@GrpcService
public class OutboundQueueGrpcService extends OutboundQueueServiceGrpc.OutboundQueueServiceImplBase {

    private final OutboundQueue queue;

    public OutboundQueueGrpcService(OutboundQueue queue) {
        this.queue = queue;
    }

    @Override
    public void leaseEntries(LeaseEntriesRequest request, StreamObserver<LeaseEntriesResponse> observer) {
        GrpcBridge.unary(() -> queue.lease(request.getWorker(), request.getMaxEntries(), request.getLeaseSeconds(),
                        new DomainAllowance(request.getMaxPerDomain(), request.getHeldPerDomainMap()))
                .map(entries -> LeaseEntriesResponse.newBuilder()
                        .addAllEntries(entries.stream().map(OutboundQueueGrpcService::entry).toList()).build()), observer);
    }

    @Override
    public void fetchQueuedMessage(FetchQueuedMessageRequest request, StreamObserver<QueuedMessageChunk> observer) {
        GrpcBridge.stream(() -> queue.content(request.getEntryId(), request.getWorker())
                .map(bytes -> QueuedMessageChunk.newBuilder().setData(ByteString.copyFrom(bytes)).build()), observer);
    }

    @Override
    public void reportAttempt(ReportAttemptRequest request, StreamObserver<ReportAttemptResponse> observer) {
        OffsetDateTime retryAt = request.hasRetryAt()
                ? OffsetDateTime.ofInstant(Instant.ofEpochSecond(request.getRetryAt().getEpochSeconds()), ZoneOffset.UTC)
                : null;
        GrpcBridge.unary(() -> queue.report(request.getEntryId(), request.getWorker(), request.getOutcomesList(), retryAt,
                        request.getError(), request.getDelayWarned())
                .map(remaining -> ReportAttemptResponse.newBuilder().setRemaining(remaining).build()), observer);
    }

    @Override
    public void renewLeases(RenewLeasesRequest request, StreamObserver<RenewLeasesResponse> observer) {
        GrpcBridge.unary(() -> queue.renew(request.getWorker(), request.getEntryIdsList(), request.getLeaseSeconds())
                .map(renewed -> RenewLeasesResponse.newBuilder().addAllEntryIds(renewed).build()), observer);
    }

    static QueueEntry entry(QueueEntryRow row) {
        QueueEntry.Builder entry = QueueEntry.newBuilder()
                .setEntryId(row.entryId())
                .setQueueId(row.queueId())
                .setDomain(row.domain())
                .setMailFrom(row.mailFrom())
                .setAttempts(row.attempts())
                .setSize(row.size())
                .setQueuedAt(timestamp(row.queuedAt()))
                .setExpiresAt(timestamp(row.expiresAt()))
                .setEnvid(row.envid())
                .setReturnHeadersOnly(row.returnHeadersOnly())
                .setReturnFull(row.returnFull())
                .setLastError(row.lastError())
                .setNextAttemptAt(timestamp(row.nextAttemptAt()))
                .setDelayWarned(row.delayWarned())
                .setSmtputf8(row.smtputf8())
                .setEightBit(row.eightBit())
                .setTlsRequirement(switch (row.tlsRequirement()) {
                    case "required" -> TlsRequirement.TLS_REQUIREMENT_REQUIRED;
                    case "optional" -> TlsRequirement.TLS_REQUIREMENT_OPTIONAL;
                    default -> TlsRequirement.TLS_REQUIREMENT_DEFAULT;
                });
        if (row.leaseUntil() != null) {
            entry.setLeaseUntil(timestamp(row.leaseUntil()));
        }
        for (QueuedRecipientRow r : row.recipients()) {
            entry.addRecipients(QueuedRecipient.newBuilder().setIndex(r.index()).setRecipient(recipient(r)));
        }
        return entry.build();
    }

    private static OutboundRecipient recipient(QueuedRecipientRow r) {
        List<String> notify = r.notifications().isEmpty() ? List.of() : List.of(r.notifications().split(","));
        return OutboundRecipient.newBuilder()
                .setAddress(r.address())
                .setOriginalRecipient(r.originalRecipient())
                .setNotifyNever(notify.contains("NEVER"))
                .setNotifySuccess(notify.contains("SUCCESS"))
                .setNotifyFailure(notify.contains("FAILURE"))
                .setNotifyDelay(notify.contains("DELAY"))
                .build();
    }

    private static Timestamp timestamp(OffsetDateTime time) {
        return Timestamp.newBuilder().setEpochSeconds(time.toEpochSecond()).build();
    }
}
