package io.mailserver.smtp.client;

import io.mailserver.smtp.dsn.Notify;
import io.mailserver.smtp.dsn.Ret;
import io.mailserver.smtp.outbound.tls.TlsRequirement;
import java.time.Instant;
import java.util.List;

/**
 * One leased entry of the outbound queue: a message to some recipients at one domain.
 *
 * @param attempts    attempts made before this one
 * @param ret         the DSN RET as given (RFC 3461 §4.3)
 * @param envid       the DSN ENVID as given (xtext), "" when none
 * @param delayWarned whether the sender was already told this entry is delayed
 * @param smtputf8    whether the header section needs SMTPUTF8 (RFC 6531) at the next hop
 * @param eightBit    whether the message needs 8BITMIME (RFC 6152) at the next hop
 * @param tlsRequirement what the sender asked of TLS on the way on (RFC 8689)
 */
public record QueuedEntry(long entryId, long queueId, String domain, String mailFrom, long size, int attempts,
        Instant queuedAt, Instant expiresAt, Ret ret, String envid, boolean delayWarned,
        boolean smtputf8, boolean eightBit, TlsRequirement tlsRequirement, List<Recipient> recipients) {

    public QueuedEntry {
        recipients = List.copyOf(recipients);
    }

    /** The sender asked RET=HDRS: a report returns the original's header section only. */
    public boolean returnHeadersOnly() {
        return ret == Ret.HDRS;
    }

    /**
     * @param index             the recipient's key in reports
     * @param originalRecipient the DSN ORCPT as given ({@code addr-type;xtext}), "" when none
     * @param dsnNotify          which outcomes the sender wants to hear of (RFC 3461 §4.1)
     */
    public record Recipient(int index, String address, String originalRecipient, Notify dsnNotify) {
    }
}
