package io.mailserver.storage.account.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/** SQL on {@code storage.accounts}. */
@ApplicationScoped
public class AccountRepository {

    /** Records the account; true when this call created it, false when it existed. */
    public Uni<Boolean> insert(SqlClient sql, long accountId) {
        return sql.preparedQuery("INSERT INTO storage.accounts (account_id) VALUES ($1) ON CONFLICT DO NOTHING RETURNING 1")
                .execute(Tuple.of(accountId))
                .map(rows -> rows.rowCount() > 0);
    }

    /** The provisioned account ids in {@code (afterId, upTo]}, ascending. */
    public Uni<java.util.List<Long>> idsBetween(SqlClient sql, long afterId, long upTo) {
        return sql.preparedQuery("SELECT account_id FROM storage.accounts WHERE account_id > $1 AND account_id <= $2 "
                        + "ORDER BY account_id")
                .execute(Tuple.of(afterId, upTo))
                .map(rows -> {
                    java.util.List<Long> ids = new java.util.ArrayList<>();
                    rows.forEach(row -> ids.add(row.getLong(0)));
                    return ids;
                });
    }

    /** The account's own quota limits, {storage bytes, messages}, each null when it takes the default. */
    public Uni<Long[]> quotaLimits(SqlClient sql, long accountId) {
        return sql.preparedQuery("SELECT quota_storage_bytes, quota_messages FROM storage.accounts WHERE account_id = $1")
                .execute(Tuple.of(accountId))
                .map(rows -> {
                    var it = rows.iterator();
                    if (!it.hasNext()) {
                        return new Long[] {null, null};
                    }
                    var row = it.next();
                    return new Long[] {row.getLong(0), row.getLong(1)};
                });
    }

    /** Sets the account's own limits; null returns a limit to the default. */
    public Uni<Void> setQuotaLimits(SqlClient sql, long accountId, Long storageBytes, Long messages) {
        return sql.preparedQuery("UPDATE storage.accounts SET quota_storage_bytes = $2, quota_messages = $3 "
                        + "WHERE account_id = $1")
                .execute(Tuple.of(accountId, storageBytes, messages))
                .replaceWithVoid();
    }

    /** What the account's messages take: {bytes, messages}, from the mailbox counters. */
    public Uni<long[]> usage(SqlClient sql, long accountId) {
        return sql.preparedQuery("SELECT coalesce(sum(size_bytes), 0)::bigint, coalesce(sum(message_count), 0)::bigint "
                        + "FROM storage.mailboxes WHERE account_id = $1")
                .execute(Tuple.of(accountId))
                .map(rows -> {
                    var row = rows.iterator().next();
                    return new long[] {row.getLong(0), row.getLong(1)};
                });
    }

    public Uni<Void> delete(SqlClient sql, long accountId) {
        return sql.preparedQuery("DELETE FROM storage.accounts WHERE account_id = $1")
                .execute(Tuple.of(accountId))
                .replaceWithVoid();
    }
}
