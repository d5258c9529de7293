package io.mailserver.smtp.client;

import io.grpc.Channel;
import io.grpc.ConnectivityState;
import io.grpc.ManagedChannel;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Brings a peer's channel back quickly after the peer restarted. While a peer is down, gRPC backs
 * off between connection attempts (up to two minutes) and fails calls at once in the meantime, so
 * a peer that is back would still see refused calls for as long as the backoff lasts. This cuts the
 * backoff short and waits, briefly, until the channel is ready again.
 */
final class Reconnect {

    /** When each channel's backoff was last cut short (a service has two or three channels). */
    private static final Map<Channel, AtomicLong> LAST_RESET = new ConcurrentHashMap<>();

    private Reconnect() {
    }

    /**
     * Completes when {@code channel} is ready or {@code atMost} has passed, whichever is first; never
     * fails. A channel that is not a {@link ManagedChannel} (wrapped by an interceptor) is left alone.
     */
    static Uni<Void> now(Channel channel, Duration atMost) {
        if (!(channel instanceof ManagedChannel managed)) {
            return Uni.createFrom().voidItem();
        }
        // during an outage every failed call comes here: one reset a second, not a reconnect storm
        AtomicLong last = LAST_RESET.computeIfAbsent(channel, c -> new AtomicLong(Long.MIN_VALUE / 2));
        long now = System.nanoTime();
        long previous = last.get();
        if (now - previous >= TimeUnit.SECONDS.toNanos(1) && last.compareAndSet(previous, now)) {
            managed.resetConnectBackoff();
        }
        return Uni.createFrom().<Void>emitter(emitter -> {
                    AtomicBoolean done = new AtomicBoolean();
                    emitter.onTermination(() -> done.set(true));
                    watch(managed, emitter, done);
                })
                .ifNoItem().after(atMost).recoverWithItem((Void) null);
    }

    private static void watch(ManagedChannel channel, UniEmitter<? super Void> emitter, AtomicBoolean done) {
        if (done.get()) {
            return;
        }
        ConnectivityState state = channel.getState(true);
        if (state == ConnectivityState.READY || state == ConnectivityState.SHUTDOWN) {
            emitter.complete(null);
            return;
        }
        channel.notifyWhenStateChanged(state, () -> watch(channel, emitter, done));
    }
}
