package io.mailserver.imap.session;

import io.mailserver.imap.command.SequenceSet;
import java.util.BitSet;
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
 * @param saved            RFC 5182's search result variable {@code $}: the UIDs the last
 *                         {@code SEARCH RETURN (SAVE)} found; empty after SELECT. May hold UIDs
 *                         expunged since, which no command sees.
 */
public record SelectedMailbox(long mailboxId, String name, boolean readOnly, int uidValidity,
        MessageNumbers messages, long highestModseq, MessageNumbers pendingExpunges, Set<String> keywords,
        MessageNumbers recent, MessageNumbers saved) {

    public SelectedMailbox {
        keywords = Set.copyOf(keywords);
    }

    public SelectedMailbox(long mailboxId, String name, boolean readOnly, int uidValidity, MessageNumbers messages,
            long highestModseq, MessageNumbers pendingExpunges) {
        this(mailboxId, name, readOnly, uidValidity, messages, highestModseq, pendingExpunges, Set.of(),
                MessageNumbers.EMPTY, MessageNumbers.EMPTY);
    }

    public SelectedMailbox withMessages(MessageNumbers changed, long modseq, MessageNumbers pending) {
        return new SelectedMailbox(mailboxId, name, readOnly, uidValidity, changed, modseq, pending, keywords, recent,
                saved);
    }

    public SelectedMailbox withKeywords(Set<String> announced) {
        return new SelectedMailbox(mailboxId, name, readOnly, uidValidity, messages, highestModseq, pendingExpunges,
                announced, recent, saved);
    }

    public SelectedMailbox withRecent(MessageNumbers claimed) {
        return new SelectedMailbox(mailboxId, name, readOnly, uidValidity, messages, highestModseq, pendingExpunges,
                keywords, claimed, saved);
    }

    public SelectedMailbox withSaved(MessageNumbers result) {
        return new SelectedMailbox(mailboxId, name, readOnly, uidValidity, messages, highestModseq, pendingExpunges,
                keywords, recent, result);
    }

    /**
     * Positions (0-based) of the messages a command's set names: UIDs or sequence numbers, or
     * {@code $}, the saved result, which names the same messages either way. {@code strict}: a
     * sequence number beyond the mailbox is an error (see {@link MessageNumbers#bySequence}).
     */
    public BitSet positions(SequenceSet set, boolean uid, boolean strict) {
        if (set.savedResult()) {
            return messages.positionsOf(saved);
        }
        return uid ? messages.byUid(set) : messages.bySequence(set, strict);
    }

    /** Whether {@code uid} is in a UID set, {@code *} reaching {@code largest}, or in the saved result for {@code $}. */
    public boolean uidIn(SequenceSet set, long uid, long largest) {
        return set.savedResult() ? saved.contains((int) uid) : set.contains(uid, largest);
    }

    /** How many of the messages the client knows are \Recent, for {@code * n RECENT}. */
    public int recentCount() {
        return recent.isEmpty() ? 0 : messages.intersect(recent).size();
    }
}
