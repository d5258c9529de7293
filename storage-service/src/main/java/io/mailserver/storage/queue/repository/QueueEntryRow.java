package io.mailserver.storage.queue.repository;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * A queued entry with what a worker needs to attempt it (the message's envelope and the recipients
 * still queued) and what an operator's listing shows.
 *
 * @param delayWarned whether the sender was already told the entry is delayed
 * @param smtputf8    whether the message needs SMTPUTF8 at the next hop
 * @param eightBit    whether the message needs 8BITMIME at the next hop
 * @param tlsRequirement what the sender asked of TLS (RFC 8689): default, required or optional
 */
public record QueueEntryRow(long entryId, long queueId, String domain, String mailFrom, long size, String envid,
        boolean returnHeadersOnly, boolean returnFull, OffsetDateTime queuedAt, OffsetDateTime expiresAt, int attempts,
        OffsetDateTime leaseUntil, String lastError, OffsetDateTime nextAttemptAt, boolean delayWarned,
        boolean smtputf8, boolean eightBit, String tlsRequirement, List<QueuedRecipientRow> recipients) {

    public QueueEntryRow {
        recipients = List.copyOf(recipients);
    }
}
