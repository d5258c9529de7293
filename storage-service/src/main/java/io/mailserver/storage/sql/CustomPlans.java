package io.mailserver.storage.sql;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import java.util.function.Function;

/**
 * A transaction whose prepared statements are planned for their parameters every time, for queries
 * whose best plan depends on them: a SEARCH must start from the few blobs a rare word is in, or from
 * the mailbox's messages when the word is common or the mailbox small. After five runs PostgreSQL
 * otherwise keeps a generic plan made without the values, and one made while small mailboxes were
 * searched read all 100,000 messages of a large one for a word one message holds (1.3 s instead of
 * a few ms).
 */
public final class CustomPlans {

    private CustomPlans() {
    }

    public static <T> Uni<T> run(Pool pool, Function<SqlConnection, Uni<T>> statements) {
        return SetUpTransaction.run(pool, "SET LOCAL plan_cache_mode = force_custom_plan", statements);
    }
}
