package io.mailserver.storage.message.service;

import io.mailserver.contracts.events.v1.MailboxChanged;
import io.mailserver.contracts.storage.v1.ExpungeRequest;
import io.mailserver.contracts.storage.v1.ExpungeResponse;
import io.mailserver.storage.blob.BlobId;
import io.mailserver.storage.blob.BlobStore;
import io.mailserver.storage.events.MailboxChangedPublisher;
import io.mailserver.storage.failure.StorageException;
import io.mailserver.storage.mailbox.model.MailboxRow;
import io.mailserver.storage.mailbox.repository.MailboxDelta;
import io.mailserver.storage.mailbox.repository.MailboxRepository;
import io.mailserver.storage.message.model.SystemFlag;
import io.mailserver.storage.message.model.UidRanges;
import io.mailserver.storage.message.repository.MessageRepository;
import io.mailserver.storage.message.repository.MessageRow;
import io.mailserver.storage.sql.RetriedTransaction;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * EXPUNGE (RFC 9051 §6.4.3), UID EXPUNGE (RFC 4315) and POP3 DELE+QUIT: deletes the messages, leaves
 * tombstones with the new MODSEQ, releases their blob references and updates the counters, in one
 * transaction.
 */
@ApplicationScoped
public class ExpungeService {

    private final Pool pool;
    private final MailboxRepository mailboxes;
    private final MessageRepository messages;
    private final BlobStore blobs;
    private final MailboxChangedPublisher publisher;

    public ExpungeService(Pool pool, MailboxRepository mailboxes,
            MessageRepository messages, BlobStore blobs, MailboxChangedPublisher publisher) {
        this.pool = pool;
        this.mailboxes = mailboxes;
        this.messages = messages;
        this.blobs = blobs;
        this.publisher = publisher;
    }

    /** What an expunge removed and the mailbox after it (unchanged when nothing was removed). */
    public record Expunged(List<Long> uids, MailboxRow mailbox) {
    }

    public Uni<ExpungeResponse> expunge(ExpungeRequest request) {
        if (request.getIgnoreDeletedFlag() && !request.hasUids()) {
            return Uni.createFrom().failure(StorageException.invalidArgument("ignore_deleted_flag needs uids"));
        }
        UidRanges uids = request.hasUids() ? UidRanges.of(request.getUids()) : UidRanges.all();
        return RetriedTransaction.run(pool, tx -> mailboxes.resolve(tx, request.getMailbox(), true)
                        .flatMap(mailbox -> expungeLocked(tx, mailbox, uids, request.getIgnoreDeletedFlag())))
                .invoke(result -> {
                    if (!result.uids().isEmpty()) {
                        publisher.publish(result.mailbox(), MailboxChanged.Kind.EXPUNGED);
                    }
                })
                .map(result -> ExpungeResponse.newBuilder()
                        .setExpunged(UidRanges.toUidSet(result.uids()))
                        .setHighestModseq(result.mailbox().highestModseq())
                        .build());
    }

    /**
     * Expunges within the caller's transaction; the mailbox must be locked by it and {@code mailbox}
     * be its row as it stands in the transaction. The counters, the tombstones and the blobs' releases
     * go out together (the connection pipelines them: one round trip under the lock instead of
     * three); the tombstones take the MODSEQ the counters' update gives, known beforehand under the lock.
     */
    public Uni<Expunged> expungeLocked(SqlConnection tx, MailboxRow mailbox, UidRanges uids, boolean anyFlags) {
        if (uids.isEmpty()) {
            return Uni.createFrom().item(new Expunged(List.of(), mailbox));
        }
        long accountId = mailbox.accountId();
        return messages.delete(tx, accountId, mailbox.mailboxId(), uids, anyFlags).flatMap(deleted -> {
            if (deleted.isEmpty()) {
                return Uni.createFrom().item(new Expunged(List.of(), mailbox));
            }
            long unseen = 0;
            long flaggedDeleted = 0;
            long size = 0;
            Set<BlobId> release = new HashSet<>();
            for (MessageRow row : deleted) {
                unseen += row.flags().has(SystemFlag.SEEN) ? 0 : 1;
                flaggedDeleted += row.flags().has(SystemFlag.DELETED) ? 1 : 0;
                size += row.size();
                release.add(row.blob());
            }
            MailboxDelta delta = new MailboxDelta(0, true, -deleted.size(), -unseen, -flaggedDeleted, -size);
            List<Long> removed = deleted.stream().map(MessageRow::uid).toList();
            long modseq = mailbox.highestModseq() + 1;
            return Uni.combine().all().unis(mailboxes.apply(tx, accountId, mailbox.mailboxId(), delta),
                            messages.tombstones(tx, accountId, mailbox.mailboxId(), modseq, removed),
                            blobs.release(tx, release)).asTuple()
                    .map(done -> {
                        MailboxRow after = done.getItem1();
                        if (after.highestModseq() != modseq) {
                            // a caller passed a stale row: the tombstones' MODSEQ would be wrong
                            throw new IllegalStateException("mailbox " + mailbox.mailboxId() + " changed under its lock");
                        }
                        return new Expunged(removed, after);
                    });
        });
    }
}
