package io.mailserver.storage.message.service;

import io.mailserver.contracts.events.v1.MailboxChanged;
import io.mailserver.contracts.storage.v1.CopyMessagesRequest;
import io.mailserver.contracts.storage.v1.CopyMessagesResponse;
import io.mailserver.contracts.storage.v1.MailboxRef;
import io.mailserver.contracts.storage.v1.UidMapping;
import io.mailserver.contracts.storage.v1.UidSet;
import io.mailserver.storage.account.service.Quotas;
import io.mailserver.storage.events.MailboxChangedPublisher;
import io.mailserver.storage.failure.StorageException;
import io.mailserver.storage.mailbox.model.MailboxRow;
import io.mailserver.storage.mailbox.repository.MailboxDelta;
import io.mailserver.storage.mailbox.repository.MailboxRepository;
import io.mailserver.storage.message.model.SystemFlag;
import io.mailserver.storage.message.model.UidRanges;
import io.mailserver.storage.message.repository.MessageRepository;
import io.mailserver.storage.message.repository.MessageRow;
import io.mailserver.storage.metrics.StorageMetrics;
import io.mailserver.storage.sql.RetriedTransaction;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/**
 * COPY (RFC 9051 §6.4.7) and MOVE (RFC 6851): new UIDs in the target in source order with one new
 * MODSEQ, flags and internal date kept, one more blob reference per copy; a move also expunges the
 * sources in the same transaction. Answers with the UIDPLUS mapping (RFC 4315).
 */
@ApplicationScoped
public class CopyService {

    private final Pool pool;
    private final MailboxRepository mailboxes;
    private final MessageRepository messages;
    private final ExpungeService expunge;
    private final MailboxChangedPublisher publisher;
    private final StorageMetrics metrics;
    private final Quotas quotas;

    public CopyService(Pool pool, MailboxRepository mailboxes, MessageRepository messages,
            ExpungeService expunge, MailboxChangedPublisher publisher, StorageMetrics metrics,
            Quotas quotas) {
        this.pool = pool;
        this.mailboxes = mailboxes;
        this.messages = messages;
        this.expunge = expunge;
        this.publisher = publisher;
        this.metrics = metrics;
        this.quotas = quotas;
    }

    /** The outcome inside a transaction: mailboxes after the change (source null when nothing was expunged). */
    public record Moved(MailboxRow target, MailboxRow source, List<Long> sourceUids, List<Long> targetUids) {
    }

    public Uni<CopyMessagesResponse> copy(CopyMessagesRequest request) {
        return run(request, false);
    }

    public Uni<CopyMessagesResponse> move(CopyMessagesRequest request) {
        return run(request, true);
    }

    private Uni<CopyMessagesResponse> run(CopyMessagesRequest request, boolean move) {
        long accountId = request.getSource().getAccountId();
        MailboxRef target = request.getTarget().getAccountId() == 0
                ? request.getTarget().toBuilder().setAccountId(accountId).build()
                : request.getTarget();
        if (target.getAccountId() != accountId) {
            return Uni.createFrom().failure(StorageException.invalidArgument("source and target must be of one account"));
        }
        UidRanges uids = UidRanges.of(request.getUids());
        return RetriedTransaction.run(pool, tx -> mailboxes.resolve(tx, request.getSource(), false)
                        .flatMap(source -> mailboxes.resolve(tx, target, false).flatMap(destination ->
                                lockInOrder(tx, source, destination).flatMap(locked ->
                                        move ? moveLocked(tx, locked[0], locked[1], uids)
                                                // a move leaves the account's usage as it was
                                                : copyLocked(tx, locked[0], locked[1], uids)
                                                        .call(() -> quotas.ensureWithin(tx, accountId))))))
                .invoke(result -> {
                    if (!result.targetUids().isEmpty()) {
                        metrics.messagesStored(result.targetUids().size());
                        publisher.publish(result.target(), MailboxChanged.Kind.APPENDED);
                        if (result.source() != null) {
                            publisher.publish(result.source(), MailboxChanged.Kind.EXPUNGED);
                        }
                    }
                })
                .map(result -> {
                    CopyMessagesResponse.Builder response = CopyMessagesResponse.newBuilder()
                            .setTargetUidValidity((int) result.target().uidValidity());
                    for (int i = 0; i < result.sourceUids().size(); i++) {
                        response.addMappings(UidMapping.newBuilder()
                                .setSourceUid(result.sourceUids().get(i).intValue())
                                .setTargetUid(result.targetUids().get(i).intValue()));
                    }
                    response.setExpunged(move ? UidRanges.toUidSet(result.sourceUids()) : UidSet.getDefaultInstance());
                    return response.build();
                });
    }

    /** Locks both mailboxes in id order (once when they are one); returns {source, target} as locked. */
    private Uni<MailboxRow[]> lockInOrder(SqlConnection tx, MailboxRow source, MailboxRow target) {
        if (source.mailboxId() == target.mailboxId()) {
            return mailboxes.byId(tx, source.accountId(), source.mailboxId(), true)
                    .map(row -> {
                        MailboxRow locked = row.orElseThrow(() -> StorageException.notFound("no such mailbox"));
                        return new MailboxRow[] {locked, locked};
                    });
        }
        boolean sourceFirst = source.mailboxId() < target.mailboxId();
        MailboxRow first = sourceFirst ? source : target;
        MailboxRow second = sourceFirst ? target : source;
        return mailboxes.byId(tx, first.accountId(), first.mailboxId(), true).flatMap(a ->
                mailboxes.byId(tx, second.accountId(), second.mailboxId(), true).map(b -> {
                    MailboxRow lockedFirst = a.orElseThrow(() -> StorageException.notFound("no such mailbox"));
                    MailboxRow lockedSecond = b.orElseThrow(() -> StorageException.notFound("no such mailbox"));
                    return sourceFirst ? new MailboxRow[] {lockedFirst, lockedSecond}
                            : new MailboxRow[] {lockedSecond, lockedFirst};
                }));
    }

    /** Copies within the caller's transaction; both mailboxes must be locked by it. */
    public Uni<Moved> copyLocked(SqlConnection tx, MailboxRow source, MailboxRow target, UidRanges uids) {
        if (uids.isEmpty()) {
            return Uni.createFrom().item(new Moved(target, null, List.of(), List.of()));
        }
        long accountId = source.accountId();
        return messages.flags(tx, accountId, source.mailboxId(), uids).flatMap(rows -> {
            if (rows.isEmpty()) {
                return Uni.createFrom().item(new Moved(target, null, List.of(), List.of()));
            }
            long n = rows.size();
            long unseen = 0;
            long deleted = 0;
            long size = 0;
            List<Long> sourceUids = new ArrayList<>(rows.size());
            for (MessageRow row : rows) {
                unseen += row.flags().has(SystemFlag.SEEN) ? 0 : 1;
                deleted += row.flags().has(SystemFlag.DELETED) ? 1 : 0;
                size += row.size();
                sourceUids.add(row.uid());
            }
            MailboxDelta delta = new MailboxDelta(n, true, n, unseen, deleted, size);
            return mailboxes.apply(tx, accountId, target.mailboxId(), delta).flatMap(after -> {
                long first = after.uidNext() - n;
                if (after.uidNext() - 1 > UidRanges.MAX_UID) {
                    return Uni.createFrom().failure(StorageException.failedPrecondition("mailbox has run out of UIDs"));
                }
                List<Long> targetUids = new ArrayList<>(rows.size());
                for (int i = 0; i < n; i++) {
                    targetUids.add(first + i);
                }
                return messages.copy(tx, accountId, source.mailboxId(), target.mailboxId(), after.highestModseq(),
                                sourceUids, targetUids)
                        .map(ignored -> new Moved(after, null, sourceUids, targetUids));
            });
        });
    }

    /** Copy, then expunge the sources whatever their flags, within the caller's transaction. */
    public Uni<Moved> moveLocked(SqlConnection tx, MailboxRow source, MailboxRow target, UidRanges uids) {
        return copyLocked(tx, source, target, uids).flatMap(copied -> {
            if (copied.sourceUids().isEmpty()) {
                return Uni.createFrom().item(copied);
            }
            // the source row may have changed if it is the target too: expunge against its current state
            MailboxRow current = source.mailboxId() == target.mailboxId() ? copied.target() : source;
            UidRanges moved = UidRanges.of(UidRanges.toUidSet(copied.sourceUids()));
            return expunge.expungeLocked(tx, current, moved, true).map(expunged -> new Moved(
                    source.mailboxId() == target.mailboxId() ? expunged.mailbox() : copied.target(),
                    expunged.mailbox(), copied.sourceUids(), copied.targetUids()));
        });
    }
}
