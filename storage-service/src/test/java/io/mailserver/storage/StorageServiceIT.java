package io.mailserver.storage;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.mailserver.contracts.storage.v1.DeliverRequest;
import io.mailserver.contracts.storage.v1.DeliverResponse;
import io.mailserver.contracts.storage.v1.DeliveryEnvelope;
import io.mailserver.contracts.storage.v1.DeliveryRecipient;
import io.mailserver.contracts.storage.v1.DeliveryServiceGrpc;
import io.mailserver.contracts.storage.v1.ListMailboxesRequest;
import io.mailserver.contracts.storage.v1.MailboxServiceGrpc;
import io.grpc.stub.StreamObserver;
import io.mailserver.storage.support.SampleMessages;
import io.mailserver.storage.support.StorageTestClient;
import io.mailserver.localstack.LocalMailSystem;
import io.mailserver.localstack.MailService;
import io.mailserver.localstack.process.ServiceProcess;
import io.mailserver.testkit.quarkus.SharedSystem;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The packaged application, started exactly as {@code mailctl up} starts it (the configuration of
 * {@link LocalMailSystem#configFor}), becomes ready and answers over gRPC.
 */
class StorageServiceIT {

    @Test
    void thePackagedServiceStartsWithTheLocalSystemConfigurationAndServes() throws Exception {
        LocalMailSystem system = SharedSystem.get();
        system.startInfrastructure();
        ServiceProcess storage = system.startService(MailService.STORAGE);
        assertThat(storage.healthStatus("/q/health/ready")).isEqualTo(200);
        assertThat(storage.healthStatus("/q/health/live")).isEqualTo(200);

        ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", system.settings().ports().storageGrpc())
                .usePlaintext().build();
        try {
            long account = StorageTestClient.newAccountId();
            byte[] raw = SampleMessages.plain("packaged", "delivered to the packaged service");
            CompletableFuture<DeliverResponse> answer = new CompletableFuture<>();
            StreamObserver<DeliverRequest> stream = DeliveryServiceGrpc.newStub(channel).deliver(new StreamObserver<>() {
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
                    .addRecipients(DeliveryRecipient.newBuilder().setAccountId(account))
                    .setSize(raw.length)).build());
            stream.onNext(DeliverRequest.newBuilder().setData(ByteString.copyFrom(raw)).build());
            stream.onCompleted();

            assertThat(answer.get(60, TimeUnit.SECONDS).getMessages(0).getUid()).isEqualTo(1);
            var list = MailboxServiceGrpc.newBlockingStub(channel)
                    .listMailboxes(ListMailboxesRequest.newBuilder().setAccountId(account).build());
            assertThat(list.getMailboxesList()).extracting(m -> m.getName())
                    .containsExactlyInAnyOrder("INBOX", "Sent", "Drafts", "Trash", "Junk", "Archive");
        } finally {
            channel.shutdownNow();
            system.stopService(MailService.STORAGE);
        }
    }
}
