package io.mailserver.storage.mailbox.service;

import io.mailserver.contracts.storage.v1.GetMailboxRequest;
import io.mailserver.contracts.storage.v1.Mailbox;
import io.mailserver.contracts.storage.v1.MailboxSnapshot;
import io.mailserver.contracts.storage.v1.SelectMailboxRequest;
import io.mailserver.storage.mailbox.model.MailboxRow;
import io.mailserver.storage.mailbox.repository.MailboxRepository;
import io.mailserver.storage.message.repository.MessageRepository;
import io.mailserver.storage.sql.ConsistentRead;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * What a client sees of one mailbox: SELECT/EXAMINE's snapshot (every UID, first unseen, keywords,
 * and for SELECT the \Recent messages it claims) and STATUS's counters.
 */
@ApplicationScoped
public class MailboxSnapshots {

    private final Pool pool;
    private final MailboxRepository mailboxes;
    private final MessageRepository messages;
    private final RecentMessages recent;
    private final MailboxUids uids;

    public MailboxSnapshots(Pool pool, MailboxRepository mailboxes,
            MessageRepository messages, RecentMessages recent, MailboxUids uids) {
        this.pool = pool;
        this.mailboxes = mailboxes;
        this.messages = messages;
        this.recent = recent;
        this.uids = uids;
    }

    /**
     * SELECT/EXAMINE from one consistent snapshot. The \Recent claim (SELECT; EXAMINE only looks)
     * comes after it and reaches no further than its last UID, so the caller is never given a message
     * it does not know.
     */
    public Uni<MailboxSnapshot> select(SelectMailboxRequest request) {
        // the three reads after the mailbox's row go out together (one snapshot: REPEATABLE READ), so
        // SELECT waits for two round trips to PostgreSQL instead of four
        return ConsistentRead.run(pool, tx -> mailboxes.resolve(tx, request.getMailbox(), false)
                        .flatMap(mailbox -> Uni.combine().all().unis(uids.read(tx, mailbox),
                                        messages.firstUnseen(tx, mailbox.accountId(), mailbox.mailboxId()),
                                        messages.keywordsInUse(tx, mailbox.accountId(), mailbox.mailboxId()))
                                .asTuple()
                                .map(read -> new Read(mailbox, read.getItem1(), read.getItem2(), read.getItem3()))))
                .flatMap(read -> {
                    MailboxSnapshot.Builder snapshot = read.snapshot();
                    if (read.uids.size() == 0) {
                        return Uni.createFrom().item(snapshot.build());
                    }
                    long last = read.uids.lastUid();
                    return recent.claimOrPeek(read.mailbox, last, request.getClaimRecent())
                            .map(first -> snapshot.setFirstRecentUid(first.intValue()).build());
                });
    }

    /** STATUS: the mailbox's counters, and when asked the number of messages nobody has as \Recent. */
    public Uni<Mailbox> get(GetMailboxRequest request) {
        return mailboxes.resolve(pool, request.getMailbox(), false)
                .flatMap(mailbox -> request.getWithRecentCount()
                        ? recent.unclaimed(mailbox).map(count -> mailbox.toProto().toBuilder()
                                .setRecentCount(count.intValue()).build())
                        : Uni.createFrom().item(mailbox.toProto()));
    }

    private record Read(MailboxRow mailbox, MailboxUids.Ranges uids, long firstUnseen, List<String> keywords) {

        MailboxSnapshot.Builder snapshot() {
            return MailboxSnapshot.newBuilder()
                    .setMailbox(mailbox.toProto())
                    .setUids(uids.toUidSet())
                    .setFirstUnseenUid((int) firstUnseen)
                    .addAllKeywords(keywords);
        }
    }
}
