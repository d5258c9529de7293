package io.mailserver.storage.mailbox.repository;

import io.mailserver.contracts.storage.v1.MailboxRef;
import io.mailserver.contracts.storage.v1.SpecialUse;
import io.mailserver.storage.failure.StorageException;
import io.mailserver.storage.mailbox.model.MailboxName;
import io.mailserver.storage.mailbox.model.MailboxRow;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * SQL on {@code storage.mailboxes}. Every statement is scoped to one account. Writers lock the
 * mailbox row ({@code FOR UPDATE}, or the UPDATE itself) before allocating UIDs or MODSEQs, which
 * serializes all changes to one mailbox.
 */
@ApplicationScoped
public class MailboxRepository {

    private static final String SELECT = "SELECT " + MailboxRow.COLUMNS + " FROM storage.mailboxes ";

    public Uni<List<MailboxRow>> list(SqlClient sql, long accountId) {
        return sql.preparedQuery(SELECT + "WHERE account_id = $1 ORDER BY name")
                .execute(Tuple.of(accountId))
                .map(MailboxRepository::rows);
    }

    public Uni<Optional<MailboxRow>> byId(SqlClient sql, long accountId, long mailboxId, boolean lock) {
        return sql.preparedQuery(SELECT + "WHERE account_id = $1 AND mailbox_id = $2" + (lock ? " FOR UPDATE" : ""))
                .execute(Tuple.of(accountId, mailboxId))
                .map(MailboxRepository::first);
    }

    public Uni<Optional<MailboxRow>> byName(SqlClient sql, long accountId, String name, boolean lock) {
        return sql.preparedQuery(SELECT + "WHERE account_id = $1 AND name = $2" + (lock ? " FOR UPDATE" : ""))
                .execute(Tuple.of(accountId, name))
                .map(MailboxRepository::first);
    }

    /** The mailbox a reference names, or NOT_FOUND. */
    public Uni<MailboxRow> resolve(SqlClient sql, MailboxRef ref, boolean lock) {
        Uni<Optional<MailboxRow>> found = switch (ref.getByCase()) {
            case MAILBOX_ID -> byId(sql, ref.getAccountId(), ref.getMailboxId(), lock);
            case NAME -> byName(sql, ref.getAccountId(), MailboxName.normalize(ref.getName()), lock);
            default -> Uni.createFrom().failure(StorageException.invalidArgument("mailbox id or name required"));
        };
        return found.map(mailbox -> mailbox.orElseThrow(() -> StorageException.notFound("no such mailbox")));
    }

    /** Several mailboxes of an account by name, without locking. */
    public Uni<List<MailboxRow>> byNames(SqlClient sql, long accountId, List<String> names) {
        return sql.preparedQuery(SELECT + "WHERE account_id = $1 AND name = ANY($2)")
                .execute(Tuple.of(accountId, names.toArray(String[]::new)))
                .map(MailboxRepository::rows);
    }

    /** Every mailbox whose name is {@code name} or lies below it, locked, in id order. */
    public Uni<List<MailboxRow>> subtree(SqlClient sql, long accountId, String name) {
        return sql.preparedQuery(SELECT + "WHERE account_id = $1 AND (name = $2 OR left(name, length($2) + 1) = $2 || '/') "
                        + "ORDER BY mailbox_id FOR UPDATE")
                .execute(Tuple.of(accountId, name))
                .map(MailboxRepository::rows);
    }

    /** Every mailbox of the account, locked in id order. */
    public Uni<List<MailboxRow>> lockAll(SqlClient sql, long accountId) {
        return sql.preparedQuery(SELECT + "WHERE account_id = $1 ORDER BY mailbox_id FOR UPDATE")
                .execute(Tuple.of(accountId))
                .map(MailboxRepository::rows);
    }

    /**
     * Creates a mailbox unless the name is taken; empty when it was. A subscription the name kept
     * after an earlier mailbox of that name was deleted goes to the new one.
     */
    public Uni<Optional<MailboxRow>> insert(SqlClient sql, long accountId, String name, SpecialUse use, boolean subscribed) {
        return sql.preparedQuery("WITH kept AS (DELETE FROM storage.kept_subscriptions WHERE account_id = $1 AND name = $2 "
                        + "RETURNING name) "
                        + "INSERT INTO storage.mailboxes (account_id, name, special_use, subscribed) "
                        + "VALUES ($1, $2, $3, $4 OR EXISTS (SELECT 1 FROM kept)) "
                        + "ON CONFLICT (account_id, name) DO NOTHING RETURNING " + MailboxRow.COLUMNS)
                .execute(Tuple.of(accountId, name, MailboxRow.column(use), subscribed))
                .map(MailboxRepository::first);
    }

    /**
     * Applies a change to the counters of a locked (or, by this statement, now locked) mailbox and
     * returns the row after it: {@code uidNext - uids} is the first UID allocated, and with
     * {@code bumpModseq} the new {@code highestModseq} is the MODSEQ of the change.
     */
    public Uni<MailboxRow> apply(SqlClient sql, long accountId, long mailboxId, MailboxDelta delta) {
        return sql.preparedQuery("UPDATE storage.mailboxes SET uid_next = uid_next + $3, "
                        + "highest_modseq = highest_modseq + $4, message_count = message_count + $5, "
                        + "unseen_count = unseen_count + $6, deleted_count = deleted_count + $7, size_bytes = size_bytes + $8 "
                        + "WHERE account_id = $1 AND mailbox_id = $2 RETURNING " + MailboxRow.COLUMNS)
                .execute(Tuple.from(List.of(accountId, mailboxId, delta.uids(), delta.bumpModseq() ? 1L : 0L,
                        delta.messages(), delta.unseen(), delta.deleted(), delta.size())))
                .map(MailboxRepository::first)
                .map(row -> row.orElseThrow(() -> StorageException.aborted("mailbox deleted concurrently")));
    }

    /**
     * Moves the \Recent mark from {@code expected} to {@code next} unless another session moved it
     * first; true when this call moved it.
     */
    public Uni<Boolean> moveRecentMark(SqlClient sql, long accountId, long mailboxId, long expected, long next) {
        return sql.preparedQuery("UPDATE storage.mailboxes SET first_recent_uid = $4 "
                        + "WHERE account_id = $1 AND mailbox_id = $2 AND first_recent_uid = $3")
                .execute(Tuple.of(accountId, mailboxId, expected, next))
                .map(result -> result.rowCount() == 1);
    }

    public Uni<List<MailboxRow>> rename(SqlClient sql, long accountId, String oldName, String newName) {
        return sql.preparedQuery("UPDATE storage.mailboxes SET name = $3 || substr(name, length($2) + 1) "
                        + "WHERE account_id = $1 AND (name = $2 OR left(name, length($2) + 1) = $2 || '/') "
                        + "RETURNING " + MailboxRow.COLUMNS)
                .execute(Tuple.of(accountId, oldName, newName))
                .map(MailboxRepository::rows);
    }

    public Uni<MailboxRow> setSubscribed(SqlClient sql, long accountId, long mailboxId, boolean subscribed) {
        return sql.preparedQuery("UPDATE storage.mailboxes SET subscribed = $3 WHERE account_id = $1 AND mailbox_id = $2 "
                        + "RETURNING " + MailboxRow.COLUMNS)
                .execute(Tuple.of(accountId, mailboxId, subscribed))
                .map(MailboxRepository::first)
                .map(row -> row.orElseThrow(() -> StorageException.notFound("no such mailbox")));
    }

    /** Keeps the subscription of a mailbox about to be deleted (RFC 9051 §6.3.9). */
    public Uni<Void> keepSubscription(SqlClient sql, long accountId, String name) {
        return sql.preparedQuery("INSERT INTO storage.kept_subscriptions (account_id, name) VALUES ($1, $2) "
                        + "ON CONFLICT DO NOTHING")
                .execute(Tuple.of(accountId, name))
                .replaceWithVoid();
    }

    /** Drops a kept subscription (UNSUBSCRIBE of a name without a mailbox); true when there was one. */
    public Uni<Boolean> dropKeptSubscription(SqlClient sql, long accountId, String name) {
        return sql.preparedQuery("DELETE FROM storage.kept_subscriptions WHERE account_id = $1 AND name = $2")
                .execute(Tuple.of(accountId, name))
                .map(result -> result.rowCount() > 0);
    }

    /** Mailboxes renamed onto names with kept subscriptions take them over. */
    public Uni<Void> adoptKeptSubscriptions(SqlClient sql, long accountId, String root) {
        return sql.preparedQuery("WITH kept AS (DELETE FROM storage.kept_subscriptions k WHERE k.account_id = $1 "
                        + "AND k.name IN (SELECT m.name FROM storage.mailboxes m WHERE m.account_id = $1 "
                        + "AND (m.name = $2 OR left(m.name, length($2) + 1) = $2 || '/')) RETURNING k.name) "
                        + "UPDATE storage.mailboxes m SET subscribed = true FROM kept "
                        + "WHERE m.account_id = $1 AND m.name = kept.name")
                .execute(Tuple.of(accountId, root))
                .replaceWithVoid();
    }

    /** Names subscribed to whose mailboxes no longer exist, in name order. */
    public Uni<List<String>> keptSubscriptions(SqlClient sql, long accountId) {
        return sql.preparedQuery("SELECT name FROM storage.kept_subscriptions WHERE account_id = $1 ORDER BY name")
                .execute(Tuple.of(accountId))
                .map(rows -> {
                    List<String> names = new ArrayList<>(rows.size());
                    rows.forEach(row -> names.add(row.getString(0)));
                    return names;
                });
    }

    public Uni<Void> delete(SqlClient sql, long accountId, long mailboxId) {
        return sql.preparedQuery("DELETE FROM storage.mailboxes WHERE account_id = $1 AND mailbox_id = $2")
                .execute(Tuple.of(accountId, mailboxId))
                .replaceWithVoid();
    }

    public Uni<Void> deleteAll(SqlClient sql, long accountId) {
        return sql.preparedQuery("DELETE FROM storage.mailboxes WHERE account_id = $1")
                .execute(Tuple.of(accountId))
                .replaceWithVoid();
    }

    private static List<MailboxRow> rows(RowSet<Row> rows) {
        List<MailboxRow> list = new ArrayList<>(rows.size());
        for (Row row : rows) {
            list.add(MailboxRow.from(row));
        }
        return list;
    }

    private static Optional<MailboxRow> first(RowSet<Row> rows) {
        var it = rows.iterator();
        return it.hasNext() ? Optional.of(MailboxRow.from(it.next())) : Optional.empty();
    }
}
