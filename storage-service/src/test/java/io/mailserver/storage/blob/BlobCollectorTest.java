package io.mailserver.storage.blob;

import static io.mailserver.storage.support.StorageTestClient.inbox;
import static io.mailserver.storage.support.StorageTestClient.newAccountId;
import static io.mailserver.storage.support.StorageTestClient.uids;
import static org.assertj.core.api.Assertions.assertThat;

import io.mailserver.contracts.storage.v1.DeliveryService;
import io.mailserver.contracts.storage.v1.ExpungeRequest;
import io.mailserver.contracts.storage.v1.MessageService;
import io.mailserver.contracts.storage.v1.MessageServiceGrpc;
import io.mailserver.storage.blob.service.BlobCollector;
import io.mailserver.storage.support.SampleMessages;
import io.mailserver.storage.support.StorageTestClient;
import io.mailserver.testkit.quarkus.GrpcServerResource;
import io.mailserver.testkit.quarkus.KafkaResource;
import io.mailserver.testkit.quarkus.PostgresResource;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.security.MessageDigest;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** The collector deletes a blob only once nothing references it and the grace period has passed. */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(GrpcServerResource.class)
class BlobCollectorTest {

    @GrpcClient("storage")
    DeliveryService delivery;

    @GrpcClient("storage")
    MessageService messages;

    @GrpcClient("storage")
    MessageServiceGrpc.MessageServiceBlockingStub blocking;

    @Inject
    Pool pool;

    @Inject
    BlobCollector collector;

    @Test
    void anUnreferencedBlobGoesAfterTheGracePeriod() throws Exception {
        StorageTestClient client = new StorageTestClient(delivery, messages, pool);
        long account = newAccountId();
        byte[] kept = SampleMessages.plain("kept", "still referenced");
        byte[] dropped = SampleMessages.plain("dropped", "expunged");
        byte[] keptSha = MessageDigest.getInstance("SHA-256").digest(kept);
        byte[] droppedSha = MessageDigest.getInstance("SHA-256").digest(dropped);
        client.deliver(kept, account);
        client.deliver(dropped, account);

        blocking.expunge(ExpungeRequest.newBuilder().setMailbox(inbox(account)).setUids(uids(2, 2))
                .setIgnoreDeletedFlag(true).build());
        collector.collect().await().atMost(Duration.ofSeconds(30));
        // within the grace period the blob stays
        assertThat(client.count("SELECT count(*) FROM storage.blobs WHERE sha256 = $1", Buffer.buffer(droppedSha))).isEqualTo(1);

        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> {
            collector.collect().await().atMost(Duration.ofSeconds(30));
            return client.count("SELECT count(*) FROM storage.blobs WHERE sha256 = $1", Buffer.buffer(droppedSha)) == 0;
        });
        assertThat(client.count("SELECT count(*) FROM storage.blobs WHERE sha256 = $1", Buffer.buffer(keptSha))).isEqualTo(1);
    }
}
