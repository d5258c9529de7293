package io.mailserver.smtp.client;

import java.time.ZonedDateTime;
import java.util.List;

/**
 * One received message as storage takes it: its delivery id (storage deduplicates retries by it),
 * the envelope sender ("" for the null reverse-path), one recipient per account, the recipients at
 * other domains (queued for outbound delivery in the same transaction), its size, which must equal
 * the octets that follow, and the account that submitted it (0 for mail from other servers).
 */
public record InboundMessage(String deliveryId, String mailFrom, List<Recipient> recipients, List<String> outbound,
        long size, ZonedDateTime receivedAt, long submittedBy) {

    public InboundMessage {
        recipients = List.copyOf(recipients);
        outbound = List.copyOf(outbound);
    }

    /**
     * An account the message goes to, the address it was sent to there, and the mailbox it is filed
     * in ("" for INBOX; a quarantined message names the Junk folder).
     */
    public record Recipient(long accountId, String address, String mailbox) {

        public Recipient(long accountId, String address) {
            this(accountId, address, "");
        }

        public Recipient inMailbox(String name) {
            return new Recipient(accountId, address, name);
        }
    }
}
