package io.mailserver.storage.mailbox.service;

import io.mailserver.storage.mailbox.model.MailboxRow;
import io.mailserver.storage.mailbox.repository.MailboxRepository;
import io.mailserver.storage.message.repository.MessageRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * IMAP4rev1's \Recent (RFC 3501 §2.3.2): a message is recent in exactly one session, the first to
 * see it with the mailbox selected read-write, whichever imap-service instance that session is on.
 * Each mailbox keeps one mark, the lowest UID nobody has claimed; a claim moves it with a
 * compare-and-set, so two sessions never both get a message and no claim waits on a lock longer
 * than one UPDATE.
 */
@ApplicationScoped
public class RecentMessages {

    /** Claims race only with other claims on the same mailbox; a few rounds always settle them. */
    private static final int ATTEMPTS = 8;

    private final Pool pool;
    private final MailboxRepository mailboxes;
    private final MessageRepository messages;

    public RecentMessages(Pool pool, MailboxRepository mailboxes, MessageRepository messages) {
        this.pool = pool;
        this.mailboxes = mailboxes;
        this.messages = messages;
    }

    /**
     * Claims the unclaimed messages up to {@code upToUid} for the caller, given the mailbox as the
     * caller last read it; returns the first UID claimed (the caller's recent messages are its
     * known UIDs from there up to {@code upToUid}), or 0 when there was nothing left to claim.
     */
    public Uni<Long> claim(MailboxRow seen, long upToUid) {
        return claim(seen.accountId(), seen.mailboxId(), seen.firstRecentUid(), upToUid, ATTEMPTS);
    }

    private Uni<Long> claim(long accountId, long mailboxId, long mark, long upToUid, int attempts) {
        if (mark > upToUid) {
            return Uni.createFrom().item(0L);
        }
        return mailboxes.moveRecentMark(pool, accountId, mailboxId, mark, upToUid + 1).flatMap(moved -> {
            if (moved) {
                return Uni.createFrom().item(mark);
            }
            if (attempts <= 1) {
                // nobody is owed a \Recent flag: losing one to a storm of claims is harmless
                return Uni.createFrom().item(0L);
            }
            return mailboxes.byId(pool, accountId, mailboxId, false).flatMap(current -> current
                    .map(row -> claim(accountId, mailboxId, row.firstRecentUid(), upToUid, attempts - 1))
                    .orElseGet(() -> Uni.createFrom().item(0L)));
        });
    }

    /**
     * {@link #claim} for a read-write selection; for a read-only one (EXAMINE), the first UID up to
     * {@code upToUid} nobody has claimed, or 0: such a session sees \Recent without taking it away
     * from the next SELECT (RFC 3501 §6.3.2).
     */
    public Uni<Long> claimOrPeek(MailboxRow seen, long upToUid, boolean claim) {
        if (claim) {
            return claim(seen, upToUid);
        }
        return Uni.createFrom().item(seen.firstRecentUid() <= upToUid ? seen.firstRecentUid() : 0L);
    }

    /** How many messages of the mailbox no session has claimed yet (STATUS RECENT). */
    public Uni<Long> unclaimed(MailboxRow mailbox) {
        if (mailbox.firstRecentUid() >= mailbox.uidNext()) {
            return Uni.createFrom().item(0L);
        }
        return messages.countFrom(pool, mailbox.accountId(), mailbox.mailboxId(), mailbox.firstRecentUid());
    }
}
