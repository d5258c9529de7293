package io.mailserver.storage.message.service;

import io.mailserver.contracts.storage.v1.ChangesSinceRequest;
import io.mailserver.contracts.storage.v1.ChangesSinceResponse;
import io.mailserver.contracts.storage.v1.MessageFlags;
import io.mailserver.storage.mailbox.repository.MailboxRepository;
import io.mailserver.storage.mailbox.model.MailboxRow;
import io.mailserver.storage.mailbox.service.RecentMessages;
import io.mailserver.storage.message.model.UidRanges;
import io.mailserver.storage.message.repository.MessageRepository;
import io.mailserver.storage.message.repository.MessageRow;
import io.mailserver.storage.sql.ConsistentRead;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * "What changed since MODSEQ n" (RFC 7162 CONDSTORE/QRESYNC, and NOOP/IDLE on any instance): the
 * mailbox, the messages with a greater MODSEQ and the tombstones with a greater MODSEQ, all read from
 * one snapshot so the answer is consistent with the mailbox's HIGHESTMODSEQ, and which of the
 * changed messages are \Recent for the caller (claimed when it has the mailbox selected read-write).
 */
@ApplicationScoped
public class ChangesService {

    private final Pool pool;
    private final MailboxRepository mailboxes;
    private final MessageRepository messages;
    private final RecentMessages recent;

    public ChangesService(Pool pool, MailboxRepository mailboxes,
            MessageRepository messages, RecentMessages recent) {
        this.pool = pool;
        this.mailboxes = mailboxes;
        this.messages = messages;
        this.recent = recent;
    }

    public Uni<ChangesSinceResponse> changesSince(ChangesSinceRequest request) {
        long since = request.getSinceModseq();
        return ConsistentRead.run(pool, tx -> mailboxes.resolve(tx, request.getMailbox(), false)
                        .flatMap(mailbox -> messages.changedSince(tx, mailbox.accountId(), mailbox.mailboxId(), since)
                                .flatMap(changed -> messages.expungedSince(tx, mailbox.accountId(), mailbox.mailboxId(), since)
                                        .map(expunged -> new Read(mailbox, changed, expunged)))))
                .flatMap(read -> {
                    ChangesSinceResponse.Builder response = read.response();
                    if (read.changed.isEmpty()) {
                        return Uni.createFrom().item(response.build());
                    }
                    // ascending UID: the last is the highest the caller learns of
                    long last = read.changed.get(read.changed.size() - 1).uid();
                    return recent.claimOrPeek(read.mailbox, last, request.getClaimRecent())
                            .map(first -> response.setFirstRecentUid(first.intValue()).build());
                });
    }

    private record Read(MailboxRow mailbox, List<MessageRow> changed, List<Long> expunged) {

        ChangesSinceResponse.Builder response() {
            ChangesSinceResponse.Builder response = ChangesSinceResponse.newBuilder()
                    .setMailbox(mailbox.toProto())
                    .setExpunged(UidRanges.toUidSet(expunged));
            for (MessageRow row : changed) {
                response.addChanged(MessageFlags.newBuilder()
                        .setUid((int) row.uid())
                        .addAllFlags(row.flags().names())
                        .setModseq(row.modseq()));
            }
            return response;
        }
    }
}
