package io.mailserver.storage.delivery.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/** SQL on {@code storage.sending_usage}: per account and minute, what it submitted. */
@ApplicationScoped
public class SendingUsageRepository {

    /** Messages and recipients in the last hour. */
    public record Usage(long messages, long recipients) {
    }

    private final Pool pool;

    public SendingUsageRepository(Pool pool) {
        this.pool = pool;
    }

    /** Counts one submitted message with its recipients, in the caller's transaction. */
    public Uni<Void> add(SqlClient tx, long accountId, int recipients) {
        return tx.preparedQuery("INSERT INTO storage.sending_usage (account_id, minute, messages, recipients) "
                        + "VALUES ($1, date_trunc('minute', now()), 1, $2) ON CONFLICT (account_id, minute) DO UPDATE "
                        + "SET messages = sending_usage.messages + 1, recipients = sending_usage.recipients + EXCLUDED.recipients")
                .execute(Tuple.of(accountId, recipients))
                .replaceWithVoid();
    }

    public Uni<Usage> lastHour(long accountId) {
        return pool.preparedQuery("SELECT coalesce(sum(messages), 0) AS messages, coalesce(sum(recipients), 0) AS recipients "
                        + "FROM storage.sending_usage WHERE account_id = $1 AND minute > now() - interval '1 hour'")
                .execute(Tuple.of(accountId))
                .map(rows -> {
                    Row row = rows.iterator().next();
                    return new Usage(row.getLong("messages"), row.getLong("recipients"));
                });
    }

    /** Drops what no limit looks at any more. */
    public Uni<Integer> deleteOld() {
        return pool.preparedQuery("DELETE FROM storage.sending_usage WHERE minute < now() - interval '1 day'")
                .execute().map(rows -> rows.rowCount());
    }
}
