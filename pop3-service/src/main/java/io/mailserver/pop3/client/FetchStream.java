package io.mailserver.pop3.client;

import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.mailserver.contracts.storage.v1.FetchRequest;
import io.mailserver.contracts.storage.v1.FetchResponse;
import io.mailserver.contracts.storage.v1.MessageServiceGrpc;
import java.util.concurrent.Executor;

/**
 * {@link ContentStream} over one {@code FetchMessages} call with manual gRPC flow control: the
 * server's next response is delivered only after {@link #request()}.
 */
final class FetchStream implements ContentStream {

    private final MessageServiceGrpc.MessageServiceStub stub;
    private final FetchRequest request;
    private final int uid;
    private volatile ClientCallStreamObserver<FetchRequest> call;
    private volatile boolean cancelled;

    FetchStream(MessageServiceGrpc.MessageServiceStub stub, FetchRequest request, int uid) {
        this.stub = stub;
        this.request = request;
        this.uid = uid;
    }

    @Override
    public void start(Listener listener, Executor context) {
        stub.fetchMessages(request, new ClientResponseObserver<FetchRequest, FetchResponse>() {
            @Override
            public void beforeStart(ClientCallStreamObserver<FetchRequest> requestStream) {
                call = requestStream;
                requestStream.disableAutoRequestWithInitial(1);
            }

            @Override
            public void onNext(FetchResponse response) {
                context.execute(() -> deliver(response, listener));
            }

            @Override
            public void onError(Throwable failure) {
                context.execute(() -> listener.onFailed(failure));
            }

            @Override
            public void onCompleted() {
                context.execute(listener::onCompleted);
            }
        });
    }

    private void deliver(FetchResponse response, Listener listener) {
        if (cancelled) {
            return;
        }
        if (response.getUid() != uid) {
            // Not ours (a storage answering more than asked); skip it and keep the stream moving.
            request();
            return;
        }
        if (response.hasAttributes()) {
            listener.onAttributes(response.getAttributes());
        } else if (response.hasChunk()) {
            listener.onChunk(response.getChunk());
        } else {
            request();
        }
    }

    @Override
    public void request() {
        ClientCallStreamObserver<FetchRequest> current = call;
        if (current != null && !cancelled) {
            current.request(1);
        }
    }

    @Override
    public void cancel() {
        cancelled = true;
        ClientCallStreamObserver<FetchRequest> current = call;
        if (current != null) {
            current.cancel("content no longer needed", null);
        }
    }
}
