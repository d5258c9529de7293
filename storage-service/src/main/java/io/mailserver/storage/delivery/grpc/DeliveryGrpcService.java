package io.mailserver.storage.delivery.grpc;

import io.mailserver.contracts.storage.v1.DeliverRequest;
import io.mailserver.contracts.storage.v1.DeliverResponse;
import io.mailserver.contracts.storage.v1.DeliveryService;
import io.mailserver.storage.delivery.service.MessageDelivery;
import io.mailserver.storage.failure.GrpcFailures;
import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/** gRPC {@code mail.storage.v1.DeliveryService}: maps the call to MessageDelivery and failures to statuses. */
@GrpcService
public class DeliveryGrpcService implements DeliveryService {

    private final MessageDelivery delivery;

    public DeliveryGrpcService(MessageDelivery delivery) {
        this.delivery = delivery;
    }

    @Override
    public Uni<DeliverResponse> deliver(Multi<DeliverRequest> request) {
        return Uni.createFrom().deferred(() -> delivery.deliver(request)).onFailure().transform(GrpcFailures::toStatus);
    }
}
