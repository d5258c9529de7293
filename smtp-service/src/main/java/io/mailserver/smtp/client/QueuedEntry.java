package io.mailserver.smtp.client;

import java.time.Instant;
import java.util.List;

/**
 * One leased entry of the outbound queue: a message to some recipients at one domain.
 *
 * @param attempts attempts made before this one
 */
public record QueuedEntry(long entryId, long queueId, String domain, String mailFrom, long size, int attempts,
        Instant queuedAt, Instant expiresAt, boolean returnHeadersOnly, String envid, List<Recipient> recipients) {

    public QueuedEntry {
        recipients = List.copyOf(recipients);
    }

    /**
     * @param index  the recipient's key in reports
     * @param notify whether the sender wants to hear of a failure (DSN NOTIFY, RFC 3461 §4.1; default yes)
     */
    public record Recipient(int index, String address, String originalRecipient, boolean notifyFailure) {
    }
}
