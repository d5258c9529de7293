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
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Group commit. Deliveries to one mailbox all wait for its row lock, which each holds until its
 * commit has reached the disk: twenty sessions delivering to one account kept about twelve
 * transactions queued on that lock, each paying its own wait, wake-up and WAL flush in turn. And
 * deliveries to different mailboxes, which never wait for each other, still paid a commit and its
 * flush each. Here the transactions of one key (a lane: one mailbox, or several) run at most
 * {@link #RUNNING_PER_KEY} at a time, and those that arrive meanwhile run next, together, in one
 * transaction: first every member's {@code prepare} (what needs no lock of a mailbox: a delivery's
 * content and search row, most of its work), in the members' {@link Work#order} so that batches take
 * shared rows in one order; then every member's {@code finish} (the lock, the rows) in the order of
 * the rows they lock ({@link LockOrder}, then arrival), so that batches locking several rows lock
 * them in one order too; then every member's {@code stillWanted} check, so that the last step before
 * the commit still is "is the caller there"; then one commit. Two at a time so that one batch
 * prepares while the other holds the lock.
 *
 * <p>Nothing waits for a batch to fill: a key with room starts a transaction at once, alone. A member
 * whose step fails in a batch runs alone (its failure is its own) and the rest run again together;
 * a batch whose commit fails runs each member alone. So a member may run again after its batch did
 * commit (a connection lost during COMMIT): its work must notice that, as a delivery with a delivery
 * id does, and must be safe to run again, as for {@link RetriedTransaction}, which runs every
 * transaction here. A member whose caller went away while it queued is dropped from the queue.
 * Per instance: a key's writes in other instances still meet on PostgreSQL's lock.
 *
 * @param <K> the lanes transactions queue in (a lane per mailbox, or mailboxes hashed into a few)
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

    /**
     * The row a member's finish locks first, as (account, row id). A batch starts its finishes in this
     * order, the order in which a delivery to several mailboxes ({@code MessageWriter.place}) and COPY
     * or MOVE ({@code CopyService}) lock them, so none of these can each hold a row the other waits
     * for. A writer that locks in another order (RENAME locks the mailbox renamed, then the ones below
     * it) can meet a batch in a cycle: PostgreSQL aborts one, and both run in {@link RetriedTransaction}.
     */
    public record LockOrder(long accountId, long rowId) implements Comparable<LockOrder> {

        /** For a member that locks nothing: it finishes first. */
        public static final LockOrder NONE = new LockOrder(Long.MIN_VALUE, Long.MIN_VALUE);

        @Override
        public int compareTo(LockOrder other) {
            int byAccount = Long.compare(accountId, other.accountId);
            return byAccount != 0 ? byAccount : Long.compare(rowId, other.rowId);
        }
    }

    /**
     * One member's work.
     *
     * @param order       where its prepare comes in a batch (a delivery's content hash: shared content rows
     *                    are then locked in one order by every batch)
     * @param prepare     what it does before any lock of a lane's rows
     * @param locks       the row its finish locks first, given what {@code prepare} gave
     * @param finish      what it does under the lock, with what {@code prepare} gave
     * @param stillWanted fails when the caller no longer waits: the member's last step, and asked before
     *                    it runs alone
     */
    public record Work<P, T>(String order, Function<SqlConnection, Uni<P>> prepare, Function<P, LockOrder> locks,
            BiFunction<SqlConnection, P, Uni<T>> finish, Supplier<Uni<Void>> stillWanted) {

        /** Work whose members all lock the same row, or none: finished in arrival order. */
        public Work(String order, Function<SqlConnection, Uni<P>> prepare, BiFunction<SqlConnection, P, Uni<T>> finish,
                Supplier<Uni<Void>> stillWanted) {
            this(order, prepare, prepared -> LockOrder.NONE, finish, stillWanted);
        }
    }

    private static final class Waiting {
        int running;
        final ArrayDeque<Member<?, ?>> queue = new ArrayDeque<>();
    }

    /** One member: its work, and where its result goes (on the caller's Vert.x context, when it had one). */
    private record Member<P, T>(Work<P, T> work, UniEmitter<? super T> emitter, Context context) {

        Uni<Object> prepare(SqlConnection tx) {
            return Uni.createFrom().deferred(() -> work.prepare().apply(tx)).map(prepared -> (Object) prepared);
        }

        LockOrder locks(Object prepared) {
            @SuppressWarnings("unchecked")
            P own = (P) prepared;
            return work.locks().apply(own);
        }

        Uni<Object> finish(SqlConnection tx, Object prepared) {
            @SuppressWarnings("unchecked")
            P own = (P) prepared;
            return Uni.createFrom().deferred(() -> work.finish().apply(tx, own)).map(result -> (Object) result);
        }

        Uni<Void> stillWanted() {
            return Uni.createFrom().deferred(() -> work.stillWanted().get());
        }

        Uni<Object> all(SqlConnection tx) {
            return prepare(tx).flatMap(prepared -> finish(tx, prepared)).call(this::stillWanted);
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

    /** A member's step failed in a batch: which member, and why. */
    private static final class MemberFailed extends RuntimeException {
        final int index;

        MemberFailed(int index, Throwable cause) {
            super(cause.getMessage(), cause, false, false);
            this.index = index;
        }
    }

    /** Runs the work in a transaction of its own or of a batch, once the key has room. */
    public <P, T> Uni<T> run(K key, Work<P, T> work) {
        return Uni.createFrom().emitter(emitter -> {
            Member<P, T> member = new Member<>(work, emitter, Vertx.currentContext());
            synchronized (this) {
                Waiting state = waiting.computeIfAbsent(key, k -> new Waiting());
                if (state.running >= RUNNING_PER_KEY) {
                    state.queue.add(member);
                    // a caller gone while queued takes nothing from the batch (nor keeps its bytes there)
                    emitter.onTermination(() -> dropIfQueued(key, member));
                    return;
                }
                state.running++;
            }
            runBatch(key, List.of(member));
        });
    }

    private synchronized void dropIfQueued(K key, Member<?, ?> member) {
        Waiting state = waiting.get(key);
        if (state != null) {
            state.queue.remove(member);
        }
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
        commit(batch).subscribe().with(ignored -> next(key), ignored -> next(key));
    }

    /** Runs the batch and answers every member; never fails. */
    private Uni<Void> commit(List<Member<?, ?>> batch) {
        if (batch.size() == 1) {
            return alone(batch.get(0));
        }
        return RetriedTransaction.run(pool, tx -> together(tx, batch))
                .onItemOrFailure().transformToUni((results, failure) -> {
                    if (failure == null) {
                        for (int i = 0; i < batch.size(); i++) {
                            batch.get(i).complete(results[i]);
                        }
                        return Uni.createFrom().voidItem();
                    }
                    if (failure instanceof MemberFailed failed) {
                        List<Member<?, ?>> rest = new ArrayList<>(batch);
                        Member<?, ?> culprit = rest.remove(failed.index);
                        return alone(culprit).flatMap(ignored -> commit(rest));
                    }
                    // the commit itself failed, or the connection: whether anything committed is not known
                    return Multi.createFrom().iterable(batch)
                            .onItem().transformToUniAndConcatenate(this::alone)
                            .collect().last().replaceWithVoid();
                });
    }

    /**
     * Every member's prepare (started in work order), every finish (started in lock order, then
     * arrival order), every still-wanted check; their results by member (items may be null). A
     * failing step is tagged with its member.
     */
    private static Uni<Object[]> together(SqlConnection tx, List<Member<?, ?>> batch) {
        Object[] prepared = new Object[batch.size()];
        Object[] results = new Object[batch.size()];
        List<Integer> byOrder = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            byOrder.add(i);
        }
        byOrder.sort(Comparator.comparing(i -> batch.get(i).work().order(),
                Comparator.nullsFirst(Comparator.naturalOrder())));
        // Merged, not one member after the other: every member's next statement goes out as soon as its
        // previous one is answered, and the connection pipelines them, so a batch waits for about as
        // many round trips as one member's steps rather than for all of its members' steps in turn.
        // One connection runs statements in the order sent, and all members start at once, in work
        // (then lock) order: when their steps have one shape (each lock-taking statement the n-th of
        // every member's), rows are still taken in that order.
        return Multi.createFrom().iterable(byOrder)
                .onItem().transformToUni(i -> tagged(i, batch.get(i).prepare(tx)).invoke(p -> prepared[i] = p)
                        .replaceWith(i))
                .merge(batch.size())
                .collect().last()
                .flatMap(ignored -> Multi.createFrom().iterable(byLocks(batch, prepared))
                        .onItem().transformToUni(i -> tagged(i, batch.get(i).finish(tx, prepared[i]))
                                .invoke(r -> results[i] = r).replaceWith(i))
                        .merge(batch.size())
                        .collect().last())
                .flatMap(ignored -> Multi.createFrom().range(0, batch.size())
                        .onItem().transformToUniAndConcatenate(i -> tagged(i, batch.get(i).stillWanted()).replaceWith(i))
                        .collect().last())
                .map(ignored -> results);
    }

    /** The members' indexes in the order of the rows they lock, arrival order among equals. */
    private static List<Integer> byLocks(List<Member<?, ?>> batch, Object[] prepared) {
        LockOrder[] locks = new LockOrder[batch.size()];
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            locks[i] = batch.get(i).locks(prepared[i]);
            order.add(i);
        }
        order.sort(Comparator.comparing((Integer i) -> locks[i]).thenComparing(i -> i));
        return order;
    }

    private static <T> Uni<T> tagged(int index, Uni<T> step) {
        return step.onFailure().transform(failure -> new MemberFailed(index, failure));
    }

    /** The member in a transaction of its own, unless its caller is gone already; never fails. */
    private Uni<Void> alone(Member<?, ?> member) {
        return member.stillWanted()
                .flatMap(ignored -> RetriedTransaction.run(pool, member::all))
                .onItem().invoke(member::complete)
                .onFailure().invoke(member::fail)
                .replaceWithVoid()
                .onFailure().recoverWithNull();
    }
}
