package io.mailserver.imap.client;

/**
 * One mailbox's identity and counters. UIDs and counts are unsigned 32-bit values held in ints, as
 * in {@link io.mailserver.imap.session.MessageNumbers}.
 *
 * @param recent the messages nobody has as \Recent; counted only when asked for
 */
public record MailboxInfo(long mailboxId, String name, MailboxRole role, int uidValidity, int uidNext,
        long highestModseq, int messages, int unseen, long sizeBytes, boolean subscribed, int deleted, int recent) {
}
