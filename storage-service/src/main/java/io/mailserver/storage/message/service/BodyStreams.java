package io.mailserver.storage.message.service;

import io.mailserver.storage.config.StorageConfig;
import io.mailserver.storage.failure.StorageException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The instance-wide cap on fetches that stream message bodies from blobs: each holds a
 * decompression window and a piece of compressed data while it runs, so their number, not their
 * size, decides the memory. Beyond {@code mail.storage.fetch.max-concurrent-streams} a fetch waits
 * its turn; beyond {@code max-waiting-streams} waiting ones it is refused at once with
 * RESOURCE_EXHAUSTED, which the protocol services answer as a temporary failure.
 *
 * <p>One account holds at most {@code mail.storage.fetch.max-streams-per-account} of them, running or
 * waiting, and is refused beyond: a client that asks for bodies on many connections and does not read
 * them can tie up its own share, not everybody's.
 *
 * <p>A permit is a {@link Runnable} that gives it back; it is given back exactly once, also when the
 * fetch that waited for it was cancelled before or while it was handed over.
 */
@ApplicationScoped
public class BodyStreams {

    private final int max;
    private final int maxWaiting;
    private final int maxPerAccount;
    private final Map<Long, Integer> perAccount = new HashMap<>();
    private final Deque<Waiter> waiting = new ArrayDeque<>();
    private final Counter refused;
    private int active;

    @Inject
    public BodyStreams(StorageConfig config, MeterRegistry registry) {
        this(config.fetch().maxConcurrentStreams(), config.fetch().maxWaitingStreams(),
                config.fetch().maxStreamsPerAccount(), registry);
    }

    BodyStreams(int max, int maxWaiting, int maxPerAccount, MeterRegistry registry) {
        this.max = Math.max(1, max);
        this.maxWaiting = Math.max(0, maxWaiting);
        this.maxPerAccount = Math.max(1, maxPerAccount);
        Gauge.builder("mail.storage.fetch.streams.active", this, BodyStreams::active)
                .description("Fetches streaming message bodies now").register(registry);
        Gauge.builder("mail.storage.fetch.streams.waiting", this, BodyStreams::waiting)
                .description("Fetches waiting for a body stream").register(registry);
        this.refused = Counter.builder("mail.storage.fetch.streams.refused")
                .description("Fetches refused because too many were streaming and waiting").register(registry);
    }

    /** A permit for a fetch of {@code accountId}'s mail; run it, once, when the stream ends however it ends. */
    public Uni<Runnable> acquire(long accountId) {
        return Uni.createFrom().deferred(() -> {
            CompletableFuture<Runnable> slot;
            synchronized (this) {
                if (perAccount.getOrDefault(accountId, 0) >= maxPerAccount) {
                    slot = null;
                } else if (active < max) {
                    perAccount.merge(accountId, 1, Integer::sum);
                    active++;
                    return Uni.createFrom().item(permit(accountId));
                } else if (waiting.size() >= maxWaiting) {
                    slot = null;
                } else {
                    perAccount.merge(accountId, 1, Integer::sum);
                    slot = new CompletableFuture<>();
                    waiting.add(new Waiter(accountId, slot));
                }
            }
            if (slot == null) {
                refused.increment();
                return Uni.createFrom().failure(StorageException.resourceExhausted("too many fetches in progress, try again later"));
            }
            return Uni.createFrom().completionStage(slot).onCancellation().invoke(() -> abandon(accountId, slot));
        });
    }

    private record Waiter(long accountId, CompletableFuture<Runnable> slot) {
    }

    /** The fetch waiting on {@code slot} went away: leave the line, or give back what it was handed. */
    private void abandon(long accountId, CompletableFuture<Runnable> slot) {
        boolean left;
        synchronized (this) {
            left = waiting.removeIf(w -> w.slot() == slot);
            if (left) {
                lessFor(accountId);
            }
        }
        if (!left) {
            // Handed a permit already, or about to be: nobody else will run it.
            slot.thenAccept(Runnable::run);
        }
    }

    private Runnable permit(long accountId) {
        boolean[] released = {false};
        return () -> {
            Waiter next;
            synchronized (this) {
                if (released[0]) {
                    return;
                }
                released[0] = true;
                lessFor(accountId);
                next = waiting.poll();
                if (next == null) {
                    active--;
                }
            }
            // The place passes straight to the next in line; active stays the same. A waiter cancelled
            // in between refuses it (its future is cancelled), so it goes on along the line.
            if (next != null) {
                Runnable handed = permit(next.accountId());
                if (!next.slot().complete(handed)) {
                    handed.run();
                }
            }
        };
    }

    private void lessFor(long accountId) {
        perAccount.computeIfPresent(accountId, (id, n) -> n <= 1 ? null : n - 1);
    }

    synchronized int active() {
        return active;
    }

    synchronized int waiting() {
        return waiting.size();
    }
}
