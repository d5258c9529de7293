package io.mailserver.storage.message.service;

import io.mailserver.contracts.events.v1.MailboxChanged;
import io.mailserver.contracts.storage.v1.AppendHeader;
import io.mailserver.contracts.storage.v1.AppendRequest;
import io.mailserver.contracts.storage.v1.AppendResponse;
import io.mailserver.contracts.storage.v1.MailboxRef;
import io.mailserver.storage.account.service.AccountProvisioning;
import io.mailserver.storage.account.service.Quotas;
import io.mailserver.storage.call.CallDeadline;
import io.mailserver.storage.config.StorageConfig;
import io.mailserver.storage.events.MailboxChangedPublisher;
import io.mailserver.storage.failure.StorageException;
import io.mailserver.storage.ingest.BoundedBytes;
import io.mailserver.storage.ingest.IngestMemory;
import io.mailserver.storage.ingest.IngestedMessage;
import io.mailserver.storage.ingest.MessageIngest;
import io.mailserver.storage.mailbox.repository.MailboxRepository;
import io.mailserver.storage.message.model.Flags;
import io.mailserver.storage.metrics.StorageMetrics;
import io.mailserver.storage.sql.RetriedTransaction;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * APPEND (RFC 9051 §6.3.12): the same receive, parse and blob path as Deliver, into one existing
 * mailbox, with the client's flags and internal date. Nothing is stored unless the stream completes
 * with the announced number of bytes. Several messages in one stream (IMAP MULTIAPPEND, RFC 3502)
 * commit in one transaction, so a client sees all of them or none.
 */
@ApplicationScoped
public class AppendService {

    private final Pool pool;
    private final MessageIngest ingest;
    private final AccountProvisioning provisioning;
    private final MailboxRepository mailboxes;
    private final MessageWriter writer;
    private final MailboxChangedPublisher publisher;
    private final StorageMetrics metrics;
    private final long maxBatch;
    private final Quotas quotas;
    private final IngestMemory ingestMemory;

    public AppendService(Pool pool, MessageIngest ingest, AccountProvisioning provisioning, MailboxRepository mailboxes,
            MessageWriter writer, MailboxChangedPublisher publisher, StorageMetrics metrics, StorageConfig config,
            Quotas quotas, IngestMemory ingestMemory) {
        this.pool = pool;
        this.ingest = ingest;
        this.provisioning = provisioning;
        this.mailboxes = mailboxes;
        this.writer = writer;
        this.publisher = publisher;
        this.metrics = metrics;
        this.maxBatch = config.message().maxAppendBatch();
        this.quotas = quotas;
        this.ingestMemory = ingestMemory;
    }

    /** One message of the stream: its header and, once complete, its bytes. */
    record Part(AppendHeader header, byte[] raw) {
    }

    /** The stream as it arrives: header, bytes, and for a MULTIAPPEND further header + bytes pairs. */
    static final class Received {
        private final long maxSize;
        private final long maxBatch;
        private final IngestMemory.Reservation memory;
        private final List<Part> parts = new ArrayList<>();
        private AppendHeader header;
        private BoundedBytes bytes;
        private long batchBytes;

        Received(long maxSize, long maxBatch, IngestMemory.Reservation memory) {
            this.maxSize = maxSize;
            this.maxBatch = maxBatch;
            this.memory = memory;
        }

        void add(AppendRequest item) {
            switch (item.getItemCase()) {
                case HEADER -> {
                    AppendHeader next = item.getHeader();
                    if (header != null) {
                        if (!next.getMailbox().equals(header.getMailbox())) {
                            throw StorageException.invalidArgument("every message of one append goes to one mailbox");
                        }
                        completeCurrent();
                    }
                    header = next;
                    if (header.getSize() > maxSize) {
                        throw StorageException.resourceExhausted("message exceeds the maximum size of " + maxSize + " bytes");
                    }
                    if (batchBytes + header.getSize() > maxBatch) {
                        throw StorageException.resourceExhausted("the messages exceed " + maxBatch + " bytes together");
                    }
                    bytes = new BoundedBytes(Math.min(maxSize, maxBatch - batchBytes), header.getSize(), memory);
                }
                case DATA -> {
                    if (header == null) {
                        throw StorageException.invalidArgument("the header must come first");
                    }
                    bytes.append(item.getData());
                }
                default -> throw StorageException.invalidArgument("empty stream element");
            }
        }

        private void completeCurrent() {
            MessageIngest.checkSize(header.getSize(), bytes.length());
            batchBytes += bytes.length();
            parts.add(new Part(header, bytes.toByteArray()));
            bytes = null;
        }

        List<Part> complete() {
            if (header == null) {
                throw StorageException.invalidArgument("no header");
            }
            completeCurrent();
            header = null;
            return parts;
        }
    }

    /** A part ready to write: parsed and compressed, with the client's flags and internal date. */
    private record Prepared(IngestedMessage message, Flags flags, OffsetDateTime internalDate, int offsetMinutes) {
    }

    /** What one transaction wrote: each message, in the client's order, and the blobs it stored. */
    private record Appended(List<MessageWriter.Written> written, List<MessageWriter.StoredBlob> stored) {
    }

    public Uni<AppendResponse> append(Multi<AppendRequest> stream) {
        return append(stream, CallDeadline.none());
    }

    /** @param deadline the caller's: nothing commits once the caller has given up (see {@link CallDeadline}) */
    public Uni<AppendResponse> append(Multi<AppendRequest> stream, CallDeadline deadline) {
        IngestMemory.Reservation memory = ingestMemory.reserve();
        Received received = new Received(ingest.maxSize(), maxBatch, memory);
        return stream.collect().in(() -> received, Received::add)
                .map(Received::complete)
                .flatMap(parts -> {
                    MailboxRef target = parts.get(0).header().getMailbox();
                    long accountId = target.getAccountId();
                    return provisioning.ensure(accountId)
                            .flatMap(ignored -> Multi.createFrom().iterable(parts)
                                    .onItem().transformToUniAndConcatenate(this::prepare)
                                    .collect().asList())
                            .flatMap(prepared -> RetriedTransaction.run(pool, tx -> mailboxes.resolve(tx, target, true)
                                    .flatMap(mailbox -> writeAll(tx, accountId, mailbox.mailboxId(), prepared))
                                    .call(() -> quotas.ensureWithin(tx, accountId))
                                    .call(() -> deadline.ensureStillWanted().onFailure().invoke(metrics::writeAbandoned))));
                })
                .invoke(appended -> metrics.blobsStored(appended.stored()))
                .map(Appended::written)
                .invoke(written -> {
                    metrics.messagesStored(written.size());
                    // the batch shares its mailbox: the last write's row carries the state after all of them
                    written.get(written.size() - 1).changed()
                            .forEach(m -> publisher.publish(m, MailboxChanged.Kind.APPENDED));
                })
                .map(written -> {
                    MessageWriter.Placed first = written.get(0).placed().get(0);
                    MessageWriter.Placed last = written.get(written.size() - 1).placed().get(0);
                    AppendResponse.Builder response = AppendResponse.newBuilder()
                            .setMailboxId(last.mailbox().mailboxId())
                            .setUidValidity((int) last.mailbox().uidValidity())
                            .setUid((int) first.uid())
                            .setModseq(last.modseq());
                    written.forEach(w -> response.addUids((int) w.placed().get(0).uid()));
                    return response.build();
                })
                // the received bytes are garbage from here on, whatever the outcome
                .onTermination().invoke(memory::close);
    }

    private Uni<Prepared> prepare(Part part) {
        AppendHeader header = part.header();
        OffsetDateTime internalDate = header.hasInternalDate() && header.getInternalDate().getEpochSeconds() > 0
                ? OffsetDateTime.ofInstant(Instant.ofEpochSecond(header.getInternalDate().getEpochSeconds()), ZoneOffset.UTC)
                : OffsetDateTime.now(ZoneOffset.UTC);
        int offset = header.hasInternalDate() ? header.getInternalDate().getZoneOffsetMinutes() : 0;
        if (Math.abs(offset) > 18 * 60) {
            return Uni.createFrom().failure(StorageException.invalidArgument("zone offset out of range"));
        }
        Flags flags = Flags.parse(header.getFlagsList());
        return ingest.ingestAppended(part.raw()).map(message -> new Prepared(message, flags, internalDate, offset));
    }

    /**
     * One write per message, in stream order, so the UIDs follow the order the client sent them in;
     * a MULTIAPPEND's blobs are referenced before, in key order (see {@link MessageWriter#referenceBlobs}).
     */
    private Uni<Appended> writeAll(SqlConnection tx, long accountId, long mailboxId, List<Prepared> prepared) {
        if (prepared.size() == 1) {
            Prepared p = prepared.get(0);
            return writer.write(tx, p.message(), p.internalDate(), p.offsetMinutes(),
                    List.of(new MessageWriter.Target(accountId, mailboxId, p.flags())))
                    .map(written -> new Appended(List.of(written), written.stored()));
        }
        return writer.referenceBlobs(tx, prepared.stream().map(Prepared::message).toList())
                .flatMap(stored -> Multi.createFrom().iterable(prepared)
                        .onItem().transformToUniAndConcatenate(p -> writer.writeReferenced(tx, p.message(),
                                p.internalDate(), p.offsetMinutes(),
                                List.of(new MessageWriter.Target(accountId, mailboxId, p.flags()))))
                        .collect().asList()
                        .map(written -> new Appended(written, stored)));
    }
}
