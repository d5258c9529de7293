package io.mailserver.imap.handler;

import io.mailserver.contracts.storage.v1.SpecialUse;
import java.util.Map;

/** The RFC 6154 §2 special-use attributes and storage's names for them. */
final class SpecialUses {

    private static final Map<String, SpecialUse> BY_ATTRIBUTE = Map.of(
            "\\ALL", SpecialUse.SPECIAL_USE_ALL,
            "\\ARCHIVE", SpecialUse.SPECIAL_USE_ARCHIVE,
            "\\DRAFTS", SpecialUse.SPECIAL_USE_DRAFTS,
            "\\FLAGGED", SpecialUse.SPECIAL_USE_FLAGGED,
            "\\JUNK", SpecialUse.SPECIAL_USE_JUNK,
            "\\SENT", SpecialUse.SPECIAL_USE_SENT,
            "\\TRASH", SpecialUse.SPECIAL_USE_TRASH);

    private SpecialUses() {
    }

    /** The attribute as LIST shows it, or null for a mailbox without a special use. */
    static String attribute(SpecialUse use) {
        return switch (use) {
            case SPECIAL_USE_SENT -> "\\Sent";
            case SPECIAL_USE_DRAFTS -> "\\Drafts";
            case SPECIAL_USE_TRASH -> "\\Trash";
            case SPECIAL_USE_JUNK -> "\\Junk";
            case SPECIAL_USE_ARCHIVE -> "\\Archive";
            case SPECIAL_USE_ALL -> "\\All";
            case SPECIAL_USE_FLAGGED -> "\\Flagged";
            default -> null;
        };
    }

    /** The special use an attribute names (any case), or null when it names none this server keeps. */
    static SpecialUse of(String attribute) {
        return BY_ATTRIBUTE.get(attribute.toUpperCase(java.util.Locale.ROOT));
    }
}
