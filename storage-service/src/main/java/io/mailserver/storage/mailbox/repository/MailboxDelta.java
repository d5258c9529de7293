package io.mailserver.storage.mailbox.repository;

/**
 * A change to a mailbox's counters in one statement: UIDs allocated, whether it takes a new MODSEQ,
 * and the differences in messages, unseen, \Deleted and bytes.
 */
public record MailboxDelta(long uids, boolean bumpModseq, long messages, long unseen, long deleted, long size) {
}
