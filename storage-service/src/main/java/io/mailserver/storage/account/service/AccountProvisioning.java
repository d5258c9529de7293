package io.mailserver.storage.account.service;

import io.mailserver.contracts.events.v1.MailboxChanged;
import io.mailserver.contracts.storage.v1.SpecialUse;
import io.mailserver.storage.account.repository.AccountRepository;
import io.mailserver.storage.blob.BlobStore;
import io.mailserver.storage.config.StorageConfig;
import io.mailserver.storage.events.MailboxChangedPublisher;
import io.mailserver.storage.failure.StorageException;
import io.mailserver.storage.mailbox.model.MailboxName;
import io.mailserver.storage.mailbox.model.MailboxRow;
import io.mailserver.storage.mailbox.repository.MailboxRepository;
import io.mailserver.storage.message.repository.MessageRepository;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Accounts come into being here: on the first request that names them, or on an AccountEvent
 * CREATED, whichever is first; provisioning is idempotent (the accounts row decides, under its
 * unique key, which transaction creates the special-use mailboxes). This instance remembers the
 * accounts it saw provisioned for a short while, so a request costs no extra round trip.
 */
@ApplicationScoped
public class AccountProvisioning {

    /** The mailboxes every account starts with (RFC 6154 special uses), all subscribed. */
    public static final Map<String, SpecialUse> SPECIAL_MAILBOXES = Map.of(
            MailboxName.INBOX, SpecialUse.SPECIAL_USE_INBOX,
            "Sent", SpecialUse.SPECIAL_USE_SENT,
            "Drafts", SpecialUse.SPECIAL_USE_DRAFTS,
            "Trash", SpecialUse.SPECIAL_USE_TRASH,
            "Junk", SpecialUse.SPECIAL_USE_JUNK,
            "Archive", SpecialUse.SPECIAL_USE_ARCHIVE);
    private static final List<String> ORDER = List.of(MailboxName.INBOX, "Sent", "Drafts", "Trash", "Junk", "Archive");
    private static final int CACHE_LIMIT = 100_000;

    private final Pool pool;
    private final AccountRepository accounts;
    private final MailboxRepository mailboxes;
    private final MessageRepository messages;
    private final BlobStore blobs;
    private final MailboxChangedPublisher publisher;
    private final long ttlNanos;
    private final Map<Long, Long> provisionedUntil = new ConcurrentHashMap<>();

    public AccountProvisioning(Pool pool, AccountRepository accounts, MailboxRepository mailboxes,
            MessageRepository messages, BlobStore blobs, MailboxChangedPublisher publisher, StorageConfig config) {
        this.pool = pool;
        this.accounts = accounts;
        this.mailboxes = mailboxes;
        this.messages = messages;
        this.blobs = blobs;
        this.publisher = publisher;
        this.ttlNanos = config.account().provisionedCacheTtl().toNanos();
    }

    /**
     * Runs a call of one account once the account is provisioned: how the gRPC edge starts every
     * unary and server-streaming call, so the services behind it can take the account as given.
     * (AppendMessage and Deliver learn their accounts from the stream's first element and ensure
     * them there.)
     */
    public <T> Uni<T> provisioned(long accountId, java.util.function.Supplier<Uni<T>> call) {
        return ensure(accountId).flatMap(ignored -> call.get());
    }

    /** {@link #provisioned(long, java.util.function.Supplier)} for a server-streaming call. */
    public <T> io.smallrye.mutiny.Multi<T> provisionedStream(long accountId,
            java.util.function.Supplier<io.smallrye.mutiny.Multi<T>> call) {
        return ensure(accountId).onItem().transformToMulti(ignored -> call.get());
    }

    /** Makes sure the account exists with its special-use mailboxes. */
    public Uni<Void> ensure(long accountId) {
        if (accountId <= 0) {
            return Uni.createFrom().failure(StorageException.invalidArgument("account id must be positive"));
        }
        Long until = provisionedUntil.get(accountId);
        if (until != null && until - System.nanoTime() > 0) {
            return Uni.createFrom().voidItem();
        }
        return provision(accountId).invoke(() -> remember(accountId)).replaceWithVoid();
    }

    public Uni<Void> ensureAll(Collection<Long> accountIds) {
        return Multi.createFrom().iterable(accountIds.stream().distinct().toList())
                .onItem().transformToUniAndConcatenate(this::ensure)
                .collect().last()
                .replaceWithVoid();
    }

    /** Provisions the account unless it exists (the idempotent form of {@link #provision}). */
    public Uni<Void> ensureProvisioned(long accountId) {
        return provision(accountId).invoke(() -> remember(accountId)).replaceWithVoid();
    }

    /** Provisions the account; returns the mailboxes created by this call (none when it existed). */
    public Uni<List<MailboxRow>> provision(long accountId) {
        return pool.withTransaction(tx -> accounts.insert(tx, accountId).flatMap(created -> {
            if (!created) {
                return Uni.createFrom().item(List.<MailboxRow>of());
            }
            return Multi.createFrom().iterable(ORDER)
                    .onItem().transformToUniAndConcatenate(name ->
                            mailboxes.insert(tx, accountId, name, SPECIAL_MAILBOXES.get(name), true))
                    .collect().asList()
                    .map(rows -> {
                        List<MailboxRow> made = new ArrayList<>();
                        rows.forEach(row -> row.ifPresent(made::add));
                        return made;
                    });
        })).invoke(made -> made.forEach(m -> publisher.publish(m, MailboxChanged.Kind.CREATED)));
    }

    /** Removes everything the account has: messages (releasing their blobs), tombstones, mailboxes. */
    public Uni<Void> delete(long accountId) {
        provisionedUntil.remove(accountId);
        return pool.withTransaction(tx -> mailboxes.lockAll(tx, accountId)
                .flatMap(locked -> messages.blobReferences(tx, accountId)
                        .flatMap(refs -> blobs.release(tx, refs))
                        .flatMap(ignored -> messages.deleteAccountContent(tx, accountId))
                        .flatMap(ignored -> tx.preparedQuery("DELETE FROM storage.deliveries WHERE account_id = $1")
                                .execute(Tuple.of(accountId)))
                        .flatMap(ignored -> mailboxes.deleteAll(tx, accountId))
                        .flatMap(ignored -> accounts.delete(tx, accountId))
                        .replaceWith(locked)))
                .invoke(deleted -> {
                    provisionedUntil.remove(accountId);
                    deleted.forEach(m -> publisher.publish(m, MailboxChanged.Kind.DELETED));
                })
                .replaceWithVoid();
    }

    private void remember(long accountId) {
        if (provisionedUntil.size() >= CACHE_LIMIT) {
            provisionedUntil.clear();
        }
        provisionedUntil.put(accountId, System.nanoTime() + ttlNanos);
    }

}
