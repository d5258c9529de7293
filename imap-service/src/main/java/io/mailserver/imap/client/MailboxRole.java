package io.mailserver.imap.client;

/** What a mailbox is for, as storage keeps it (the RFC 6154 special uses). */
public enum MailboxRole {
    NONE, ALL, ARCHIVE, DRAFTS, FLAGGED, JUNK, SENT, TRASH
}
