package io.mailserver.storage.call;

import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.mailserver.storage.failure.GrpcFailures;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.operators.multi.processors.UnicastProcessor;
import io.smallrye.mutiny.subscription.MultiSubscriber;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Answers grpc-java calls from Mutiny pipelines, honouring gRPC flow control where Quarkus' own Mutiny
 * bridge does not: a server stream is pulled one item at a time, and only while the transport is
 * ready for more, so a client that reads slowly makes the stream produce slowly instead of piling
 * the rest up in memory. Every failure reaches the caller as a status ({@link GrpcFailures}).
 */
public final class GrpcBridge {

    private GrpcBridge() {
    }

    /** A unary answer; the supplier runs when called, so a refusal it throws becomes a status too. */
    public static <T> void unary(Supplier<Uni<T>> answer, StreamObserver<T> observer) {
        Uni.createFrom().<T>deferred(() -> answer.get()).subscribe().with(item -> {
            observer.onNext(item);
            observer.onCompleted();
        }, failure -> observer.onError(GrpcFailures.toStatus(failure)));
    }

    /**
     * A server stream, flow-controlled: the next item is requested only once the previous one is
     * handed to gRPC and the call is ready for more; cancelled when the client goes away.
     */
    public static <T> void stream(Supplier<Multi<T>> items, StreamObserver<T> observer) {
        ServerCallStreamObserver<T> call = (ServerCallStreamObserver<T>) observer;
        AtomicReference<Flow.Subscription> subscription = new AtomicReference<>();
        AtomicBoolean outstanding = new AtomicBoolean();
        AtomicBoolean done = new AtomicBoolean();
        Runnable pull = () -> {
            Flow.Subscription s = subscription.get();
            if (s != null && !done.get() && call.isReady() && outstanding.compareAndSet(false, true)) {
                s.request(1);
            }
        };
        // Both handlers must be set before this method returns (grpc-java's rule).
        call.setOnCancelHandler(() -> {
            done.set(true);
            Flow.Subscription s = subscription.get();
            if (s != null) {
                s.cancel();
            }
        });
        call.setOnReadyHandler(pull);
        Multi.createFrom().<T>deferred(() -> items.get()).subscribe().withSubscriber(new MultiSubscriber<T>() {
            @Override
            public void onSubscribe(Flow.Subscription s) {
                subscription.set(s);
                if (done.get()) {
                    s.cancel();
                } else {
                    pull.run();
                }
            }

            @Override
            public void onItem(T item) {
                if (done.get()) {
                    return;
                }
                call.onNext(item);
                outstanding.set(false);
                pull.run();
            }

            @Override
            public void onFailure(Throwable failure) {
                if (done.compareAndSet(false, true)) {
                    call.onError(GrpcFailures.toStatus(failure));
                }
            }

            @Override
            public void onCompletion() {
                if (done.compareAndSet(false, true)) {
                    call.onCompleted();
                }
            }
        });
    }

    /** A client stream: the requests as a Multi for {@code answer}, whose single result is the answer. */
    public static <Q, R> StreamObserver<Q> collect(StreamObserver<R> observer, Function<Multi<Q>, Uni<R>> answer) {
        UnicastProcessor<Q> requests = UnicastProcessor.create();
        unary(() -> answer.apply(requests), observer);
        return new StreamObserver<>() {
            @Override
            public void onNext(Q value) {
                requests.onNext(value);
            }

            @Override
            public void onError(Throwable t) {
                requests.onError(t);
            }

            @Override
            public void onCompleted() {
                requests.onComplete();
            }
        };
    }
}
