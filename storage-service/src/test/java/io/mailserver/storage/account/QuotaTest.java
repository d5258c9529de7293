package io.mailserver.storage.account;

import static io.mailserver.storage.support.StorageTestClient.inbox;
import static io.mailserver.storage.support.StorageTestClient.mailbox;
import static io.mailserver.storage.support.StorageTestClient.newAccountId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.mailserver.contracts.storage.v1.CopyMessagesRequest;
import io.mailserver.contracts.storage.v1.DeliveryService;
import io.mailserver.contracts.storage.v1.GetQuotaRequest;
import io.mailserver.contracts.storage.v1.MailboxServiceGrpc;
import io.mailserver.contracts.storage.v1.MessageService;
import io.mailserver.contracts.storage.v1.MessageServiceGrpc;
import io.mailserver.contracts.storage.v1.Quota;
import io.mailserver.contracts.storage.v1.SetQuotaRequest;
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
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** RFC 9208 quotas: usage from the mailbox counters, APPEND and COPY refused past a limit, MOVE and delivery not. */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(GrpcServerResource.class)
class QuotaTest {

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
    }

    private Quota quota() {
        return mailboxes.getQuota(GetQuotaRequest.newBuilder().setAccountId(account).build());
    }

    private static void assertOverQuota(ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
            assertThat(e.getStatus().getDescription()).startsWith("over quota: ");
        });
    }

    @Test
    void writesPastALimitRollBack() {
        byte[] message = SampleMessages.plain("fits", "x".repeat(100));
        assertThat(quota().getStorageLimitBytes()).isZero();
        client.deliver(message, account);
        Quota set = mailboxes.setQuota(SetQuotaRequest.newBuilder().setAccountId(account)
                .setStorageBytes(2L * message.length).setMessages(10).build());
        assertThat(set.getStorageUsedBytes()).isEqualTo(message.length);
        assertThat(set.getMessagesUsed()).isEqualTo(1);
        assertThat(set.getMessagesLimit()).isEqualTo(10);

        client.append(mailbox(account, "Drafts"), message);
        // the limit is reached, not passed: one more byte does not fit
        assertOverQuota(() -> client.append(mailbox(account, "Drafts"), SampleMessages.plain("no", "room")));
        assertOverQuota(() -> blocking.copyMessages(CopyMessagesRequest.newBuilder().setSource(inbox(account))
                .setUids(StorageTestClient.all()).setTarget(mailbox(account, "Archive")).build()));
        assertThat(quota().getStorageUsedBytes()).isEqualTo(2L * message.length);
        assertThat(quota().getMessagesUsed()).isEqualTo(2);

        // a move takes no more room; delivery is refused earlier (smtp asks at RCPT), never here
        blocking.moveMessages(CopyMessagesRequest.newBuilder().setSource(inbox(account))
                .setUids(StorageTestClient.all()).setTarget(mailbox(account, "Archive")).build());
        client.deliver(message, account);
        assertThat(quota().getMessagesUsed()).isEqualTo(3);

        // back to the default: no limit
        Quota cleared = mailboxes.setQuota(SetQuotaRequest.newBuilder().setAccountId(account).build());
        assertThat(cleared.getStorageLimitBytes()).isZero();
        client.append(mailbox(account, "Drafts"), SampleMessages.plain("room again", "x"));
    }
}
