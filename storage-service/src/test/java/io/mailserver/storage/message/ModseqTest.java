package io.mailserver.storage.message;

import static io.mailserver.storage.support.StorageTestClient.inbox;
import static io.mailserver.storage.support.StorageTestClient.newAccountId;
import static io.mailserver.storage.support.StorageTestClient.uids;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.mailserver.contracts.storage.v1.ChangesSinceRequest;
import io.mailserver.contracts.storage.v1.DeliveryService;
import io.mailserver.contracts.storage.v1.ExpungeRequest;
import io.mailserver.contracts.storage.v1.MailboxRef;
import io.mailserver.contracts.storage.v1.MailboxServiceGrpc;
import io.mailserver.contracts.storage.v1.MessageFlags;
import io.mailserver.contracts.storage.v1.MessageService;
import io.mailserver.contracts.storage.v1.MessageServiceGrpc;
import io.mailserver.contracts.storage.v1.SelectMailboxRequest;
import io.mailserver.contracts.storage.v1.StoreFlagsRequest;
import io.mailserver.contracts.storage.v1.StoreFlagsResponse;
import io.mailserver.contracts.storage.v1.UidRange;
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
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** UIDs and MODSEQ (RFC 7162): STORE, UNCHANGEDSINCE, EXPUNGE tombstones and "changes since". */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(GrpcServerResource.class)
class ModseqTest {

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
        for (int i = 1; i <= 3; i++) {
            client.deliver(SampleMessages.plain("message " + i, "body " + i), account);
        }
    }

    private long highestModseq() {
        return mailboxes.selectMailbox(SelectMailboxRequest.newBuilder().setMailbox(inbox(account)).build())
                .getMailbox().getHighestModseq();
    }

    private StoreFlagsResponse store(StoreFlagsRequest.Mode mode, int first, int last, long unchangedSince, String... flags) {
        return blocking.storeFlags(StoreFlagsRequest.newBuilder().setMailbox(inbox(account)).setUids(uids(first, last))
                .setMode(mode).addAllFlags(List.of(flags)).setUnchangedSince(unchangedSince).build());
    }

    @Test
    void storingFlagsTakesOneNewModseqOnlyForChangedMessages() {
        long before = highestModseq();
        store(StoreFlagsRequest.Mode.ADD, 1, 1, 0, "\\Seen");

        StoreFlagsResponse response = store(StoreFlagsRequest.Mode.ADD, 1, 3, 0, "\\seen", "$Important");

        assertThat(response.getHighestModseq()).isEqualTo(before + 2);
        assertThat(response.getMessagesList()).extracting(MessageFlags::getUid).containsExactly(1, 2, 3);
        assertThat(response.getMessagesList()).allSatisfy(m -> {
            assertThat(m.getFlagsList()).containsExactly("\\Seen", "$Important");
            assertThat(m.getModseq()).isEqualTo(before + 2);
        });
        // nothing changes: no new MODSEQ
        StoreFlagsResponse again = store(StoreFlagsRequest.Mode.ADD, 1, 3, 0, "\\Seen");
        assertThat(again.getHighestModseq()).isEqualTo(before + 2);

        StoreFlagsResponse removed = store(StoreFlagsRequest.Mode.REMOVE, 2, 2, 0, "$important");
        assertThat(removed.getMessages(0).getFlagsList()).containsExactly("\\Seen");
        assertThat(removed.getHighestModseq()).isEqualTo(before + 3);

        StoreFlagsResponse replaced = store(StoreFlagsRequest.Mode.REPLACE, 3, 3, 0, "\\Flagged", "\\Deleted");
        assertThat(replaced.getMessages(0).getFlagsList()).containsExactly("\\Flagged", "\\Deleted");
        var mailbox = mailboxes.selectMailbox(SelectMailboxRequest.newBuilder().setMailbox(inbox(account)).build());
        assertThat(mailbox.getMailbox().getUnseenCount()).isEqualTo(1);
        assertThat(mailbox.getMailbox().getDeletedCount()).isEqualTo(1);
        assertThat(mailbox.getFirstUnseenUid()).isEqualTo(3);
        assertThat(mailbox.getKeywordsList()).containsExactly("$Important");
    }

    @Test
    void unchangedSinceLeavesNewerMessagesAloneAndReportsThem() {
        long base = highestModseq();
        store(StoreFlagsRequest.Mode.ADD, 2, 2, 0, "\\Answered");

        StoreFlagsResponse response = store(StoreFlagsRequest.Mode.ADD, 1, 3, base, "\\Flagged");

        assertThat(response.getModified().getRangesList())
                .containsExactly(UidRange.newBuilder().setFirst(2).setLast(2).build());
        assertThat(response.getMessagesList()).filteredOn(m -> m.getUid() == 2).singleElement()
                .satisfies(m -> assertThat(m.getFlagsList()).containsExactly("\\Answered"));
        assertThat(response.getMessagesList()).filteredOn(m -> m.getUid() != 2)
                .allSatisfy(m -> assertThat(m.getFlagsList()).containsExactly("\\Flagged"));
    }

    @Test
    void changesSinceReportsFlagChangesAndExpungeTombstones() {
        long since = highestModseq();
        store(StoreFlagsRequest.Mode.ADD, 1, 1, 0, "\\Flagged");
        store(StoreFlagsRequest.Mode.ADD, 3, 3, 0, "\\Deleted");

        var expunged = blocking.expunge(ExpungeRequest.newBuilder().setMailbox(inbox(account)).build());
        assertThat(expunged.getExpunged().getRangesList()).containsExactly(UidRange.newBuilder().setFirst(3).setLast(3).build());
        assertThat(expunged.getHighestModseq()).isEqualTo(since + 3);

        var changes = blocking.changesSince(ChangesSinceRequest.newBuilder().setMailbox(inbox(account))
                .setSinceModseq(since).build());

        assertThat(changes.getMailbox().getHighestModseq()).isEqualTo(since + 3);
        assertThat(changes.getMailbox().getMessageCount()).isEqualTo(2);
        assertThat(changes.getChangedList()).singleElement().satisfies(m -> {
            assertThat(m.getUid()).isEqualTo(1);
            assertThat(m.getFlagsList()).containsExactly("\\Flagged");
            assertThat(m.getModseq()).isEqualTo(since + 1);
        });
        assertThat(changes.getExpunged().getRangesList()).containsExactly(UidRange.newBuilder().setFirst(3).setLast(3).build());

        var later = blocking.changesSince(ChangesSinceRequest.newBuilder().setMailbox(inbox(account))
                .setSinceModseq(since + 3).build());
        assertThat(later.getChangedList()).isEmpty();
        assertThat(later.getExpunged().getRangesList()).isEmpty();

        // UIDs are never reused: the next message takes 4
        client.deliver(SampleMessages.plain("after", "expunge"), account);
        var next = blocking.changesSince(ChangesSinceRequest.newBuilder().setMailbox(inbox(account))
                .setSinceModseq(since + 3).build());
        assertThat(next.getChangedList()).extracting(MessageFlags::getUid).containsExactly(4);
        assertThat(next.getMailbox().getUidNext()).isEqualTo(5);
    }

    @Test
    void expungeWithUidsOnlyRemovesDeletedOnesAmongThem() {
        store(StoreFlagsRequest.Mode.ADD, 1, 3, 0, "\\Deleted");

        var expunged = blocking.expunge(ExpungeRequest.newBuilder().setMailbox(inbox(account)).setUids(uids(2, 3)).build());

        assertThat(expunged.getExpunged().getRangesList()).containsExactly(UidRange.newBuilder().setFirst(2).setLast(3).build());
        var mailbox = mailboxes.selectMailbox(SelectMailboxRequest.newBuilder().setMailbox(inbox(account)).build());
        assertThat(mailbox.getMailbox().getMessageCount()).isEqualTo(1);
        assertThat(mailbox.getMailbox().getDeletedCount()).isEqualTo(1);
    }

    @Test
    void invalidFlagsAndUnknownMailboxesAreRefused() {
        assertThatThrownBy(() -> store(StoreFlagsRequest.Mode.ADD, 1, 1, 0, "\\Bogus"))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT));
        assertThatThrownBy(() -> blocking.expunge(ExpungeRequest.newBuilder()
                .setMailbox(StorageTestClient.mailbox(account, "Nope")).build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
                    assertThat(e.getStatus().getDescription()).doesNotContain("Exception").doesNotContain("at io.");
                });
    }

    @Test
    void concurrentStoresByMailboxIdEachSeeTheOthersFlags() {
        // imap-service names the selected mailbox by id: then the flags are read in the same round
        // trip as the lock is taken, and must still be the locked state's (no change lost)
        var selected = mailboxes.selectMailbox(SelectMailboxRequest.newBuilder().setMailbox(inbox(account)).build());
        MailboxRef byId = MailboxRef.newBuilder().setAccountId(account).setMailboxId(selected.getMailbox().getMailboxId())
                .build();
        long before = selected.getMailbox().getHighestModseq();
        List<String> keywords = IntStream.rangeClosed(1, 16).mapToObj(i -> "$k" + i).toList();

        List<CompletableFuture<StoreFlagsResponse>> stores = keywords.stream()
                .map(keyword -> messages.storeFlags(StoreFlagsRequest.newBuilder().setMailbox(byId).setUids(uids(1, 3))
                        .setMode(StoreFlagsRequest.Mode.ADD).addFlags(keyword).build()).subscribeAsCompletionStage())
                .toList();
        stores.forEach(CompletableFuture::join);
        StoreFlagsResponse seen = blocking.storeFlags(StoreFlagsRequest.newBuilder().setMailbox(byId).setUids(uids(1, 3))
                .setMode(StoreFlagsRequest.Mode.ADD).addFlags("\\Seen").build());

        assertThat(seen.getHighestModseq()).isEqualTo(before + keywords.size() + 1);
        assertThat(seen.getMessagesList()).allSatisfy(m -> assertThat(m.getFlagsList()).contains("\\Seen")
                .containsAll(keywords));
        var after = mailboxes.selectMailbox(SelectMailboxRequest.newBuilder().setMailbox(byId).build());
        assertThat(after.getMailbox().getUnseenCount()).isZero();

        // EXPUNGE's tombstones carry the MODSEQ its counters' update gave, sent in the same round trip
        blocking.storeFlags(StoreFlagsRequest.newBuilder().setMailbox(byId).setUids(uids(2, 2))
                .setMode(StoreFlagsRequest.Mode.ADD).addFlags("\\Deleted").build());
        var expunged = blocking.expunge(ExpungeRequest.newBuilder().setMailbox(byId).build());
        var changes = blocking.changesSince(ChangesSinceRequest.newBuilder().setMailbox(byId)
                .setSinceModseq(expunged.getHighestModseq() - 1).build());
        assertThat(changes.getExpunged().getRangesList()).containsExactly(UidRange.newBuilder().setFirst(2).setLast(2).build());
        assertThat(blocking.changesSince(ChangesSinceRequest.newBuilder().setMailbox(byId)
                .setSinceModseq(expunged.getHighestModseq()).build()).getExpunged().getRangesList()).isEmpty();
    }
}
