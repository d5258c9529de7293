package io.mailserver.storage.mailbox;

import static io.mailserver.storage.support.StorageTestClient.inbox;
import static io.mailserver.storage.support.StorageTestClient.newAccountId;
import static org.assertj.core.api.Assertions.assertThat;

import io.mailserver.contracts.storage.v1.ChangesSinceRequest;
import io.mailserver.contracts.storage.v1.ChangesSinceResponse;
import io.mailserver.contracts.storage.v1.DeliveryService;
import io.mailserver.contracts.storage.v1.GetMailboxRequest;
import io.mailserver.contracts.storage.v1.MailboxServiceGrpc;
import io.mailserver.contracts.storage.v1.MailboxSnapshot;
import io.mailserver.contracts.storage.v1.MessageService;
import io.mailserver.contracts.storage.v1.MessageServiceGrpc;
import io.mailserver.contracts.storage.v1.SelectMailboxRequest;
import io.mailserver.storage.support.SampleMessages;
import io.mailserver.storage.support.StorageTestClient;
import io.mailserver.testkit.quarkus.GrpcServerResource;
import io.mailserver.testkit.quarkus.KafkaResource;
import io.mailserver.testkit.quarkus.PostgresResource;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** IMAP4rev1 \Recent: each message is claimed by exactly one read-write selection, whoever asks first. */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(GrpcServerResource.class)
class RecentTest {

    @GrpcClient("storage")
    DeliveryService delivery;

    @GrpcClient("storage")
    MessageService messages;

    @GrpcClient("storage")
    MessageServiceGrpc.MessageServiceBlockingStub blocking;

    @GrpcClient("storage")
    MailboxServiceGrpc.MailboxServiceBlockingStub mailboxes;

    @Inject
    Pool pool;

    StorageTestClient client;
    long account;

    @BeforeEach
    void setUp() {
        client = new StorageTestClient(delivery, messages, pool);
        account = newAccountId();
        client.deliver(SampleMessages.plain("one", "1"), account);
        client.deliver(SampleMessages.plain("two", "2"), account);
    }

    private MailboxSnapshot select(boolean claim) {
        return mailboxes.selectMailbox(SelectMailboxRequest.newBuilder().setMailbox(inbox(account))
                .setClaimRecent(claim).build());
    }

    private int unclaimed() {
        return mailboxes.getMailbox(GetMailboxRequest.newBuilder().setMailbox(inbox(account))
                .setWithRecentCount(true).build()).getRecentCount();
    }

    @Test
    void examineLeavesRecentMessagesAndTheFirstSelectTakesThem() {
        // EXAMINE sees them as recent but leaves them
        assertThat(select(false).getFirstRecentUid()).isEqualTo(1);
        assertThat(unclaimed()).isEqualTo(2);

        assertThat(select(true).getFirstRecentUid()).isEqualTo(1);
        assertThat(unclaimed()).isZero();
        // a second selection finds nothing left
        assertThat(select(true).getFirstRecentUid()).isZero();
        assertThat(mailboxes.getMailbox(GetMailboxRequest.newBuilder().setMailbox(inbox(account)).build())
                .getMessageCount()).isEqualTo(2);
    }

    @Test
    void aNewArrivalIsRecentForTheFirstSessionToLearnOfIt() {
        MailboxSnapshot selected = select(true);
        long modseq = selected.getMailbox().getHighestModseq();
        client.deliver(SampleMessages.plain("three", "3"), account);
        assertThat(unclaimed()).isEqualTo(1);

        ChangesSinceResponse first = blocking.changesSince(ChangesSinceRequest.newBuilder().setMailbox(inbox(account))
                .setSinceModseq(modseq).setClaimRecent(true).build());
        assertThat(first.getChangedList()).extracting(m -> m.getUid()).containsExactly(3);
        assertThat(first.getFirstRecentUid()).isEqualTo(3);
        ChangesSinceResponse second = blocking.changesSince(ChangesSinceRequest.newBuilder().setMailbox(inbox(account))
                .setSinceModseq(modseq).setClaimRecent(true).build());
        assertThat(second.getFirstRecentUid()).isZero();
        assertThat(unclaimed()).isZero();
    }

    @Test
    void concurrentSelectionsNeverShareARecentMessage() throws Exception {
        for (int i = 3; i <= 20; i++) {
            client.deliver(SampleMessages.plain("m" + i, "b"), account);
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<MailboxSnapshot>> selects = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                selects.add(() -> select(true));
            }
            int claimedBy = 0;
            for (Future<MailboxSnapshot> f : pool.invokeAll(selects)) {
                if (f.get().getFirstRecentUid() != 0) {
                    claimedBy++;
                    assertThat(f.get().getFirstRecentUid()).isEqualTo(1);
                }
            }
            assertThat(claimedBy).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }
}
