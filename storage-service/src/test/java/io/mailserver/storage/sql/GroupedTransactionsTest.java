package io.mailserver.storage.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailserver.testkit.quarkus.GrpcServerResource;
import io.mailserver.testkit.quarkus.KafkaResource;
import io.mailserver.testkit.quarkus.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Group commit on a real PostgreSQL: what queues behind a key's running transactions commits in one
 * transaction (one transaction id for all of it), preparing every member before finishing any; a
 * member that fails there fails alone, and the others commit.
 */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(GrpcServerResource.class)
class GroupedTransactionsTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    Pool pool;

    /** Each test's group, the release of its running transactions ({@link #hold}), and the steps seen. */
    private GroupedTransactions<String> grouped;
    private CompletableFuture<Void> release;
    private List<String> steps;

    @BeforeEach
    void table() {
        grouped = new GroupedTransactions<>(pool, 32);
        release = new CompletableFuture<>();
        steps = new ArrayList<>();
        pool.query("CREATE TABLE IF NOT EXISTS public.group_probe (name text PRIMARY KEY, tx bigint NOT NULL)")
                .execute().await().atMost(WAIT);
        pool.query("TRUNCATE public.group_probe").execute().await().atMost(WAIT);
    }

    @Test
    void whatQueuesBehindTheRunningTransactionsCommitsTogether() throws Exception {
        // the first two start at once, alone, and hold until every other member has queued
        List<CompletableFuture<Long>> results = new ArrayList<>(hold(grouped, release, steps));
        for (int i = 0; i < 10; i++) {
            results.add(insert(grouped, "key", "queued" + i, null, steps));
        }
        // another key does not wait for this one
        assertThat(insert(grouped, "other", "elsewhere", null, new ArrayList<>()).get(WAIT.toSeconds(), TimeUnit.SECONDS))
                .isPositive();
        assertThat(steps).isEmpty();
        release.complete(null);

        List<Long> transactions = new ArrayList<>();
        for (CompletableFuture<Long> result : results) {
            transactions.add(result.get(WAIT.toSeconds(), TimeUnit.SECONDS));
        }
        assertThat(transactions.subList(GroupedTransactions.RUNNING_PER_KEY, transactions.size()))
                .as("the queued members share one transaction").containsOnly(transactions.get(transactions.size() - 1));
        assertThat(transactions.subList(0, GroupedTransactions.RUNNING_PER_KEY)).doesNotContain(transactions.get(2));
        assertThat(count()).isEqualTo(13);
        List<String> batch = steps.stream().filter(s -> s.contains("queued")).toList();
        assertThat(batch.subList(0, 10)).as("every member prepares before any finishes").allMatch(s -> s.startsWith("prepare"));
        assertThat(batch.subList(10, 20)).allMatch(s -> s.startsWith("finish"));
    }

    @Test
    void aMemberThatFailsFailsAloneAndTheOthersCommitTogether() throws Exception {
        List<CompletableFuture<Long>> held = hold(grouped, release, steps);
        CompletableFuture<Long> before = insert(grouped, "key", "before", null, steps);
        CompletableFuture<Long> failing = grouped.run("key", new GroupedTransactions.Work<Void, Long>("m", tx -> Uni.createFrom().voidItem(),
                (tx, ignored) -> tx.query("SELECT 1/0").execute().replaceWith(0L), () -> Uni.createFrom().voidItem()))
                .subscribeAsCompletionStage();
        CompletableFuture<Long> after = insert(grouped, "key", "after", null, steps);
        release.complete(null);

        for (CompletableFuture<Long> h : held) {
            h.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        }
        assertThatThrownBy(() -> failing.get(WAIT.toSeconds(), TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).hasMessageContaining("division by zero");
        long beforeTx = before.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(after.get(WAIT.toSeconds(), TimeUnit.SECONDS)).as("the rest ran again together").isEqualTo(beforeTx);
        assertThat(count()).isEqualTo(4);
        assertThat(steps.stream().filter("prepare before"::equals)).as("the batch ran, then the rest again").hasSize(2);
    }

    @Test
    void aMemberWhoseCallerIsGoneIsNotCommittedAndTheOthersAre() throws Exception {
        List<CompletableFuture<Long>> held = hold(grouped, release, steps);
        CompletableFuture<Long> kept = insert(grouped, "key", "kept", null, steps);
        AtomicInteger asked = new AtomicInteger();
        CompletableFuture<Long> unwanted = grouped.run("key", new GroupedTransactions.Work<Integer, Long>("u",
                tx -> Uni.createFrom().item(1), (tx, ignored) -> insertRow(tx, "unwanted"),
                () -> asked.incrementAndGet() > 0 ? Uni.createFrom().failure(new IllegalStateException("caller gone"))
                        : Uni.createFrom().voidItem()))
                .subscribeAsCompletionStage();
        // a caller that cancels while its member waits in the queue: the member never runs
        Cancellable cancelled = grouped.run("key", new GroupedTransactions.Work<Integer, Long>("c",
                tx -> Uni.createFrom().item(1), (tx, ignored) -> insertRow(tx, "cancelled"), () -> Uni.createFrom().voidItem()))
                .subscribe().with(ignored -> { }, ignored -> { });
        cancelled.cancel();
        release.complete(null);

        for (CompletableFuture<Long> h : held) {
            h.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        }
        assertThatThrownBy(() -> unwanted.get(WAIT.toSeconds(), TimeUnit.SECONDS)).hasMessageContaining("caller gone");
        assertThat(kept.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isPositive();
        assertThat(asked).as("asked last in the batch, then once before it would run alone").hasValue(2);
        assertThat(names()).containsExactlyInAnyOrder("running0", "running1", "kept");
    }

    @Test
    void aBatchFinishesItsMembersInTheOrderOfTheRowsTheyLock() throws Exception {
        List<CompletableFuture<Long>> results = new ArrayList<>(hold(grouped, release, steps));
        // arrival order differs from lock order, as deliveries to different mailboxes of a lane arrive
        results.add(locking(grouped, "b", new GroupedTransactions.LockOrder(2, 1), steps));
        results.add(locking(grouped, "d", new GroupedTransactions.LockOrder(2, 7), steps));
        results.add(locking(grouped, "a", new GroupedTransactions.LockOrder(1, 9), steps));
        results.add(locking(grouped, "c", new GroupedTransactions.LockOrder(2, 1), steps));
        results.add(locking(grouped, "none", GroupedTransactions.LockOrder.NONE, steps));
        release.complete(null);
        for (CompletableFuture<Long> result : results) {
            result.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        }

        assertThat(steps.stream().filter(s -> s.startsWith("finish") && !s.contains("running")))
                .as("by (account, row), then arrival").containsExactly("finish none", "finish a", "finish b", "finish c",
                        "finish d");
        assertThat(count()).isEqualTo(7);
    }

    /** A member whose finish locks {@code locks}; it records its finish and inserts {@code name}. */
    private CompletableFuture<Long> locking(GroupedTransactions<String> grouped, String name,
            GroupedTransactions.LockOrder locks, List<String> steps) {
        return grouped.run("key", new GroupedTransactions.Work<Integer, Long>(name, tx -> Uni.createFrom().item(1),
                ignored -> locks, (tx, ignored) -> {
                    record(steps, "finish " + name);
                    return insertRow(tx, name);
                }, () -> Uni.createFrom().voidItem())).subscribeAsCompletionStage();
    }

    /** The key's running transactions, each holding in its prepare until {@code release}. */
    private List<CompletableFuture<Long>> hold(GroupedTransactions<String> grouped, CompletableFuture<Void> release,
            List<String> steps) {
        List<CompletableFuture<Long>> held = new ArrayList<>();
        for (int i = 0; i < GroupedTransactions.RUNNING_PER_KEY; i++) {
            held.add(insert(grouped, "key", "running" + i, release, steps));
        }
        return held;
    }

    /**
     * A member that inserts {@code name} with its transaction id in {@code finish}, and answers that
     * id; its {@code prepare} waits for {@code hold} when given.
     */
    private CompletableFuture<Long> insert(GroupedTransactions<String> grouped, String key, String name,
            CompletableFuture<Void> hold, List<String> steps) {
        return grouped.run(key, new GroupedTransactions.Work<Integer, Long>(name, tx -> {
            Uni<Void> wait = hold == null ? Uni.createFrom().voidItem() : Uni.createFrom().completionStage(hold);
            return wait.invoke(() -> record(steps, "prepare " + name)).replaceWith(1);
        }, (tx, ignored) -> {
            record(steps, "finish " + name);
            return insertRow(tx, name);
        }, () -> Uni.createFrom().voidItem())).subscribeAsCompletionStage();
    }

    private static Uni<Long> insertRow(SqlConnection tx, String name) {
        return tx.preparedQuery("INSERT INTO public.group_probe VALUES ($1, txid_current()) RETURNING tx")
                .execute(Tuple.of(name)).map(rows -> rows.iterator().next().getLong("tx"));
    }

    private static void record(List<String> steps, String step) {
        synchronized (steps) {
            steps.add(step);
        }
    }

    private List<String> names() {
        List<String> names = new ArrayList<>();
        pool.query("SELECT name FROM public.group_probe").execute().await().atMost(WAIT)
                .forEach(row -> names.add(row.getString("name")));
        return names;
    }

    private long count() {
        return pool.query("SELECT count(*) FROM public.group_probe").execute().await().atMost(WAIT)
                .iterator().next().getLong(0);
    }
}
