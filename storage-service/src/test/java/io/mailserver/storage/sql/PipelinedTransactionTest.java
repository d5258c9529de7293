package io.mailserver.storage.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.mailserver.testkit.quarkus.GrpcServerResource;
import io.mailserver.testkit.quarkus.KafkaResource;
import io.mailserver.testkit.quarkus.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.sqlclient.TransactionRollbackException;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * BEGIN sent together with the work's first statements: those statements are inside the
 * transaction (a failure later takes them back), a statement failure the work swallowed still rolls
 * back, a setting of {@link SetUpTransaction} holds for the first statement, and no connection goes
 * back to the pool with a transaction open.
 */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(GrpcServerResource.class)
class PipelinedTransactionTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    Pool pool;

    @BeforeEach
    void emptyProbe() {
        pool.query("CREATE TABLE IF NOT EXISTS public.pipeline_probe (id int PRIMARY KEY)").execute().await().atMost(WAIT);
        pool.query("TRUNCATE public.pipeline_probe").execute().await().atMost(WAIT);
    }

    @Test
    void theFirstStatementIsInsideTheTransaction() {
        assertThatThrownBy(() -> PipelinedTransaction.run(pool, tx -> insert(tx, 1)
                        .call(() -> tx.query("SELECT 1/0").execute()))
                .await().atMost(WAIT))
                .hasMessageContaining("division by zero");

        assertThat(count()).as("the insert sent with BEGIN was rolled back").isZero();
        noTransactionStaysOpen();
    }

    @Test
    void aCommittedTransactionKeepsItsWrites() {
        int result = PipelinedTransaction.run(pool, tx -> insert(tx, 1).call(() -> insert(tx, 2)).replaceWith(7))
                .await().atMost(WAIT);

        assertThat(result).isEqualTo(7);
        assertThat(count()).isEqualTo(2);
    }

    @Test
    void aFailedStatementTheWorkRecoveredFromStillRollsBack() {
        assertThatThrownBy(() -> PipelinedTransaction.run(pool, tx -> insert(tx, 1)
                        .call(() -> insert(tx, 1).onFailure().recoverWithNull()))
                .await().atMost(WAIT))
                .isInstanceOf(TransactionRollbackException.class);

        assertThat(count()).isZero();
        noTransactionStaysOpen();
    }

    @Test
    void theSettingHoldsForTheFirstStatement() {
        String isolation = ConsistentRead.run(pool, tx -> tx.query("SHOW transaction_isolation").execute()
                        .map(rows -> rows.iterator().next().getString(0)))
                .await().atMost(WAIT);

        assertThat(isolation).isEqualTo("repeatable read");
    }

    @Test
    void aFailureBeforeAnyStatementRollsBackTheBegin() {
        assertThatThrownBy(() -> PipelinedTransaction.run(pool, tx -> {
            throw new IllegalStateException("refused before any statement");
        }).await().atMost(WAIT)).hasMessageContaining("refused before any statement");

        noTransactionStaysOpen();
    }

    private static Uni<Void> insert(SqlConnection tx, int id) {
        return tx.preparedQuery("INSERT INTO public.pipeline_probe VALUES ($1)").execute(Tuple.of(id)).replaceWithVoid();
    }

    private long count() {
        return pool.query("SELECT count(*) FROM public.pipeline_probe").execute().await().atMost(WAIT)
                .iterator().next().getLong(0);
    }

    /**
     * No connection of this database stays idle inside a transaction: one left so by the pool would
     * stay forever, while the service's own work passes through that state for moments.
     */
    private void noTransactionStaysOpen() {
        await().atMost(Duration.ofSeconds(10)).until(() -> openTransactions() == 0);
    }

    private long openTransactions() {
        return pool.query("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                        + "AND state LIKE 'idle in transaction%'")
                .execute().await().atMost(WAIT).iterator().next().getLong(0);
    }
}
