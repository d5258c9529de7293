package io.mailserver.storage.sql;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailserver.testkit.quarkus.GrpcServerResource;
import io.mailserver.testkit.quarkus.KafkaResource;
import io.mailserver.testkit.quarkus.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Two transactions that lock two rows in opposite orders: PostgreSQL finds the cycle and aborts one
 * (40P01); it runs again and both commit, each change made once.
 */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(GrpcServerResource.class)
class RetriedTransactionTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    Pool pool;

    @Test
    void theDeadlockVictimRunsAgainAndBothCommitOnce() throws Exception {
        pool.query("CREATE TABLE IF NOT EXISTS public.retry_probe (id int PRIMARY KEY, n int NOT NULL)")
                .execute().await().atMost(WAIT);
        pool.query("INSERT INTO public.retry_probe VALUES (1, 0), (2, 0) ON CONFLICT (id) DO UPDATE SET n = 0")
                .execute().await().atMost(WAIT);
        CompletableFuture<Void> firstHoldsOne = new CompletableFuture<>();
        CompletableFuture<Void> secondHoldsTwo = new CompletableFuture<>();
        AtomicInteger firstRuns = new AtomicInteger();
        AtomicInteger secondRuns = new AtomicInteger();

        CompletableFuture<Void> first = crossing(firstRuns, 1, 2, firstHoldsOne, secondHoldsTwo);
        CompletableFuture<Void> second = crossing(secondRuns, 2, 1, secondHoldsTwo, firstHoldsOne);
        first.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        second.get(WAIT.toSeconds(), TimeUnit.SECONDS);

        assertThat(firstRuns.get() + secondRuns.get()).as("one of the two ran again").isEqualTo(3);
        List<Integer> counts = new ArrayList<>();
        pool.query("SELECT n FROM public.retry_probe ORDER BY id").execute().await().atMost(WAIT)
                .forEach(row -> counts.add(row.getInteger("n")));
        assertThat(counts).as("each transaction counted each row once").containsExactly(2, 2);
    }

    @Test
    void onlyConcurrencyLossesRunAgain() {
        AtomicInteger runs = new AtomicInteger();
        Uni<Object> failing = RetriedTransaction.run(pool, tx -> {
            runs.incrementAndGet();
            return tx.query("SELECT 1/0").execute().replaceWith(new Object());
        });
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> failing.await().atMost(WAIT))
                .hasMessageContaining("division by zero");
        assertThat(runs).hasValue(1);
    }

    /** Locks {@code own}, waits until the other side holds its row (first run only), then locks {@code other}. */
    private CompletableFuture<Void> crossing(AtomicInteger runs, int own, int other, CompletableFuture<Void> holding,
            CompletableFuture<Void> otherHolding) {
        return RetriedTransaction.run(pool, tx -> {
            int run = runs.incrementAndGet();
            return count(tx, own)
                    .invoke(() -> holding.complete(null))
                    .call(() -> run == 1 ? Uni.createFrom().completionStage(otherHolding) : Uni.createFrom().voidItem())
                    .call(() -> count(tx, other));
        }).replaceWithVoid().subscribeAsCompletionStage();
    }

    private static Uni<Void> count(SqlConnection tx, int id) {
        return tx.preparedQuery("UPDATE public.retry_probe SET n = n + 1 WHERE id = $1").execute(Tuple.of(id))
                .replaceWithVoid();
    }
}
