package io.mailserver.storage.message.service;

import io.mailserver.storage.config.StorageConfig;
import io.mailserver.storage.failure.StorageException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The instance-wide cap on fetches that stream message bodies from blobs: each holds a
 * decompression window and a piece of compressed data while it runs, so their number, not their
 * size, decides the memory. Beyond {@code mail.storage.fetch.max-concurrent-streams} a fetch waits
 * its turn; beyond {@code max-waiting-streams} waiting ones it is refused at once with
 * RESOURCE_EXHAUSTED, which the protocol services answer as a temporary failure.
 */
@ApplicationScoped
public class BodyStreams {

    private final int max;
    private final int maxWaiting;
    private final Deque<UniEmitter<? super Runnable>> waiting = new ArrayDeque<>();
    private final Counter refused;
    private int active;

    public BodyStreams(StorageConfig config, MeterRegistry registry) {
        this.max = Math.max(1, config.fetch().maxConcurrentStreams());
        this.maxWaiting = Math.max(0, config.fetch().maxWaitingStreams());
        Gauge.builder("mail.storage.fetch.streams.active", this, BodyStreams::active)
                .description("Fetches streaming message bodies now").register(registry);
        Gauge.builder("mail.storage.fetch.streams.waiting", this, BodyStreams::waiting)
                .description("Fetches waiting for a body stream").register(registry);
        this.refused = Counter.builder("mail.storage.fetch.streams.refused")
                .description("Fetches refused because too many were streaming and waiting").register(registry);
    }

    /** A permit; run the returned action, once, when the stream ends however it ends. */
    public Uni<Runnable> acquire() {
        return Uni.createFrom().emitter(emitter -> {
            boolean granted;
            synchronized (this) {
                granted = active < max;
                if (granted) {
                    active++;
                } else if (waiting.size() < maxWaiting) {
                    waiting.add(emitter);
                    emitter.onTermination(() -> {
                        synchronized (this) {
                            waiting.remove(emitter);
                        }
                    });
                    return;
                }
            }
            if (granted) {
                emitter.complete(once());
            } else {
                refused.increment();
                emitter.fail(StorageException.resourceExhausted("too many fetches in progress, try again later"));
            }
        });
    }

    private Runnable once() {
        boolean[] released = {false};
        return () -> {
            UniEmitter<? super Runnable> next;
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
            // The permit passes straight to the next in line; active stays the same.
            if (next != null) {
                next.complete(once());
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
