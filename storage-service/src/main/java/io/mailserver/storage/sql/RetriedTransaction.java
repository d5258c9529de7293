package io.mailserver.storage.sql;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.pgclient.PgException;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * A read-write transaction that runs again, from the start, when PostgreSQL aborted it to break a
 * deadlock (40P01) or a serialization conflict (40001). Writers take blobs in key order (a batch
 * of deliveries too), a delivery before the mailbox row and APPEND, EXPUNGE and COPY after it, so
 * deduplicated content makes different transactions meet on the same blob rows (together with the
 * key-share locks foreign keys take), and PostgreSQL's answer to a cycle it finds is to abort one
 * side: the victim is to be retried, which is what the client would otherwise be asked to do
 * (imaptest saw an APPEND answered {@code NO [UNAVAILABLE]}).
 *
 * <p>Only the transaction runs again: the work must not have effects outside it (messages to Kafka
 * go out after commit), and a retry starts at once, because the other side holds its locks until it
 * commits and waiting on a timer would move the retry off the Vert.x context.
 */
public final class RetriedTransaction {

    private static final Logger LOG = Logger.getLogger(RetriedTransaction.class);

    /** Attempts in all; a third loss in a row is reported to the caller as a concurrent change. */
    static final int ATTEMPTS = 3;

    /** The foreign keys by which rows reference a blob. */
    private static final Set<String> BLOB_REFERENCES = Set.of("messages_blob_fkey", "outbound_messages_blob_sha256_fkey");

    private RetriedTransaction() {
    }

    public static <T> Uni<T> run(Pool pool, Function<SqlConnection, Uni<T>> statements) {
        AtomicInteger lost = new AtomicInteger();
        return PipelinedTransaction.run(pool, statements)
                .onFailure(RetriedTransaction::lostToConcurrency)
                .invoke(failure -> {
                    if (lost.incrementAndGet() < ATTEMPTS) {
                        LOG.debugf("transaction aborted by PostgreSQL (%s), running it again", failure.getMessage());
                    }
                })
                .onFailure(RetriedTransaction::lostToConcurrency).retry().atMost(ATTEMPTS - 1);
    }

    /**
     * A deadlock victim, a serialization failure, or a reference to a blob the collector deleted
     * after this transaction found it there ({@code BlobStore#put} takes no lock): nothing was
     * written, and running again may succeed (a blob gone is then stored anew).
     */
    public static boolean lostToConcurrency(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof PgException pg) {
                return "40P01".equals(pg.getSqlState()) || "40001".equals(pg.getSqlState())
                        || "23503".equals(pg.getSqlState()) && BLOB_REFERENCES.contains(pg.getConstraint());
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}
