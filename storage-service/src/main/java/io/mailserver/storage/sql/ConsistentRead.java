package io.mailserver.storage.sql;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import java.util.function.Function;

/**
 * A read-only transaction whose statements all see one snapshot (REPEATABLE READ), for answers that
 * must agree with each other: a mailbox's HIGHESTMODSEQ with the changes below it, its UIDNEXT with
 * its UIDs.
 */
public final class ConsistentRead {

    private ConsistentRead() {
    }

    public static <T> Uni<T> run(Pool pool, Function<SqlConnection, Uni<T>> reads) {
        return SetUpTransaction.run(pool, "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY", reads);
    }
}
