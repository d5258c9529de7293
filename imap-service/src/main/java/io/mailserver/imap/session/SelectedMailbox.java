package io.mailserver.imap.session;

import java.util.Set;

/**
 * The selected mailbox as this session's client knows it.
 *
 * @param messages         the UIDs the client has been told about, in sequence-number order
 * @param highestModseq    the MODSEQ up to which changes have been taken in
 * @param pendingExpunges  UIDs storage reports as expunged that the client has not been told yet
 *                         (they keep their sequence numbers until an EXPUNGE response may be sent,
 *                         RFC 9051 §7.5.1)
 * @param keywords         the keywords the client was told of in FLAGS; a FETCH may show no other
 * @param recent           the UIDs that are \Recent in this session (RFC 3501 §2.3.2); storage gives
 *                         each message to one session only. May hold UIDs expunged since.
 */
public record SelectedMailbox(long mailboxId, String name, boolean readOnly, int uidValidity,
        MessageNumbers messages, long highestModseq, MessageNumbers pendingExpunges, Set<String> keywords,
        MessageNumbers recent) {

    public SelectedMailbox {
        keywords = Set.copyOf(keywords);
    }

    public SelectedMailbox(long mailboxId, String name, boolean readOnly, int uidValidity, MessageNumbers messages,
            long highestModseq, MessageNumbers pendingExpunges) {
        this(mailboxId, name, readOnly, uidValidity, messages, highestModseq, pendingExpunges, Set.of(),
                MessageNumbers.EMPTY);
    }

    public SelectedMailbox withMessages(MessageNumbers changed, long modseq, MessageNumbers pending) {
        return new SelectedMailbox(mailboxId, name, readOnly, uidValidity, changed, modseq, pending, keywords, recent);
    }

    public SelectedMailbox withKeywords(Set<String> announced) {
        return new SelectedMailbox(mailboxId, name, readOnly, uidValidity, messages, highestModseq, pendingExpunges,
                announced, recent);
    }

    public SelectedMailbox withRecent(MessageNumbers claimed) {
        return new SelectedMailbox(mailboxId, name, readOnly, uidValidity, messages, highestModseq, pendingExpunges,
                keywords, claimed);
    }

    /** How many of the messages the client knows are \Recent, for {@code * n RECENT}. */
    public int recentCount() {
        return recent.isEmpty() ? 0 : messages.intersect(recent).size();
    }
}
