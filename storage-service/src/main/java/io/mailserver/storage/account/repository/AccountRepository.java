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

    public Uni<Void> delete(SqlClient sql, long accountId) {
        return sql.preparedQuery("DELETE FROM storage.accounts WHERE account_id = $1")
                .execute(Tuple.of(accountId))
                .replaceWithVoid();
    }
}
