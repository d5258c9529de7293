package io.mailserver.imap.client;

import com.google.protobuf.UnsafeByteOperations;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.mailserver.contracts.storage.v1.AppendHeader;
import io.mailserver.contracts.storage.v1.AppendRequest;
import io.mailserver.contracts.storage.v1.AppendResponse;
import io.mailserver.contracts.storage.v1.Timestamp;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * One message on its way to storage's AppendMessage, sent under gRPC flow control: {@link #send}
 * says when storage's window is full, and {@link #whenReady} when to go on, so the octets of a
 * large message wait in the client's TCP buffers, not here. Nothing is stored until
 * {@link #finish()}; {@link #cancel()} stores nothing. Call everything on the connection's context.
 */
public final class AppendUpload implements ClientResponseObserver<AppendRequest, AppendResponse> {

    private final Executor executor;
    private final CompletableFuture<AppendResponse> result = new CompletableFuture<>();
    private ClientCallStreamObserver<AppendRequest> call;
    private Runnable onReady;
    private boolean ended;

    AppendUpload(Executor executor) {
        this.executor = executor;
    }

    @Override
    public void beforeStart(ClientCallStreamObserver<AppendRequest> requestStream) {
        this.call = requestStream;
        requestStream.setOnReadyHandler(() -> executor.execute(() -> {
            Runnable action = onReady;
            if (action != null && call.isReady()) {
                onReady = null;
                action.run();
            }
        }));
    }

    void start(AppendRequest header) {
        call.onNext(header);
    }

    /** Starts the next message of the same upload (MULTIAPPEND): its header, then its octets. */
    public void next(MessageToAppend message) {
        if (!ended) {
            call.onNext(AppendRequest.newBuilder().setHeader(header(message)).build());
        }
    }

    static AppendHeader header(MessageToAppend message) {
        AppendHeader.Builder header = AppendHeader.newBuilder()
                .setMailbox(StorageClient.mailbox(message.accountId(), message.mailbox()))
                .addAllFlags(message.flags())
                .setSize(message.size());
        if (message.internalDate() != null) {
            header.setInternalDate(Timestamp.newBuilder()
                    .setEpochSeconds(message.internalDate().toEpochSecond())
                    .setZoneOffsetMinutes(message.internalDate().getOffset().getTotalSeconds() / 60));
        }
        return header.build();
    }

    /** Sends message octets; false when storage's window is full: wait for {@link #whenReady}. */
    public boolean send(Buffer octets) {
        if (ended) {
            return true;
        }
        call.onNext(AppendRequest.newBuilder().setData(UnsafeByteOperations.unsafeWrap(octets.getBytes())).build());
        return call.isReady();
    }

    /** Runs {@code action} once storage takes data again (at once when it does now or the upload is over). */
    public void whenReady(Runnable action) {
        if (ended || call.isReady() || result.isDone()) {
            action.run();
        } else {
            onReady = action;
        }
    }

    /** Asks storage to store the message: every octet has been sent. */
    public void finish() {
        if (!ended) {
            ended = true;
            call.onCompleted();
        }
    }

    /** Gives up: storage stores nothing. */
    public void cancel() {
        if (!ended) {
            ended = true;
            call.cancel("append abandoned", null);
        }
    }

    /** Storage's answer once it stored the message, or the failure; delivered on the connection's context. */
    public Uni<AppendResult> result() {
        return Uni.createFrom().completionStage(result).map(AppendUpload::stored).emitOn(executor);
    }

    private static AppendResult stored(AppendResponse response) {
        int[] uids = response.getUidsCount() > 0
                ? response.getUidsList().stream().mapToInt(Integer::intValue).toArray()
                : new int[] {response.getUid()};
        return new AppendResult(response.getUidValidity(), uids);
    }

    /** True when storage already failed the upload (no point in sending more). */
    public boolean failed() {
        return result.isCompletedExceptionally();
    }

    @Override
    public void onNext(AppendResponse value) {
        result.complete(value);
    }

    @Override
    public void onError(Throwable t) {
        result.completeExceptionally(PeerFailures.translate(StorageClient.PEER, t));
        executor.execute(() -> {
            Runnable action = onReady;
            onReady = null;
            if (action != null) {
                action.run();
            }
        });
    }

    @Override
    public void onCompleted() {
        result.completeExceptionally(new IllegalStateException("AppendMessage completed without an answer"));
    }
}
