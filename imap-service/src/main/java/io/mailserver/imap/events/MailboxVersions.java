package io.mailserver.imap.events;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The highest mod-sequence each mailbox's change events have announced on this instance, so a
 * session can tell that nothing changed without asking storage. Mailboxes share a fixed number of
 * slots (hash of the id, each keeping the largest value written to it): memory stays bounded however
 * many mailboxes change, and a shared slot can only make a mailbox look changed when it is not,
 * which costs one storage call, never a missed change.
 */
@ApplicationScoped
public class MailboxVersions {

    private static final int SLOTS = 1 << 16;

    private final AtomicLongArray highest = new AtomicLongArray(SLOTS);

    public void announced(long mailboxId, long highestModseq) {
        highest.accumulateAndGet(slot(mailboxId), highestModseq, Math::max);
    }

    /** True when no event announced a mod-sequence above {@code known} for the mailbox. */
    public boolean unchangedSince(long mailboxId, long known) {
        return highest.get(slot(mailboxId)) <= known;
    }

    private static int slot(long mailboxId) {
        return (int) ((mailboxId ^ (mailboxId >>> 32)) * 0x9E3779B97F4A7C15L >>> 48);
    }
}
