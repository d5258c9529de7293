package io.mailserver.storage.message.service;

import io.mailserver.contracts.events.v1.MailboxChanged;
import io.mailserver.contracts.storage.v1.AppendHeader;
import io.mailserver.contracts.storage.v1.AppendRequest;
import io.mailserver.contracts.storage.v1.AppendResponse;
import io.mailserver.storage.account.service.AccountProvisioning;
import io.mailserver.storage.call.CallDeadline;
import io.mailserver.storage.events.MailboxChangedPublisher;
import io.mailserver.storage.failure.StorageException;
import io.mailserver.storage.ingest.BoundedBytes;
import io.mailserver.storage.ingest.MessageIngest;
import io.mailserver.storage.mailbox.repository.MailboxRepository;
import io.mailserver.storage.message.model.Flags;
import io.mailserver.storage.metrics.StorageMetrics;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * APPEND (RFC 9051 §6.3.12): the same receive, parse and blob path as Deliver, into one existing
 * mailbox, with the client's flags and internal date. Nothing is stored unless the stream completes
 * with the announced number of bytes.
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

    public AppendService(Pool pool, MessageIngest ingest, AccountProvisioning provisioning, MailboxRepository mailboxes,
            MessageWriter writer, MailboxChangedPublisher publisher, StorageMetrics metrics) {
        this.pool = pool;
        this.ingest = ingest;
        this.provisioning = provisioning;
        this.mailboxes = mailboxes;
        this.writer = writer;
        this.publisher = publisher;
        this.metrics = metrics;
    }

    static final class Received {
        private final long maxSize;
        private AppendHeader header;
        private BoundedBytes bytes;

        Received(long maxSize) {
            this.maxSize = maxSize;
        }

        void add(AppendRequest item) {
            switch (item.getItemCase()) {
                case HEADER -> {
                    if (header != null) {
                        throw StorageException.invalidArgument("the header must come once, first");
                    }
                    header = item.getHeader();
                    if (header.getSize() > maxSize) {
                        throw StorageException.resourceExhausted("message exceeds the maximum size of " + maxSize + " bytes");
                    }
                    bytes = new BoundedBytes(maxSize, header.getSize());
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

        byte[] complete() {
            if (header == null) {
                throw StorageException.invalidArgument("no header");
            }
            MessageIngest.checkSize(header.getSize(), bytes.length());
            return bytes.toByteArray();
        }
    }

    public Uni<AppendResponse> append(Multi<AppendRequest> stream) {
        return append(stream, CallDeadline.none());
    }

    /** @param deadline the caller's: nothing commits once the caller has given up (see {@link CallDeadline}) */
    public Uni<AppendResponse> append(Multi<AppendRequest> stream, CallDeadline deadline) {
        Received received = new Received(ingest.maxSize());
        return stream.collect().in(() -> received, Received::add)
                .map(Received::complete)
                .flatMap(raw -> {
                    AppendHeader header = received.header;
                    Flags flags = Flags.parse(header.getFlagsList());
                    long accountId = header.getMailbox().getAccountId();
                    OffsetDateTime internalDate = header.hasInternalDate() && header.getInternalDate().getEpochSeconds() > 0
                            ? OffsetDateTime.ofInstant(Instant.ofEpochSecond(header.getInternalDate().getEpochSeconds()),
                                    ZoneOffset.UTC)
                            : OffsetDateTime.now(ZoneOffset.UTC);
                    int offset = header.hasInternalDate() ? header.getInternalDate().getZoneOffsetMinutes() : 0;
                    if (Math.abs(offset) > 18 * 60) {
                        throw StorageException.invalidArgument("zone offset out of range");
                    }
                    return provisioning.ensure(accountId)
                            .flatMap(ignored -> ingest.ingest(raw))
                            .flatMap(message -> pool.withTransaction(tx -> mailboxes.resolve(tx, header.getMailbox(), true)
                                    .flatMap(mailbox -> writer.write(tx, message, internalDate, offset,
                                            List.of(new MessageWriter.Target(accountId, mailbox.mailboxId(), flags))))
                                    .call(() -> deadline.ensureStillWanted().onFailure().invoke(metrics::writeAbandoned))));
                })
                .invoke(written -> {
                    metrics.messagesStored(1);
                    written.changed().forEach(m -> publisher.publish(m, MailboxChanged.Kind.APPENDED));
                })
                .map(written -> {
                    MessageWriter.Placed placed = written.placed().get(0);
                    return AppendResponse.newBuilder()
                            .setMailboxId(placed.mailbox().mailboxId())
                            .setUidValidity((int) placed.mailbox().uidValidity())
                            .setUid((int) placed.uid())
                            .setModseq(placed.modseq())
                            .build();
                });
    }
}
