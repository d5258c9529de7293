package io.mailserver.storage.message;

import static io.mailserver.storage.support.StorageTestClient.inbox;
import static io.mailserver.storage.support.StorageTestClient.mailbox;
import static io.mailserver.storage.support.StorageTestClient.newAccountId;
import static io.mailserver.storage.support.StorageTestClient.sections;
import static io.mailserver.storage.support.StorageTestClient.uids;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.mailserver.contracts.storage.v1.AppendRequest;
import io.mailserver.contracts.storage.v1.AppendResponse;
import io.mailserver.contracts.storage.v1.BodySection;
import io.mailserver.contracts.storage.v1.ChangesSinceRequest;
import io.mailserver.contracts.storage.v1.CopyMessagesRequest;
import io.mailserver.contracts.storage.v1.CopyMessagesResponse;
import io.mailserver.contracts.storage.v1.DeliveryService;
import io.mailserver.contracts.storage.v1.FetchItems;
import io.mailserver.contracts.storage.v1.FetchRequest;
import io.mailserver.contracts.storage.v1.MailboxServiceGrpc;
import io.mailserver.contracts.storage.v1.MessageService;
import io.mailserver.contracts.storage.v1.MessageServiceGrpc;
import io.mailserver.contracts.storage.v1.SelectMailboxRequest;
import io.mailserver.contracts.storage.v1.UidMapping;
import io.mailserver.contracts.storage.v1.UidRange;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** APPEND, COPY and MOVE: new UIDs in source order, blob references per copy, UIDPLUS mappings. */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(GrpcServerResource.class)
class AppendCopyMoveTest {

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

    @Inject
    io.mailserver.storage.ingest.IngestMemory ingestMemory;

    StorageTestClient client;
    long account;

    @BeforeEach
    void setUp() {
        client = new StorageTestClient(delivery, messages, pool);
        account = newAccountId();
    }

    @Test
    void appendStoresWithFlagsAndAnswersUidAndUidValidity() {
        byte[] raw = SampleMessages.plain("draft", "not sent yet");
        AppendResponse first = client.append(mailbox(account, "Drafts"), raw, "\\Draft", "\\Seen");
        AppendResponse second = client.append(mailbox(account, "Drafts"),
                SampleMessages.plain("draft 2", "x"));

        assertThat(first.getUid()).isEqualTo(1);
        assertThat(second.getUid()).isEqualTo(2);
        assertThat(second.getModseq()).isGreaterThan(first.getModseq());
        var snapshot = mailboxes.selectMailbox(SelectMailboxRequest.newBuilder()
                .setMailbox(mailbox(account, "Drafts")).build());
        assertThat(first.getUidValidity()).isEqualTo(snapshot.getMailbox().getUidValidity());
        assertThat(snapshot.getMailbox().getUnseenCount()).isEqualTo(1);
        var fetched = client.fetch(FetchRequest.newBuilder().setMailbox(mailbox(account, "Drafts")).setUids(uids(1, 1))
                .setItems(FetchItems.newBuilder().setFlags(true)
                        .addSections(BodySection.newBuilder().setPart(""))).build());
        assertThat(fetched.get(0).getAttributes().getFlagsList()).containsExactly("\\Seen", "\\Draft");
        assertThat(sections(fetched).get(1).get(0)).isEqualTo(raw);
    }

    @Test
    void severalMessagesInOneStreamCommitTogetherWithConsecutiveUids() {
        client.append(mailbox(account, "Drafts"), SampleMessages.plain("already there", "x"));
        byte[] one = SampleMessages.plain("one", "1");
        byte[] two = SampleMessages.plain("two", "2");
        List<AppendRequest> items = new java.util.ArrayList<>(StorageTestClient.appendItems(
                mailbox(account, "Drafts"), one.length, one, "\\Seen"));
        items.addAll(StorageTestClient.appendItems(mailbox(account, "Drafts"), two.length, two));

        AppendResponse response = client.appendStream(items);

        assertThat(response.getUidsList()).containsExactly(2, 3);
        assertThat(response.getUid()).isEqualTo(2);
        var snapshot = mailboxes.selectMailbox(SelectMailboxRequest.newBuilder()
                .setMailbox(mailbox(account, "Drafts")).build());
        assertThat(snapshot.getMailbox().getMessageCount()).isEqualTo(3);
        assertThat(snapshot.getMailbox().getHighestModseq()).isEqualTo(response.getModseq());
    }

    @Test
    void aStreamWithOneContentTwiceCountsBothReferencesAndKeepsTheClientsOrder() throws Exception {
        byte[] same = SampleMessages.plain("twice", "same body");
        byte[] other = SampleMessages.plain("between", "other body");
        List<AppendRequest> items = new java.util.ArrayList<>(StorageTestClient.appendItems(
                mailbox(account, "Drafts"), same.length, same));
        items.addAll(StorageTestClient.appendItems(mailbox(account, "Drafts"), other.length, other));
        items.addAll(StorageTestClient.appendItems(mailbox(account, "Drafts"), same.length, same, "\\Seen"));

        AppendResponse response = client.appendStream(items);

        assertThat(response.getUidsList()).containsExactly(1, 2, 3);
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        // one blob per content, referenced by the rows that name it
        assertThat(client.count("SELECT count(*) FROM storage.blobs WHERE sha256 = $1",
                Buffer.buffer(sha256.digest(same)))).isEqualTo(1);
        assertThat(client.count("SELECT count(*) FROM storage.messages WHERE account_id = $1 AND blob_sha256 = $2", account, Buffer.buffer(sha256.digest(same)))).isEqualTo(2);
        assertThat(client.count("SELECT count(*) FROM storage.messages WHERE account_id = $1 AND blob_sha256 = $2", account, Buffer.buffer(sha256.digest(other)))).isEqualTo(1);
        var fetched = sections(client.fetch(FetchRequest.newBuilder().setMailbox(mailbox(account, "Drafts"))
                .setUids(StorageTestClient.all())
                .setItems(FetchItems.newBuilder().addSections(BodySection.newBuilder().setPart(""))).build()));
        assertThat(fetched.get(1).get(0)).isEqualTo(same);
        assertThat(fetched.get(2).get(0)).isEqualTo(other);
        assertThat(fetched.get(3).get(0)).isEqualTo(same);
    }

    @Test
    void oneBrokenMessageOfAStreamStoresNoneOfIt() {
        client.append(mailbox(account, "Drafts"), SampleMessages.plain("already there", "x"));
        byte[] one = SampleMessages.plain("one", "1");
        byte[] two = SampleMessages.plain("two", "2");
        List<AppendRequest> items = new java.util.ArrayList<>(StorageTestClient.appendItems(
                mailbox(account, "Drafts"), one.length, one));
        items.addAll(StorageTestClient.appendItems(mailbox(account, "Drafts"), two.length + 5, two));

        assertThatThrownBy(() -> client.appendStream(items))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT));
        var snapshot = mailboxes.selectMailbox(SelectMailboxRequest.newBuilder()
                .setMailbox(mailbox(account, "Drafts")).build());
        assertThat(snapshot.getMailbox().getMessageCount()).isEqualTo(1);
        // a failed call gives its bytes back to the instance's bound, as every finished one does
        assertThat(ingestMemory.held()).isZero();
    }

    @Test
    void messagesOfOneStreamGoToOneMailbox() {
        byte[] one = SampleMessages.plain("one", "1");
        List<AppendRequest> items = new java.util.ArrayList<>(StorageTestClient.appendItems(
                mailbox(account, "Drafts"), one.length, one));
        items.addAll(StorageTestClient.appendItems(mailbox(account, "INBOX"), one.length, one));

        assertThatThrownBy(() -> client.appendStream(items))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT));
    }

    @Test
    void appendToAMissingMailboxIsNotFound() {
        assertThatThrownBy(() -> client.append(mailbox(account, "Missing"), SampleMessages.plain("x", "y")))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
    }

    @Test
    void copyAddsBlobReferencesAndMapsUidsInSourceOrder() throws Exception {
        byte[] raw = SampleMessages.plain("copy me", "body");
        byte[] sha = MessageDigest.getInstance("SHA-256").digest(raw);
        client.deliver(raw, account);
        client.deliver(SampleMessages.plain("two", "body"), account);
        client.deliver(SampleMessages.plain("three", "body"), account);
        client.append(mailbox(account, "Archive"), SampleMessages.plain("already there", "x"));

        CopyMessagesResponse copied = blocking.copyMessages(CopyMessagesRequest.newBuilder()
                .setSource(inbox(account)).setUids(StorageTestClient.all()).setTarget(mailbox(account, "Archive")).build());

        assertThat(copied.getMappingsList()).containsExactly(
                UidMapping.newBuilder().setSourceUid(1).setTargetUid(2).build(),
                UidMapping.newBuilder().setSourceUid(2).setTargetUid(3).build(),
                UidMapping.newBuilder().setSourceUid(3).setTargetUid(4).build());
        assertThat(copied.getExpunged().getRangesList()).isEmpty();
        assertThat(client.count("SELECT count(*) FROM storage.messages WHERE account_id = $1 AND blob_sha256 = $2", account, Buffer.buffer(sha))).isEqualTo(2);
        var archive = mailboxes.selectMailbox(SelectMailboxRequest.newBuilder().setMailbox(mailbox(account, "Archive")).build());
        assertThat(archive.getMailbox().getMessageCount()).isEqualTo(4);
        assertThat(copied.getTargetUidValidity()).isEqualTo(archive.getMailbox().getUidValidity());

        // RFC 8474: a copy keeps its EMAILID, another message has its own, SEARCH EMAILID finds it
        FetchItems emailId = FetchItems.newBuilder().setEmailId(true).build();
        String original = client.fetch(FetchRequest.newBuilder().setMailbox(inbox(account)).setUids(uids(1, 2))
                .setItems(emailId).build()).get(0).getAttributes().getEmailId();
        var copies = client.fetch(FetchRequest.newBuilder().setMailbox(mailbox(account, "Archive")).setUids(uids(2, 3))
                .setItems(emailId).build());
        assertThat(original).matches("M[0-9a-f]{24}");
        assertThat(copies.get(0).getAttributes().getEmailId()).isEqualTo(original);
        assertThat(copies.get(1).getAttributes().getEmailId()).isNotEqualTo(original);
        var found = blocking.searchMessages(io.mailserver.contracts.storage.v1.SearchRequest.newBuilder()
                .setMailbox(mailbox(account, "Archive"))
                .setKey(io.mailserver.contracts.storage.v1.SearchKey.newBuilder().setEmailId(original)).build());
        assertThat(found.getUids().getRangesList()).containsExactly(UidRange.newBuilder().setFirst(2).setLast(2).build());
        var none = blocking.searchMessages(io.mailserver.contracts.storage.v1.SearchRequest.newBuilder()
                .setMailbox(mailbox(account, "Archive"))
                .setKey(io.mailserver.contracts.storage.v1.SearchKey.newBuilder().setEmailId("not-ours")).build());
        assertThat(none.getUids().getRangesList()).isEmpty();
    }

    @Test
    void moveCopiesAndExpungesInOneStep() throws Exception {
        byte[] raw = SampleMessages.plain("move me", "body");
        byte[] sha = MessageDigest.getInstance("SHA-256").digest(raw);
        client.deliver(raw, account);
        client.deliver(SampleMessages.plain("stay", "body"), account);
        long since = mailboxes.selectMailbox(SelectMailboxRequest.newBuilder().setMailbox(inbox(account)).build())
                .getMailbox().getHighestModseq();

        CopyMessagesResponse moved = blocking.moveMessages(CopyMessagesRequest.newBuilder()
                .setSource(inbox(account)).setUids(uids(1, 1)).setTarget(mailbox(account, "Trash")).build());

        assertThat(moved.getMappingsList()).containsExactly(UidMapping.newBuilder().setSourceUid(1).setTargetUid(1).build());
        assertThat(moved.getExpunged().getRangesList()).containsExactly(UidRange.newBuilder().setFirst(1).setLast(1).build());
        assertThat(client.count("SELECT count(*) FROM storage.messages WHERE account_id = $1 AND blob_sha256 = $2", account, Buffer.buffer(sha))).isEqualTo(1);
        var changes = blocking.changesSince(ChangesSinceRequest.newBuilder().setMailbox(inbox(account))
                .setSinceModseq(since).build());
        assertThat(changes.getExpunged().getRangesList()).containsExactly(UidRange.newBuilder().setFirst(1).setLast(1).build());
        assertThat(changes.getMailbox().getMessageCount()).isEqualTo(1);
        var trash = mailboxes.selectMailbox(SelectMailboxRequest.newBuilder().setMailbox(mailbox(account, "Trash")).build());
        assertThat(trash.getMailbox().getMessageCount()).isEqualTo(1);
    }
}
