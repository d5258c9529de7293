package io.mailserver.storage.queue.grpc;

import io.grpc.stub.StreamObserver;
import io.mailserver.contracts.storage.v1.DeleteQueuedRequest;
import io.mailserver.contracts.storage.v1.DeleteQueuedResponse;
import io.mailserver.contracts.storage.v1.ListQueueRequest;
import io.mailserver.contracts.storage.v1.ListQueueResponse;
import io.mailserver.contracts.storage.v1.QueueAdminServiceGrpc;
import io.mailserver.contracts.storage.v1.RetryQueuedRequest;
import io.mailserver.contracts.storage.v1.RetryQueuedResponse;
import io.mailserver.storage.call.GrpcBridge;
import io.mailserver.storage.queue.service.QueueAdministration;
import io.quarkus.grpc.GrpcService;

/** gRPC {@code mail.storage.v1.QueueAdminService}: the operator's queue commands. */
@GrpcService
public class QueueAdminGrpcService extends QueueAdminServiceGrpc.QueueAdminServiceImplBase {

    private final QueueAdministration admin;

    public QueueAdminGrpcService(QueueAdministration admin) {
        this.admin = admin;
    }

    @Override
    public void listQueue(ListQueueRequest request, StreamObserver<ListQueueResponse> observer) {
        GrpcBridge.unary(() -> admin.list(request.getLimit(), request.getDomain(), request.getEntryId())
                .map(listing -> ListQueueResponse.newBuilder()
                        .addAllEntries(listing.entries().stream().map(OutboundQueueGrpcService::entry).toList())
                        .setTotal(listing.total()).build()), observer);
    }

    @Override
    public void retryQueued(RetryQueuedRequest request, StreamObserver<RetryQueuedResponse> observer) {
        GrpcBridge.unary(() -> admin.retry(request.getEntryId())
                .map(n -> RetryQueuedResponse.newBuilder().setEntries(n).build()), observer);
    }

    @Override
    public void deleteQueued(DeleteQueuedRequest request, StreamObserver<DeleteQueuedResponse> observer) {
        GrpcBridge.unary(() -> admin.delete(request.getEntryId())
                .map(n -> DeleteQueuedResponse.newBuilder().setRecipients(n).build()), observer);
    }
}
