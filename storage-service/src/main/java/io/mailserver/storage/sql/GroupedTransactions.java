package io.mailserver.storage.sql;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Group commit for writes that meet on one lock. Deliveries to one mailbox all wait for its row
 * lock, which each holds until its commit has reached the disk: twenty sessions delivering to one
 * account kept about twelve transactions queued on that lock, each paying its own wait, wake-up and
 * WAL flush in turn. Here the transactions of one key run at most {@link #RUNNING_PER_KEY} at a
 * time, and those that arrive meanwhile run next, together, in one transaction: first every
 * member's {@code prepare} (what needs no lock: the content and its search row, most of a delivery's
 * work), then every member's {@code finish} (the lock, the rows), then one commit. Two at a time so
 * that one batch prepares while the other holds the lock and commits.
 *
 * <p>Nothing waits for a batch to fill: a key with room starts a transaction at once, alone. A batch
 * that fails (one member's deadline passed, a duplicate delivery id, any error) is rolled back and
 * each member then runs alone, so one member's failure is its own and never another's. Each member's
 * work must be safe to run again, as for {@link RetriedTransaction}, which runs every transaction
 * here. Per instance: a key's writes in other instances still meet on PostgreSQL's lock.
 *
 * @param <K> what the transactions meet on (an account)
 */
public final class GroupedTransactions<K> {

    /** Transactions of one key at once: one preparing while the other holds the lock. */
    static final int RUNNING_PER_KEY = 2;

    private final Pool pool;
    private final int maxGroup;
    /** Keys with a transaction running: how many, and what waits; guarded by {@code this}. */
    private final Map<K, Waiting> waiting = new HashMap<>();

    /** @param maxGroup the most members one transaction takes */
    public GroupedTransactions(Pool pool, int maxGroup) {
        this.pool = pool;
        this.maxGroup = Math.max(1, maxGroup);
    }

    private static final class Waiting {
        int running;
        final ArrayDeque<Member<?, ?>> queue = new ArrayDeque<>();
    }

    /** One member: its two steps, and where its result goes (on the caller's Vert.x context, when it had one). */
    private record Member<P, T>(Function<SqlConnection, Uni<P>> prepare, BiFunction<SqlConnection, P, Uni<T>> finish,
            UniEmitter<? super T> emitter, Context context) {

        Uni<P> prepare(SqlConnection tx) {
            return Uni.createFrom().deferred(() -> prepare.apply(tx));
        }

        Uni<Object> finish(SqlConnection tx, Object prepared) {
            @SuppressWarnings("unchecked")
            P own = (P) prepared;
            return Uni.createFrom().deferred(() -> finish.apply(tx, own)).map(result -> (Object) result);
        }

        Uni<Object> both(SqlConnection tx) {
            return prepare(tx).flatMap(prepared -> finish(tx, prepared));
        }

        void complete(Object result) {
            @SuppressWarnings("unchecked")
            T item = (T) result;
            deliver(() -> emitter.complete(item));
        }

        void fail(Throwable failure) {
            deliver(() -> emitter.fail(failure));
        }

        private void deliver(Runnable action) {
            if (context == null || context == Vertx.currentContext()) {
                action.run();
            } else {
                context.runOnContext(ignored -> action.run());
            }
        }
    }

    /**
     * Runs {@code prepare} and then {@code finish} with its result in one transaction, of their own
     * or of a batch, once the key has room.
     */
    public <P, T> Uni<T> run(K key, Function<SqlConnection, Uni<P>> prepare, BiFunction<SqlConnection, P, Uni<T>> finish) {
        return Uni.createFrom().emitter(emitter -> {
            Member<P, T> member = new Member<>(prepare, finish, emitter, Vertx.currentContext());
            synchronized (this) {
                Waiting state = waiting.computeIfAbsent(key, k -> new Waiting());
                if (state.running >= RUNNING_PER_KEY) {
                    state.queue.add(member);
                    return;
                }
                state.running++;
            }
            runBatch(key, List.of(member));
        });
    }

    private void next(K key) {
        List<Member<?, ?>> batch = new ArrayList<>();
        synchronized (this) {
            Waiting state = waiting.get(key);
            if (state.queue.isEmpty()) {
                if (--state.running == 0) {
                    waiting.remove(key);
                }
                return;
            }
            while (!state.queue.isEmpty() && batch.size() < maxGroup) {
                batch.add(state.queue.poll());
            }
        }
        runBatch(key, batch);
    }

    private void runBatch(K key, List<Member<?, ?>> batch) {
        Uni<Void> done = batch.size() == 1 ? alone(batch.get(0))
                : RetriedTransaction.run(pool, tx -> together(tx, batch))
                        .onItem().invoke(results -> {
                            for (int i = 0; i < batch.size(); i++) {
                                batch.get(i).complete(results[i]);
                            }
                        })
                        .replaceWithVoid()
                        // whatever failed, each runs alone: the failure is one member's, or is met again
                        .onFailure().recoverWithUni(failure -> Multi.createFrom().iterable(batch)
                                .onItem().transformToUniAndConcatenate(this::alone)
                                .collect().last().replaceWithVoid());
        done.subscribe().with(ignored -> next(key), ignored -> next(key));
    }

    /** Every member's prepare, then every member's finish; their results by member (items may be null). */
    private static Uni<Object[]> together(SqlConnection tx, List<Member<?, ?>> batch) {
        Object[] prepared = new Object[batch.size()];
        Object[] results = new Object[batch.size()];
        return Multi.createFrom().range(0, batch.size())
                .onItem().transformToUniAndConcatenate(i -> batch.get(i).prepare(tx).invoke(p -> prepared[i] = p).replaceWith(i))
                .collect().last()
                .flatMap(ignored -> Multi.createFrom().range(0, batch.size())
                        .onItem().transformToUniAndConcatenate(i -> batch.get(i).finish(tx, prepared[i])
                                .invoke(r -> results[i] = r).replaceWith(i))
                        .collect().last())
                .map(ignored -> results);
    }

    private Uni<Void> alone(Member<?, ?> member) {
        return RetriedTransaction.run(pool, member::both)
                .onItem().invoke(member::complete)
                .onFailure().invoke(member::fail)
                .replaceWithVoid()
                .onFailure().recoverWithNull();
    }
}
