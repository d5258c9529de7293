package io.mailserver.storage.message.repository;

import io.mailserver.storage.message.model.Flags;

/** Where one copy of an ingested message goes: its mailbox, UID, MODSEQ and flags. */
public record NewMessage(long accountId, long mailboxId, long uid, long modseq, Flags flags) {
}
