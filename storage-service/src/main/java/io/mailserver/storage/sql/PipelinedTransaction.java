package io.mailserver.storage.sql;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.tuples.Tuple2;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import java.util.function.Function;

/**
 * A transaction whose BEGIN travels with its first statements. {@code Pool.withTransaction} waits for
 * BEGIN's answer before it runs the work, a round trip of its own: a STORE was four (BEGIN, the lock
 * with the flags, the writes, COMMIT), now three, and a consistent read's SET TRANSACTION goes along.
 * Here BEGIN is sent and the work starts at once: the connection pipelines its statements behind
 * BEGIN, in order, and PostgreSQL runs them inside the transaction. Otherwise it ends as
 * {@code withTransaction} does: COMMIT once the work succeeded (Vert.x turns it into a ROLLBACK, and
 * a failure, when one of the transaction's statements failed even though the work recovered),
 * ROLLBACK when it failed, and the connection goes back to the pool only after either.
 */
public final class PipelinedTransaction {

    private PipelinedTransaction() {
    }

    public static <T> Uni<T> run(Pool pool, Function<SqlConnection, Uni<T>> statements) {
        return pool.withConnection(conn -> Uni.combine().all()
                .unis(conn.begin(), Uni.createFrom().deferred(() -> statements.apply(conn)))
                .asTuple()
                .call(done -> done.getItem1().commit())
                .map(Tuple2::getItem2)
                .onFailure().call(failure -> rollback(conn)));
    }

    /** Ends a transaction still open after a failure; none is open once COMMIT was answered. */
    private static Uni<Void> rollback(SqlConnection conn) {
        Transaction open = conn.transaction();
        if (open == null) {
            return Uni.createFrom().voidItem();
        }
        // the work's own failure is what the caller hears about, not one of the rollback
        return open.rollback().onFailure().recoverWithNull();
    }
}
