package io.mailserver.storage.sql;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import java.util.function.Function;

/**
 * A transaction whose first statement sets it up (its isolation, how its statements are planned,
 * how long they may run), so that the setting ends with it and never follows the pooled connection
 * into someone else's work.
 */
public final class SetUpTransaction {

    private SetUpTransaction() {
    }

    /** {@code setUp} is fixed SQL (SET TRANSACTION / SET LOCAL), never built from a request's values. */
    public static <T> Uni<T> run(Pool pool, String setUp, Function<SqlConnection, Uni<T>> statements) {
        return pool.withTransaction(tx -> tx.query(setUp).execute().flatMap(ignored -> statements.apply(tx)));
    }
}
