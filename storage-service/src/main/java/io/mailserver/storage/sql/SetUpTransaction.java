package io.mailserver.storage.sql;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.tuples.Tuple2;
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
        // the setting goes out with BEGIN and the first statements: PostgreSQL applies it before them
        return PipelinedTransaction.run(pool, tx -> Uni.combine().all()
                .unis(tx.query(setUp).execute(), Uni.createFrom().deferred(() -> statements.apply(tx)))
                .asTuple()
                .map(Tuple2::getItem2));
    }
}
