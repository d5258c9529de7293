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
import java.util.concurrent.CompletableFuture;

/**
 * The instance-wide cap on fetches that stream message bodies from blobs: each holds a
 * decompression window and a piece of compressed data while it runs, so their number, not their
 * size, decides the memory. Beyond {@code mail.storage.fetch.max-concurrent-streams} a fetch waits
 * its turn; beyond {@code max-waiting-streams} waiting ones it is refused at once with
 * RESOURCE_EXHAUSTED, which the protocol services answer as a temporary failure.
 *
 * <p>A permit is a {@link Runnable} that gives it back; it is given back exactly once, also when the
 * fetch that waited for it was cancelled before or while it was handed over.
 */
@ApplicationScoped
public class BodyStreams {

    private final int max;
    private final int maxWaiting;
    private final Deque<CompletableFuture<Runnable>> waiting = new ArrayDeque<>();
    private final Counter refused;
    private int active;

    @Inject
    public BodyStreams(StorageConfig config, MeterRegistry registry) {
        this(config.fetch().maxConcurrentStreams(), config.fetch().maxWaitingStreams(), registry);
    }

    BodyStreams(int max, int maxWaiting, MeterRegistry registry) {
        this.max = Math.max(1, max);
        this.maxWaiting = Math.max(0, maxWaiting);
        Gauge.builder("mail.storage.fetch.streams.active", this, BodyStreams::active)
                .description("Fetches streaming message bodies now").register(registry);
        Gauge.builder("mail.storage.fetch.streams.waiting", this, BodyStreams::waiting)
                .description("Fetches waiting for a body stream").register(registry);
        this.refused = Counter.builder("mail.storage.fetch.streams.refused")
                .description("Fetches refused because too many were streaming and waiting").register(registry);
    }

    /** A permit; run it, once, when the stream ends however it ends. */
    public Uni<Runnable> acquire() {
        return Uni.createFrom().deferred(() -> {
            CompletableFuture<Runnable> slot;
            synchronized (this) {
                if (active < max) {
                    active++;
                    return Uni.createFrom().item(permit());
                }
                if (waiting.size() >= maxWaiting) {
                    slot = null;
                } else {
                    slot = new CompletableFuture<>();
                    waiting.add(slot);
                }
            }
            if (slot == null) {
                refused.increment();
                return Uni.createFrom().failure(StorageException.resourceExhausted("too many fetches in progress, try again later"));
            }
            return Uni.createFrom().completionStage(slot).onCancellation().invoke(() -> abandon(slot));
        });
    }

    /** The fetch waiting on {@code slot} went away: leave the line, or give back what it was handed. */
    private void abandon(CompletableFuture<Runnable> slot) {
        boolean left;
        synchronized (this) {
            left = waiting.remove(slot);
        }
        if (!left) {
            // Handed a permit already, or about to be: nobody else will run it.
            slot.thenAccept(Runnable::run);
        }
    }

    private Runnable permit() {
        boolean[] released = {false};
        return () -> {
            CompletableFuture<Runnable> next;
            synchronized (this) {
                if (released[0]) {
                    return;
                }
                released[0] = true;
                next = waiting.poll();
                if (next == null) {
                    active--;
                }
            }
            // The place passes straight to the next in line; active stays the same.
            if (next != null) {
                next.complete(permit());
            }
        };
    }

    synchronized int active() {
        return active;
    }

    synchronized int waiting() {
        return waiting.size();
    }
}
