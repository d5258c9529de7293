package io.mailserver.storage.mailbox.service;

import io.mailserver.contracts.events.v1.MailboxChanged;
import io.mailserver.contracts.storage.v1.ListMailboxesResponse;
import io.mailserver.contracts.storage.v1.Mailbox;
import io.mailserver.contracts.storage.v1.MailboxRef;
import io.mailserver.contracts.storage.v1.SpecialUse;
import io.mailserver.storage.blob.BlobStore;
import io.mailserver.storage.events.MailboxChangedPublisher;
import io.mailserver.storage.events.MailboxChangedPublisher.Change;
import io.mailserver.storage.failure.StorageException;
import io.mailserver.storage.mailbox.model.MailboxName;
import io.mailserver.storage.mailbox.model.MailboxRow;
import io.mailserver.storage.mailbox.repository.MailboxRepository;
import io.mailserver.storage.message.model.UidRanges;
import io.mailserver.storage.message.repository.MessageRepository;
import io.mailserver.storage.message.service.CopyService;
import io.mailserver.storage.sql.RetriedTransaction;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/**
 * The mailbox commands: LIST, CREATE (parents implied), RENAME (children follow; INBOX moves its
 * messages out, RFC 9051 §6.3.6), DELETE (never INBOX) and SUBSCRIBE. Each runs in one
 * transaction and announces what it changed after the commit.
 */
@ApplicationScoped
public class MailboxHierarchy {

    private final Pool pool;
    private final MailboxRepository mailboxes;
    private final MessageRepository messages;
    private final BlobStore blobs;
    private final CopyService copies;
    private final MailboxChangedPublisher publisher;

    public MailboxHierarchy(Pool pool, MailboxRepository mailboxes,
            MessageRepository messages, BlobStore blobs, CopyService copies, MailboxChangedPublisher publisher) {
        this.pool = pool;
        this.mailboxes = mailboxes;
        this.messages = messages;
        this.blobs = blobs;
        this.copies = copies;
        this.publisher = publisher;
    }

    private record Result<T>(T value, List<Change> changes) {
    }

    public Uni<ListMailboxesResponse> list(long accountId) {
        return mailboxes.list(pool, accountId)
                .flatMap(rows -> mailboxes.keptSubscriptions(pool, accountId).map(kept -> ListMailboxesResponse.newBuilder()
                        .addAllMailboxes(rows.stream().map(MailboxRow::toProto).toList())
                        .addAllSubscribedWithoutMailbox(kept)
                        .setDelimiter(MailboxName.DELIMITER)
                        .build()));
    }

    public Uni<Mailbox> create(long accountId, String requestedName, SpecialUse use) {
        String name = MailboxName.normalize(requestedName);
        return pool.withTransaction(tx -> createParents(tx, accountId, name).flatMap(parents ->
                        mailboxes.insert(tx, accountId, name, use, false).map(created -> {
                            MailboxRow row = created.orElseThrow(() -> StorageException.alreadyExists("mailbox exists"));
                            List<Change> changes = new ArrayList<>(parents);
                            changes.add(new Change(row, MailboxChanged.Kind.CREATED));
                            return new Result<>(row.toProto(), changes);
                        })))
                .map(this::announce);
    }

    /** Creates the missing parents of a name; returns them as CREATED changes. */
    private Uni<List<Change>> createParents(SqlConnection tx, long accountId, String name) {
        List<String> parents = MailboxName.parents(name);
        if (parents.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return Multi.createFrom().iterable(parents)
                .onItem().transformToUniAndConcatenate(parent ->
                        mailboxes.insert(tx, accountId, parent, SpecialUse.SPECIAL_USE_NONE, false))
                .collect().asList()
                .map(rows -> {
                    List<Change> created = new ArrayList<>();
                    rows.forEach(r -> r.ifPresent(row -> created.add(new Change(row, MailboxChanged.Kind.CREATED))));
                    return created;
                });
    }

    public Uni<Mailbox> rename(MailboxRef ref, String requestedName) {
        long accountId = ref.getAccountId();
        String newName = MailboxName.normalize(requestedName);
        // Retried: it locks the mailbox renamed before those below it, which may have lower ids, and
        // so can meet a delivery batch or a COPY (which lock in id order) in a cycle PostgreSQL breaks
        return RetriedTransaction.run(pool, tx -> mailboxes.resolve(tx, ref, true).flatMap(source -> source.isInbox()
                        ? renameInbox(tx, source, newName)
                        : renameSubtree(tx, source, newName)))
                .map(this::announce);
    }

    private Uni<Result<Mailbox>> renameSubtree(SqlConnection tx, MailboxRow source, String newName) {
        long accountId = source.accountId();
        if (newName.equals(source.name()) || newName.equals(MailboxName.INBOX)) {
            return Uni.createFrom().failure(StorageException.alreadyExists("mailbox exists"));
        }
        if (MailboxName.isInside(newName, source.name())) {
            return Uni.createFrom().failure(StorageException.invalidArgument("cannot rename a mailbox below itself"));
        }
        return mailboxes.subtree(tx, accountId, source.name())
                .flatMap(subtree -> {
                    List<String> targets = subtree.stream()
                            .map(row -> newName + row.name().substring(source.name().length()))
                            .toList();
                    return mailboxes.byNames(tx, accountId, targets);
                })
                .flatMap(clashes -> {
                    if (!clashes.isEmpty()) {
                        return Uni.createFrom().failure(StorageException.alreadyExists("mailbox exists: " + clashes.get(0).name()));
                    }
                    return mailboxes.rename(tx, accountId, source.name(), newName)
                            .call(() -> mailboxes.adoptKeptSubscriptions(tx, accountId, newName));
                })
                .flatMap(renamed -> createParents(tx, accountId, newName).map(parents -> {
                    List<Change> changes = new ArrayList<>(parents);
                    MailboxRow self = null;
                    for (MailboxRow row : renamed) {
                        changes.add(new Change(row, MailboxChanged.Kind.RENAMED));
                        if (row.mailboxId() == source.mailboxId()) {
                            self = row;
                        }
                    }
                    return new Result<>(self == null ? source.toProto() : self.toProto(), changes);
                }));
    }

    /** RFC 9051 §6.3.6: renaming INBOX moves its messages to a new mailbox and leaves INBOX empty. */
    private Uni<Result<Mailbox>> renameInbox(SqlConnection tx, MailboxRow inbox, String newName) {
        long accountId = inbox.accountId();
        if (newName.equals(MailboxName.INBOX)) {
            return Uni.createFrom().failure(StorageException.alreadyExists("mailbox exists"));
        }
        return createParents(tx, accountId, newName).flatMap(parents ->
                mailboxes.insert(tx, accountId, newName, SpecialUse.SPECIAL_USE_NONE, false).flatMap(created -> {
                    MailboxRow target = created.orElseThrow(() -> StorageException.alreadyExists("mailbox exists"));
                    return copies.moveLocked(tx, inbox, target, UidRanges.all()).map(moved -> {
                        List<Change> changes = new ArrayList<>(parents);
                        changes.add(new Change(moved.target(), MailboxChanged.Kind.CREATED));
                        if (moved.source() != null) {
                            changes.add(new Change(moved.source(), MailboxChanged.Kind.EXPUNGED));
                        }
                        return new Result<>(moved.target().toProto(), changes);
                    });
                }));
    }

    public Uni<Long> delete(MailboxRef ref) {
        return pool.withTransaction(tx -> mailboxes.resolve(tx, ref, true).flatMap(mailbox -> {
                    if (mailbox.isInbox()) {
                        return Uni.createFrom().failure(StorageException.failedPrecondition("INBOX cannot be deleted"));
                    }
                    long accountId = mailbox.accountId();
                    return messages.blobReferences(tx, accountId, mailbox.mailboxId())
                            .flatMap(refs -> blobs.release(tx, refs))
                            .flatMap(ignored2 -> messages.deleteMailboxContent(tx, accountId, mailbox.mailboxId()))
                            .flatMap(ignored2 -> mailbox.subscribed()
                                    ? mailboxes.keepSubscription(tx, accountId, mailbox.name())
                                    : Uni.createFrom().voidItem())
                            .flatMap(ignored2 -> mailboxes.delete(tx, accountId, mailbox.mailboxId()))
                            .replaceWith(new Result<>(mailbox.mailboxId(),
                                    List.of(new Change(mailbox, MailboxChanged.Kind.DELETED))));
                }))
                .map(this::announce);
    }

    /**
     * SUBSCRIBE takes existing mailboxes only; UNSUBSCRIBE also drops the subscription a deleted
     * mailbox left behind (then the answer is a mailbox with only its name).
     */
    public Uni<Mailbox> setSubscribed(MailboxRef ref, boolean subscribed) {
        long accountId = ref.getAccountId();
        return pool.withTransaction(tx -> mailboxes.resolve(tx, ref, true)
                        .flatMap(mailbox -> mailboxes.setSubscribed(tx, mailbox.accountId(), mailbox.mailboxId(), subscribed))
                        .map(MailboxRow::toProto)
                        .onFailure(failure -> !subscribed && ref.hasName() && failure instanceof StorageException e
                                && e.code() == io.grpc.Status.Code.NOT_FOUND)
                        .recoverWithUni(failure -> {
                            String name = MailboxName.normalize(ref.getName());
                            return mailboxes.dropKeptSubscription(tx, accountId, name).map(dropped -> {
                                if (!dropped) {
                                    throw StorageException.notFound("no such mailbox");
                                }
                                return Mailbox.newBuilder().setName(name).build();
                            });
                        }));
    }

    private <T> T announce(Result<T> result) {
        publisher.publish(result.changes());
        return result.value();
    }
}
