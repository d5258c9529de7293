package io.mailserver.imap.session;

/**
 * The selected mailbox as this session's client knows it.
 *
 * @param messages         the UIDs the client has been told about, in sequence-number order
 * @param highestModseq    the MODSEQ up to which changes have been taken in
 * @param pendingExpunges  UIDs storage reports as expunged that the client has not been told yet
 *                         (they keep their sequence numbers until an EXPUNGE response may be sent,
 *                         RFC 9051 §7.5.1)
 */
public record SelectedMailbox(long mailboxId, String name, boolean readOnly, int uidValidity,
        MessageNumbers messages, long highestModseq, MessageNumbers pendingExpunges) {

    public SelectedMailbox withMessages(MessageNumbers changed, long modseq, MessageNumbers pending) {
        return new SelectedMailbox(mailboxId, name, readOnly, uidValidity, changed, modseq, pending);
    }
}
