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
 * <p>One account runs at most {@code mail.storage.fetch.max-streams-per-account} of them at once; its
 * further fetches wait in line (a quarter of the line at most, refused beyond), and a stream that
 * ends hands its place to the first in line whose account is below its share. A client that asks
 * for bodies on many connections and does not read them ties up its own share, not everybody's;
 * one that reads them on twenty connections (imaptest) is slowed, not refused.
 *
 * <p>A permit is a {@link Runnable} that gives it back; it is given back exactly once, also when the
 * fetch that waited for it was cancelled before or while it was handed over.
 */
@ApplicationScoped
public class BodyStreams {

    private final int max;
    private final int maxWaiting;
    private final int maxPerAccount;
    private final int maxWaitingPerAccount;
    /** Per account with a stream running or waiting: {running, waiting}. */
    private final Map<Long, int[]> accounts = new HashMap<>();
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
        this.maxWaitingPerAccount = Math.max(1, this.maxWaiting / 4);
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
                int[] account = accounts.computeIfAbsent(accountId, id -> new int[2]);
                if (account[0] < maxPerAccount && active < max) {
                    account[0]++;
                    active++;
                    return Uni.createFrom().item(permit(accountId));
                }
                if (waiting.size() >= maxWaiting || account[1] >= maxWaitingPerAccount) {
                    forgetIfIdle(accountId, account);
                    slot = null;
                } else {
                    account[1]++;
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
                int[] account = accounts.get(accountId);
                account[1]--;
                forgetIfIdle(accountId, account);
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
                int[] account = accounts.get(accountId);
                account[0]--;
                active--;
                forgetIfIdle(accountId, account);
                next = nextEligible();
            }
            // The place passes to the first in line whose account is below its share. A waiter
            // cancelled in between refuses it (its future is cancelled), so it goes on along the line.
            if (next != null) {
                Runnable handed = permit(next.accountId());
                if (!next.slot().complete(handed)) {
                    handed.run();
                }
            }
        };
    }

    /** Takes the first waiter that may run now out of the line and counts it as running (under the lock). */
    private Waiter nextEligible() {
        if (active >= max) {
            return null;
        }
        for (var it = waiting.iterator(); it.hasNext(); ) {
            Waiter w = it.next();
            int[] account = accounts.get(w.accountId());
            if (account[0] < maxPerAccount) {
                it.remove();
                account[1]--;
                account[0]++;
                active++;
                return w;
            }
        }
        return null;
    }

    private void forgetIfIdle(long accountId, int[] account) {
        if (account[0] == 0 && account[1] == 0) {
            accounts.remove(accountId);
        }
    }

    synchronized int active() {
        return active;
    }

    synchronized int waiting() {
        return waiting.size();
    }
}
