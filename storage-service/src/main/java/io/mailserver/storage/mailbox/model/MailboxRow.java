package io.mailserver.storage.mailbox.model;

import io.mailserver.contracts.storage.v1.Mailbox;
import io.mailserver.contracts.storage.v1.SpecialUse;
import io.vertx.mutiny.sqlclient.Row;

/** A row of {@code storage.mailboxes}: the mailbox with its IMAP counters. */
public record MailboxRow(
        long accountId,
        long mailboxId,
        String name,
        SpecialUse specialUse,
        long uidValidity,
        long uidNext,
        long highestModseq,
        long messageCount,
        long unseenCount,
        long deletedCount,
        long sizeBytes,
        boolean subscribed,
        long firstRecentUid) {

    /** The columns {@link #from(Row)} reads, for SELECT and RETURNING lists. */
    public static final String COLUMNS = "account_id, mailbox_id, name, special_use, uid_validity, uid_next, "
            + "highest_modseq, message_count, unseen_count, deleted_count, size_bytes, subscribed, first_recent_uid";

    public static MailboxRow from(Row row) {
        return new MailboxRow(
                row.getLong("account_id"),
                row.getLong("mailbox_id"),
                row.getString("name"),
                specialUse(row.getString("special_use")),
                row.getLong("uid_validity"),
                row.getLong("uid_next"),
                row.getLong("highest_modseq"),
                row.getLong("message_count"),
                row.getLong("unseen_count"),
                row.getLong("deleted_count"),
                row.getLong("size_bytes"),
                row.getBoolean("subscribed"),
                row.getLong("first_recent_uid"));
    }

    public boolean isInbox() {
        return MailboxName.INBOX.equals(name);
    }

    public Mailbox toProto() {
        return Mailbox.newBuilder()
                .setMailboxId(mailboxId)
                .setName(name)
                .setSpecialUse(specialUse)
                .setUidValidity((int) uidValidity)
                .setUidNext((int) Math.min(uidNext, 0xFFFF_FFFFL))
                .setHighestModseq(highestModseq)
                .setMessageCount((int) messageCount)
                .setUnseenCount((int) unseenCount)
                .setDeletedCount((int) deletedCount)
                .setSizeBytes(sizeBytes)
                .setSubscribed(subscribed)
                .build();
    }

    /** The column value for a special use: the enum name without its prefix, null for none. */
    public static String column(SpecialUse use) {
        if (use == null || use == SpecialUse.SPECIAL_USE_NONE || use == SpecialUse.UNRECOGNIZED) {
            return null;
        }
        return use.name().substring("SPECIAL_USE_".length());
    }

    static SpecialUse specialUse(String column) {
        if (column == null) {
            return SpecialUse.SPECIAL_USE_NONE;
        }
        try {
            return SpecialUse.valueOf("SPECIAL_USE_" + column);
        } catch (IllegalArgumentException e) {
            return SpecialUse.SPECIAL_USE_NONE;
        }
    }
}
