package io.mailserver.imap.handler;

import io.mailserver.imap.client.MailboxRole;
import java.util.Map;

/** The RFC 6154 §2 special-use attributes and storage's names for them. */
final class SpecialUses {

    private static final Map<String, MailboxRole> BY_ATTRIBUTE = Map.of(
            "\\ALL", MailboxRole.ALL,
            "\\ARCHIVE", MailboxRole.ARCHIVE,
            "\\DRAFTS", MailboxRole.DRAFTS,
            "\\FLAGGED", MailboxRole.FLAGGED,
            "\\JUNK", MailboxRole.JUNK,
            "\\SENT", MailboxRole.SENT,
            "\\TRASH", MailboxRole.TRASH);

    private SpecialUses() {
    }

    /** The attribute as LIST shows it, or null for a mailbox without a special use. */
    static String attribute(MailboxRole role) {
        return switch (role) {
            case SENT -> "\\Sent";
            case DRAFTS -> "\\Drafts";
            case TRASH -> "\\Trash";
            case JUNK -> "\\Junk";
            case ARCHIVE -> "\\Archive";
            case ALL -> "\\All";
            case FLAGGED -> "\\Flagged";
            case NONE -> null;
        };
    }

    /** The special use an attribute names (any case), or null when it names none this server keeps. */
    static MailboxRole of(String attribute) {
        return BY_ATTRIBUTE.get(attribute.toUpperCase(java.util.Locale.ROOT));
    }
}
