package io.mailserver.storage.mailbox;

import static io.mailserver.storage.support.StorageTestClient.inbox;
import static io.mailserver.storage.support.StorageTestClient.newAccountId;
import static io.mailserver.storage.support.StorageTestClient.uids;
import static org.assertj.core.api.Assertions.assertThat;

import io.mailserver.contracts.storage.v1.DeliveryService;
import io.mailserver.contracts.storage.v1.ExpungeRequest;
import io.mailserver.contracts.storage.v1.MailboxServiceGrpc;
import io.mailserver.contracts.storage.v1.MailboxSnapshot;
import io.mailserver.contracts.storage.v1.MessageService;
import io.mailserver.contracts.storage.v1.MessageServiceGrpc;
import io.mailserver.contracts.storage.v1.SelectMailboxRequest;
import io.mailserver.contracts.storage.v1.StoreFlagsRequest;
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
import io.vertx.mutiny.sqlclient.Row;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * SELECT's snapshot after every kind of change, read the second time from what the instance kept
 * (the UIDs added and the tombstones since): always the mailbox as PostgreSQL holds it.
 */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(GrpcServerResource.class)
class SelectSnapshotTest {

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
        for (int i = 1; i <= 6; i++) {
            client.deliver(SampleMessages.plain("message " + i, "body " + i), account);
        }
    }

    private MailboxSnapshot select() {
        return mailboxes.selectMailbox(SelectMailboxRequest.newBuilder().setMailbox(inbox(account)).build());
    }

    private static List<Long> uidsOf(MailboxSnapshot snapshot) {
        List<Long> all = new ArrayList<>();
        for (UidRange range : snapshot.getUids().getRangesList()) {
            for (long uid = range.getFirst(); uid <= range.getLast(); uid++) {
                all.add(uid);
            }
        }
        return all;
    }

    private List<Long> stored() {
        List<Long> all = new ArrayList<>();
        for (Row row : client.query("SELECT m.uid FROM storage.messages m JOIN storage.mailboxes b "
                + "ON b.account_id = m.account_id AND b.mailbox_id = m.mailbox_id "
                + "WHERE m.account_id = $1 AND b.name = 'INBOX' ORDER BY m.uid", account)) {
            all.add(row.getLong(0));
        }
        return all;
    }

    private void store(StoreFlagsRequest.Mode mode, int first, int last, String... flags) {
        blocking.storeFlags(StoreFlagsRequest.newBuilder().setMailbox(inbox(account)).setUids(uids(first, last))
                .setMode(mode).addAllFlags(List.of(flags)).build());
    }

    @Test
    void theSecondSelectSeesExpungesArrivalsAndFlagChanges() {
        MailboxSnapshot first = select();
        assertThat(uidsOf(first)).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
        assertThat(first.getFirstUnseenUid()).isEqualTo(1);
        assertThat(first.getKeywordsList()).isEmpty();

        // expunge 2 and 4 to 5, deliver two more, mark 1 and 3 seen, give 6 a keyword
        store(StoreFlagsRequest.Mode.ADD, 2, 2, "\\Deleted");
        store(StoreFlagsRequest.Mode.ADD, 4, 5, "\\Deleted");
        blocking.expunge(ExpungeRequest.newBuilder().setMailbox(inbox(account)).build());
        client.deliver(SampleMessages.plain("message 7", "body 7"), account);
        client.deliver(SampleMessages.plain("message 8", "body 8"), account);
        store(StoreFlagsRequest.Mode.ADD, 1, 3, "\\Seen");
        store(StoreFlagsRequest.Mode.ADD, 6, 6, "$Important");

        MailboxSnapshot second = select();
        assertThat(uidsOf(second)).containsExactly(1L, 3L, 6L, 7L, 8L).containsExactlyElementsOf(stored());
        assertThat(second.getFirstUnseenUid()).isEqualTo(6);
        assertThat(second.getKeywordsList()).containsExactly("$Important");

        // nothing changed: the same answer again; then everything expunged
        assertThat(uidsOf(select())).containsExactly(1L, 3L, 6L, 7L, 8L);
        store(StoreFlagsRequest.Mode.ADD, 1, 8, "\\Deleted", "\\Seen");
        blocking.expunge(ExpungeRequest.newBuilder().setMailbox(inbox(account)).build());
        MailboxSnapshot empty = select();
        assertThat(empty.getUids().getRangesList()).isEmpty();
        assertThat(empty.getFirstUnseenUid()).isZero();
        assertThat(empty.getMailbox().getMessageCount()).isZero();
    }

    @Test
    void rowsChangedBehindTheTombstonesAreReadWholeAgain() {
        assertThat(uidsOf(select())).hasSize(6);
        // a row removed without a tombstone (as no code path does): the message count tells
        client.query("WITH gone AS (DELETE FROM storage.messages WHERE account_id = $1 AND uid = 3 "
                + "RETURNING mailbox_id, blob_sha256) "
                + "UPDATE storage.mailboxes b SET message_count = message_count - 1, highest_modseq = highest_modseq + 1 "
                + "FROM gone WHERE b.account_id = $1 AND b.mailbox_id = gone.mailbox_id", account);
        assertThat(uidsOf(select())).containsExactly(1L, 2L, 4L, 5L, 6L).containsExactlyElementsOf(stored());
    }
}
