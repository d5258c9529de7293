package io.mailserver.storage.delivery.grpc;

import io.mailserver.contracts.storage.v1.DeliverRequest;
import io.mailserver.contracts.storage.v1.DeliverResponse;
import io.mailserver.contracts.storage.v1.GetSendingUsageRequest;
import io.mailserver.contracts.storage.v1.SendingUsage;
import io.mailserver.contracts.storage.v1.DeliveryService;
import io.mailserver.storage.call.CallDeadline;
import io.mailserver.storage.config.StorageConfig;
import io.mailserver.storage.delivery.service.MessageDelivery;
import io.mailserver.storage.failure.GrpcFailures;
import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import java.time.Duration;

/** gRPC {@code mail.storage.v1.DeliveryService}: maps the call to MessageDelivery and failures to statuses. */
@GrpcService
public class DeliveryGrpcService implements DeliveryService {

    private final MessageDelivery delivery;
    private final Duration commitMargin;

    public DeliveryGrpcService(MessageDelivery delivery, StorageConfig config) {
        this.delivery = delivery;
        this.commitMargin = config.delivery().commitMargin();
    }

    @Override
    public Uni<DeliverResponse> deliver(Multi<DeliverRequest> request) {
        // The call's context is current only here, where gRPC enters the service.
        CallDeadline deadline = CallDeadline.ofCurrentCall(commitMargin);
        return Uni.createFrom().deferred(() -> delivery.deliver(request, deadline)).onFailure().transform(GrpcFailures::toStatus);
    }

    @Override
    public Uni<SendingUsage> getSendingUsage(GetSendingUsageRequest request) {
        return Uni.createFrom().deferred(() -> delivery.sendingUsage(request.getAccountId()))
                .map(usage -> SendingUsage.newBuilder().setMessages(usage.messages()).setRecipients(usage.recipients()).build())
                .onFailure().transform(GrpcFailures::toStatus);
    }
}
