package io.mailserver.smtp.mailauth;

import io.smallrye.mutiny.Uni;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A few threads of their own for work that must stay off the event loop (DNS lookups that block,
 * hashing a whole message), answering back on the caller's event loop: a connection's state is
 * confined to it.
 */
final class BlockingPool {

    private final ExecutorService threads;

    BlockingPool(String name, int size) {
        AtomicInteger count = new AtomicInteger();
        this.threads = Executors.newFixedThreadPool(Math.max(1, size), task -> {
            Thread t = new Thread(task, name + "-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** {@code work} on this pool; the item (or failure) arrives on the event loop that asked, if one did. */
    <T> Uni<T> run(Supplier<T> work) {
        io.vertx.core.Context caller = io.vertx.core.Vertx.currentContext();
        Uni<T> done = Uni.createFrom().item(work).runSubscriptionOn(threads);
        return caller == null ? done : done.emitOn(task -> caller.runOnContext(v -> task.run()));
    }

    /**
     * {@code work} on this pool, or {@code late}'s item when it takes longer than {@code limit}; the item
     * (or failure) arrives on the event loop that asked, if one did, in either case: the time limit
     * fires on a timer thread, and a connection's state must not be touched from there. Work still
     * waiting for a thread when the limit passes is not started at all: the caller has answered, and
     * the message it would read is no longer counted in the session's memory budget.
     */
    <T> Uni<T> run(Supplier<T> work, java.time.Duration limit, Supplier<T> late) {
        io.vertx.core.Context caller = io.vertx.core.Vertx.currentContext();
        AtomicBoolean abandoned = new AtomicBoolean();
        Uni<T> done = Uni.createFrom().item(() -> abandoned.get() ? null : work.get()).runSubscriptionOn(threads)
                .ifNoItem().after(limit).recoverWithItem(() -> {
                    abandoned.set(true);
                    return late.get();
                });
        return caller == null ? done : done.emitOn(task -> caller.runOnContext(v -> task.run()));
    }

    void close() {
        threads.shutdownNow();
    }
}
