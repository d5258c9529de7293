package io.mailserver.storage.queue.repository;

import java.time.OffsetDateTime;
import java.util.List;

/** A leased entry with what a worker needs to attempt it: the message's envelope and the recipients still queued. */
public record QueueEntryRow(long entryId, long queueId, String domain, String mailFrom, long size, String envid,
        boolean returnHeadersOnly, OffsetDateTime queuedAt, OffsetDateTime expiresAt, int attempts,
        OffsetDateTime leaseUntil, String lastError, List<QueuedRecipientRow> recipients) {

    public QueueEntryRow {
        recipients = List.copyOf(recipients);
    }
}
