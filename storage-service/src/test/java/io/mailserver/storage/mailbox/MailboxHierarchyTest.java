package io.mailserver.storage.mailbox;

import static io.mailserver.storage.support.StorageTestClient.inbox;
import static io.mailserver.storage.support.StorageTestClient.mailbox;
import static io.mailserver.storage.support.StorageTestClient.newAccountId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.mailserver.contracts.storage.v1.CreateMailboxRequest;
import io.mailserver.contracts.storage.v1.DeleteMailboxRequest;
import io.mailserver.contracts.storage.v1.DeliveryService;
import io.mailserver.contracts.storage.v1.ListMailboxesRequest;
import io.mailserver.contracts.storage.v1.Mailbox;
import io.mailserver.contracts.storage.v1.MailboxServiceGrpc;
import io.mailserver.contracts.storage.v1.MessageService;
import io.mailserver.contracts.storage.v1.RenameMailboxRequest;
import io.mailserver.contracts.storage.v1.SelectMailboxRequest;
import io.mailserver.contracts.storage.v1.SetSubscribedRequest;
import io.mailserver.contracts.storage.v1.SpecialUse;
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
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Provisioning, CREATE, RENAME, DELETE, SUBSCRIBE. */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(GrpcServerResource.class)
class MailboxHierarchyTest {

    @GrpcClient("storage")
    DeliveryService delivery;

    @GrpcClient("storage")
    MessageService messages;

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

    private List<String> names() {
        return mailboxes.listMailboxes(ListMailboxesRequest.newBuilder().setAccountId(account).build())
                .getMailboxesList().stream().map(Mailbox::getName).toList();
    }

    private Mailbox create(String name) {
        return mailboxes.createMailbox(CreateMailboxRequest.newBuilder().setAccountId(account).setName(name).build());
    }

    private static void assertStatus(ThrowingCallable call, Status.Code code) {
        assertThatThrownBy(call).isInstanceOfSatisfying(StatusRuntimeException.class,
                e -> assertThat(e.getStatus().getCode()).isEqualTo(code));
    }

    @Test
    void firstTouchProvisionsTheSixSpecialMailboxesOnce() {
        var first = mailboxes.listMailboxes(ListMailboxesRequest.newBuilder().setAccountId(account).build());
        var second = mailboxes.listMailboxes(ListMailboxesRequest.newBuilder().setAccountId(account).build());

        assertThat(first.getMailboxesList()).extracting(Mailbox::getName)
                .containsExactlyInAnyOrder("INBOX", "Sent", "Drafts", "Trash", "Junk", "Archive");
        assertThat(first.getMailboxesList()).allMatch(Mailbox::getSubscribed);
        assertThat(first.getMailboxesList()).extracting(Mailbox::getSpecialUse).containsExactlyInAnyOrder(
                SpecialUse.SPECIAL_USE_INBOX, SpecialUse.SPECIAL_USE_SENT, SpecialUse.SPECIAL_USE_DRAFTS,
                SpecialUse.SPECIAL_USE_TRASH, SpecialUse.SPECIAL_USE_JUNK, SpecialUse.SPECIAL_USE_ARCHIVE);
        assertThat(second).isEqualTo(first);
        assertThat(client.count("SELECT count(*) FROM storage.mailboxes WHERE account_id = $1", account)).isEqualTo(6);
        assertThat(client.count("SELECT count(*) FROM storage.accounts WHERE account_id = $1", account)).isEqualTo(1);
    }

    @Test
    void createImpliesParentsAndRefusesDuplicates() {
        Mailbox created = create("Projects/2026/Q1/");

        assertThat(created.getName()).isEqualTo("Projects/2026/Q1");
        assertThat(created.getUidValidity()).isNotZero();
        assertThat(created.getUidNext()).isEqualTo(1);
        assertThat(created.getSubscribed()).isFalse();
        assertThat(names()).contains("Projects", "Projects/2026", "Projects/2026/Q1");
        assertStatus(() -> create("Projects/2026"), Status.Code.ALREADY_EXISTS);
        assertStatus(() -> create("inbox"), Status.Code.ALREADY_EXISTS);
        assertStatus(() -> create("a//b"), Status.Code.INVALID_ARGUMENT);
        assertThat(create("inbox/child").getName()).isEqualTo("INBOX/child");
    }

    @Test
    void renameTakesChildrenAlong() {
        Mailbox parent = create("Old");
        create("Old/Child");
        create("Older");

        Mailbox renamed = mailboxes.renameMailbox(RenameMailboxRequest.newBuilder()
                .setMailbox(mailbox(account, "Old")).setNewName("New/Name").build());

        assertThat(renamed.getMailboxId()).isEqualTo(parent.getMailboxId());
        assertThat(renamed.getName()).isEqualTo("New/Name");
        assertThat(names()).contains("New", "New/Name", "New/Name/Child", "Older").doesNotContain("Old", "Old/Child");
        assertStatus(() -> mailboxes.renameMailbox(RenameMailboxRequest.newBuilder()
                .setMailbox(mailbox(account, "Older")).setNewName("New/Name").build()), Status.Code.ALREADY_EXISTS);
        assertStatus(() -> mailboxes.renameMailbox(RenameMailboxRequest.newBuilder()
                .setMailbox(mailbox(account, "Nope")).setNewName("X").build()), Status.Code.NOT_FOUND);
    }

    @Test
    void renamingInboxMovesItsMessagesAndLeavesItEmpty() {
        client.deliver(SampleMessages.plain("one", "1"), account);
        client.deliver(SampleMessages.plain("two", "2"), account);

        Mailbox moved = mailboxes.renameMailbox(RenameMailboxRequest.newBuilder()
                .setMailbox(inbox(account)).setNewName("Old Inbox").build());

        assertThat(moved.getName()).isEqualTo("Old Inbox");
        assertThat(moved.getMessageCount()).isEqualTo(2);
        var inbox = mailboxes.selectMailbox(SelectMailboxRequest.newBuilder().setMailbox(inbox(account)).build());
        assertThat(inbox.getMailbox().getMessageCount()).isZero();
        assertThat(inbox.getMailbox().getUidNext()).isEqualTo(3);
        assertThat(names()).contains("INBOX", "Old Inbox");
    }

    @Test
    void deleteReleasesBlobsButNeverDeletesInbox() throws Exception {
        create("Temp");
        byte[] raw = SampleMessages.plain("temp", "to be deleted");
        byte[] sha = MessageDigest.getInstance("SHA-256").digest(raw);
        client.append(mailbox(account, "Temp"), raw);
        long uidValidity = mailboxes.selectMailbox(SelectMailboxRequest.newBuilder().setMailbox(mailbox(account, "Temp")).build())
                .getMailbox().getUidValidity();

        mailboxes.deleteMailbox(DeleteMailboxRequest.newBuilder().setMailbox(mailbox(account, "Temp")).build());

        assertThat(names()).doesNotContain("Temp");
        assertThat(client.count("SELECT count(*) FROM storage.blob_releases WHERE sha256 = $1", Buffer.buffer(sha)))
                .isEqualTo(1);
        assertStatus(() -> mailboxes.deleteMailbox(DeleteMailboxRequest.newBuilder().setMailbox(inbox(account)).build()),
                Status.Code.FAILED_PRECONDITION);
        assertThat(create("Temp").getUidValidity()).isNotEqualTo(uidValidity);
    }

    @Test
    void subscriptionCanBeToggled() {
        create("News");

        Mailbox subscribed = mailboxes.setSubscribed(SetSubscribedRequest.newBuilder()
                .setMailbox(mailbox(account, "News")).setSubscribed(true).build());
        Mailbox unsubscribed = mailboxes.setSubscribed(SetSubscribedRequest.newBuilder()
                .setMailbox(mailbox(account, "INBOX")).setSubscribed(false).build());

        assertThat(subscribed.getSubscribed()).isTrue();
        assertThat(unsubscribed.getSubscribed()).isFalse();
    }

    @Test
    void aSubscriptionOutlivesItsMailbox() {
        create("News");
        create("Old");
        mailboxes.setSubscribed(SetSubscribedRequest.newBuilder()
                .setMailbox(mailbox(account, "News")).setSubscribed(true).build());
        mailboxes.setSubscribed(SetSubscribedRequest.newBuilder()
                .setMailbox(mailbox(account, "Old")).setSubscribed(true).build());
        mailboxes.deleteMailbox(DeleteMailboxRequest.newBuilder().setMailbox(mailbox(account, "News")).build());
        mailboxes.deleteMailbox(DeleteMailboxRequest.newBuilder().setMailbox(mailbox(account, "Old")).build());

        var listed = mailboxes.listMailboxes(ListMailboxesRequest.newBuilder().setAccountId(account).build());
        assertThat(listed.getSubscribedWithoutMailboxList()).containsExactly("News", "Old");

        // created again, the name is subscribed again; unsubscribing a name without a mailbox works
        assertThat(create("News").getSubscribed()).isTrue();
        Mailbox dropped = mailboxes.setSubscribed(SetSubscribedRequest.newBuilder()
                .setMailbox(mailbox(account, "Old")).setSubscribed(false).build());
        assertThat(dropped.getName()).isEqualTo("Old");
        listed = mailboxes.listMailboxes(ListMailboxesRequest.newBuilder().setAccountId(account).build());
        assertThat(listed.getSubscribedWithoutMailboxList()).isEmpty();
        assertStatus(() -> mailboxes.setSubscribed(SetSubscribedRequest.newBuilder()
                .setMailbox(mailbox(account, "Old")).setSubscribed(false).build()), Status.Code.NOT_FOUND);
        assertStatus(() -> mailboxes.setSubscribed(SetSubscribedRequest.newBuilder()
                .setMailbox(mailbox(account, "Old")).setSubscribed(true).build()), Status.Code.NOT_FOUND);
    }
}
