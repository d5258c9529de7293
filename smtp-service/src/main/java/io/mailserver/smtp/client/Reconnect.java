package io.mailserver.smtp.client;

import io.grpc.Channel;
import io.grpc.ConnectivityState;
import io.grpc.ManagedChannel;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Brings a peer's channel back quickly after the peer restarted. While a peer is down, gRPC backs
 * off between connection attempts (up to two minutes) and fails calls at once in the meantime, so
 * a peer that is back would still see refused calls for as long as the backoff lasts. This cuts the
 * backoff short and waits, briefly, until the channel is ready again.
 */
final class Reconnect {

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
        managed.resetConnectBackoff();
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
