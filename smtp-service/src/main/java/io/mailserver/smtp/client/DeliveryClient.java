package io.mailserver.smtp.client;

import com.google.protobuf.UnsafeByteOperations;
import io.grpc.Channel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.mailserver.contracts.storage.v1.DeliverRequest;
import io.mailserver.contracts.storage.v1.DeliverResponse;
import io.mailserver.contracts.storage.v1.DeliveryEnvelope;
import io.mailserver.contracts.storage.v1.DeliveryRecipient;
import io.mailserver.contracts.storage.v1.GetSendingUsageRequest;
import io.mailserver.contracts.storage.v1.MutinyDeliveryServiceGrpc;
import io.mailserver.contracts.storage.v1.OutboundRecipient;
import io.mailserver.contracts.storage.v1.DeliveryServiceGrpc;
import io.mailserver.contracts.storage.v1.DeliveryServiceGrpc.DeliveryServiceStub;
import io.mailserver.contracts.storage.v1.Timestamp;
import io.mailserver.smtp.config.MailConfig;
import io.quarkus.grpc.GrpcClient;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.buffer.Buffer;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The adapter around storage-service's {@code DeliveryService.Deliver}: streams the envelope and then
 * the message in chunks of at most {@link #CHUNK_SIZE} bytes, writing only while the gRPC stream is
 * ready (flow control), under one deadline for the whole call.
 *
 * <p>Storage commits only when the stream completes normally and answers only after the commit, so
 * a successful Uni means the message is durable. A call that fails with UNAVAILABLE (storage not
 * reachable) is tried once more with the same delivery id, which storage deduplicates, once the
 * channel has reconnected or a few seconds have passed ({@link Reconnect}); any other
 * failure fails the Uni and the caller answers 451.
 */
@ApplicationScoped
public class DeliveryClient {

    /** Largest data element of the stream. */
    public static final int CHUNK_SIZE = 64 * 1024;

    private static final Logger LOG = Logger.getLogger(DeliveryClient.class);

    /** How long a retry waits for storage to be reachable again before it is tried anyway. */
    static final java.time.Duration RECONNECT_WAIT = java.time.Duration.ofSeconds(3);

    private final Channel channel;
    private final DeliveryServiceStub stub;
    private final MutinyDeliveryServiceGrpc.MutinyDeliveryServiceStub usageStub;
    private final long deadlineMillis;

    public DeliveryClient(@GrpcClient("storage") Channel channel, MailConfig config) {
        // The plain async stub, not the Mutiny one: it exposes the stream's readiness for flow control.
        this.channel = channel;
        this.stub = DeliveryServiceGrpc.newStub(channel);
        this.usageStub = MutinyDeliveryServiceGrpc.newMutinyStub(channel);
        this.deadlineMillis = config.smtp().timeouts().storage().toMillis();
    }

    /**
     * Delivers one message; the Uni gives how many mailboxes it was stored in, and fails with
     * {@link MessageTooLargeException} when storage refuses its size.
     *
     * @param parts the message bytes in order (the trace header, then the content); their total
     *              length must be the message's {@code size}
     */
    public Uni<Integer> deliver(InboundMessage message, List<Buffer> parts) {
        return deliver(envelope(message), parts)
                .map(DeliverResponse::getMessagesCount)
                .onFailure(DeliveryClient::tooLarge).transform(MessageTooLargeException::new);
    }

    private static DeliveryEnvelope envelope(InboundMessage message) {
        return DeliveryEnvelope.newBuilder()
                .setDeliveryId(message.deliveryId())
                .setMailFrom(message.mailFrom())
                // smtp-service is the last hop for local recipients: final delivery (RFC 5321 4.4)
                .setAddReturnPath(true)
                .addAllRecipients(message.recipients().stream()
                        .map(r -> DeliveryRecipient.newBuilder().setAccountId(r.accountId()).setAddress(r.address())
                                .setMailbox(r.mailbox()).build())
                        .toList())
                .addAllOutbound(message.outbound().stream()
                        .map(r -> OutboundRecipient.newBuilder().setAddress(r.address())
                                .setOriginalRecipient(r.originalRecipient())
                                .setNotifyNever(r.dsnNotify().never())
                                .setNotifySuccess(r.dsnNotify().success())
                                .setNotifyFailure(r.dsnNotify().failure())
                                .setNotifyDelay(r.dsnNotify().delay())
                                .build())
                        .toList())
                .setEnvid(message.envid())
                .setReturnHeadersOnly(message.ret() == io.mailserver.smtp.dsn.Ret.HDRS)
                .setReturnFull(message.ret() == io.mailserver.smtp.dsn.Ret.FULL)
                .setSmtputf8(message.smtputf8())
                .setEightBit(message.eightBit())
                .setTlsRequirement(switch (message.tlsRequirement()) {
                    case REQUIRED -> io.mailserver.contracts.storage.v1.TlsRequirement.TLS_REQUIREMENT_REQUIRED;
                    case OPTIONAL -> io.mailserver.contracts.storage.v1.TlsRequirement.TLS_REQUIREMENT_OPTIONAL;
                    case DEFAULT -> io.mailserver.contracts.storage.v1.TlsRequirement.TLS_REQUIREMENT_DEFAULT;
                })
                .setOutboundMailFrom(message.forwardedCopy().mailFrom())
                .setOutboundHeader(com.google.protobuf.ByteString.copyFrom(message.forwardedCopy().header()))
                .setSize(message.size())
                .setSubmittedBy(message.submittedBy())
                .setReceivedAt(Timestamp.newBuilder()
                        .setEpochSeconds(message.receivedAt().toEpochSecond())
                        .setZoneOffsetMinutes(message.receivedAt().getOffset().getTotalSeconds() / 60))
                .build();
    }

    /** What the account submitted in the last hour, whichever instance took it. */
    public Uni<SentLastHour> sentLastHour(long accountId) {
        return usageStub.getSendingUsage(GetSendingUsageRequest.newBuilder().setAccountId(accountId).build())
                .ifNoItem().after(java.time.Duration.ofMillis(deadlineMillis)).fail()
                .map(usage -> new SentLastHour(usage.getMessages(), usage.getRecipients()));
    }

    private static boolean tooLarge(Throwable failure) {
        return Status.fromThrowable(failure).getCode() == Status.Code.RESOURCE_EXHAUSTED;
    }

    private Uni<DeliverResponse> deliver(DeliveryEnvelope envelope, List<Buffer> parts) {
        long total = parts.stream().mapToLong(Buffer::length).sum();
        if (total != envelope.getSize()) {
            return Uni.createFrom().failure(new IllegalArgumentException(
                    "envelope size " + envelope.getSize() + " but " + total + " bytes to send"));
        }
        return attempt(envelope, parts)
                .onFailure(DeliveryClient::unavailable).recoverWithUni(failure -> {
                    LOG.infof("storage unavailable for delivery %s, trying once more", envelope.getDeliveryId());
                    // storage may have just restarted: reconnect now rather than after gRPC's backoff
                    return Reconnect.now(channel, RECONNECT_WAIT).flatMap(ready -> attempt(envelope, parts));
                });
    }

    private Uni<DeliverResponse> attempt(DeliveryEnvelope envelope, List<Buffer> parts) {
        return Uni.createFrom().emitter(emitter -> call(envelope, parts, emitter));
    }

    private static boolean unavailable(Throwable failure) {
        return failure instanceof StatusRuntimeException s && s.getStatus().getCode() == Status.Code.UNAVAILABLE;
    }

    private void call(DeliveryEnvelope envelope, List<Buffer> parts, UniEmitter<? super DeliverResponse> emitter) {
        Upload upload = new Upload(envelope, parts, emitter);
        emitter.onTermination(upload::cancelIfUnfinished);
        try {
            stub.withDeadlineAfter(deadlineMillis, TimeUnit.MILLISECONDS).deliver(upload);
        } catch (RuntimeException e) {
            emitter.fail(e);
        }
    }

    /** One Deliver call: sends while the stream is ready, collects the single response. */
    private static final class Upload implements ClientResponseObserver<DeliverRequest, DeliverResponse> {

        private final DeliveryEnvelope envelope;
        private final List<Buffer> parts;
        private final UniEmitter<? super DeliverResponse> emitter;
        private ClientCallStreamObserver<DeliverRequest> requests;
        private boolean envelopeSent;
        private int part;
        private int offset;
        private volatile boolean halfClosed;
        private volatile boolean finished;
        private volatile DeliverResponse response;

        Upload(DeliveryEnvelope envelope, List<Buffer> parts, UniEmitter<? super DeliverResponse> emitter) {
            this.envelope = envelope;
            this.parts = parts;
            this.emitter = emitter;
        }

        @Override
        public void beforeStart(ClientCallStreamObserver<DeliverRequest> requestStream) {
            this.requests = requestStream;
            requestStream.setOnReadyHandler(this::sendWhileReady);
        }

        /** gRPC calls this serially whenever the transport can take more. */
        private void sendWhileReady() {
            while (!halfClosed && !finished && requests.isReady()) {
                if (!envelopeSent) {
                    requests.onNext(DeliverRequest.newBuilder().setEnvelope(envelope).build());
                    envelopeSent = true;
                } else if (part < parts.size()) {
                    Buffer current = parts.get(part);
                    int end = Math.min(current.length(), offset + CHUNK_SIZE);
                    if (end > offset) {
                        byte[] bytes = current.getBytes(offset, end);
                        requests.onNext(DeliverRequest.newBuilder().setData(UnsafeByteOperations.unsafeWrap(bytes)).build());
                    }
                    offset = end;
                    if (offset >= current.length()) {
                        part++;
                        offset = 0;
                    }
                } else {
                    halfClosed = true;
                    requests.onCompleted();
                }
            }
        }

        @Override
        public void onNext(DeliverResponse value) {
            response = value;
        }

        @Override
        public void onError(Throwable t) {
            finished = true;
            emitter.fail(t);
        }

        @Override
        public void onCompleted() {
            finished = true;
            DeliverResponse value = response;
            if (value == null) {
                emitter.fail(new IllegalStateException("storage closed Deliver without an answer"));
            } else {
                emitter.complete(value);
            }
        }

        /** The Uni was cancelled before an answer: cancel the call so storage stores nothing. */
        void cancelIfUnfinished() {
            if (!finished && requests != null) {
                finished = true;
                requests.cancel("delivery abandoned", null);
            }
        }
    }
}
