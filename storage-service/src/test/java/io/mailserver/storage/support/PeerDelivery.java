package io.mailserver.storage.support;

import com.google.protobuf.ByteString;
import io.grpc.Channel;
import io.grpc.stub.StreamObserver;
import io.mailserver.contracts.storage.v1.DeliverRequest;
import io.mailserver.contracts.storage.v1.DeliverResponse;
import io.mailserver.contracts.storage.v1.DeliveryEnvelope;
import io.mailserver.contracts.storage.v1.DeliveryRecipient;
import io.mailserver.contracts.storage.v1.DeliveryServiceGrpc;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** A Deliver over a channel of the test's choosing (a peer's identity, or a stranger's), with plain grpc-java. */
public final class PeerDelivery {

    private PeerDelivery() {
    }

    /** Delivers {@code raw} to the INBOX of {@code accountId}; the future fails with the call's status. */
    public static CompletableFuture<DeliverResponse> deliver(Channel channel, long accountId, byte[] raw) {
        CompletableFuture<DeliverResponse> answer = new CompletableFuture<>();
        StreamObserver<DeliverRequest> stream = DeliveryServiceGrpc.newStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS)
                .deliver(new StreamObserver<>() {
                    @Override
                    public void onNext(DeliverResponse value) {
                        answer.complete(value);
                    }

                    @Override
                    public void onError(Throwable t) {
                        answer.completeExceptionally(t);
                    }

                    @Override
                    public void onCompleted() {
                    }
                });
        stream.onNext(DeliverRequest.newBuilder().setEnvelope(DeliveryEnvelope.newBuilder()
                .setDeliveryId(UUID.randomUUID().toString())
                .addRecipients(DeliveryRecipient.newBuilder().setAccountId(accountId))
                .setSize(raw.length)).build());
        stream.onNext(DeliverRequest.newBuilder().setData(ByteString.copyFrom(raw)).build());
        stream.onCompleted();
        return answer;
    }
}
