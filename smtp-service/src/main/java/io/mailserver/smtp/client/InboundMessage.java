package io.mailserver.smtp.client;

import io.mailserver.smtp.dsn.Notify;
import io.mailserver.smtp.dsn.Ret;
import io.mailserver.smtp.outbound.tls.TlsRequirement;
import java.time.ZonedDateTime;
import java.util.List;

/**
 * One received message as storage takes it: its delivery id (storage deduplicates retries by it),
 * the envelope sender ("" for the null reverse-path), one recipient per account, the recipients at
 * other domains (queued for outbound delivery in the same transaction), its size, which must equal
 * the octets that follow, the account that submitted it (0 for mail from other servers), and the
 * DSN envelope parameters that go with the queued copy (RFC 3461 ENVID and RET), and whether the
 * queued copy's header section needs SMTPUTF8 at the next hop (RFC 6531: sent with it, UTF-8 in the
 * header; UTF-8 addresses are judged per destination) and 8BITMIME (octets over 127), and what its
 * sender asked of TLS on its way on (RFC 8689), and how the queued copy differs when this server
 * forwards it.
 */
public record InboundMessage(String deliveryId, String mailFrom, List<Recipient> recipients, List<Outbound> outbound,
        long size, ZonedDateTime receivedAt, long submittedBy, String envid, Ret ret, boolean smtputf8,
        boolean eightBit, TlsRequirement tlsRequirement, ForwardedCopy forwardedCopy) {

    public InboundMessage {
        recipients = List.copyOf(recipients);
        outbound = List.copyOf(outbound);
    }

    public InboundMessage(String deliveryId, String mailFrom, List<Recipient> recipients, List<Outbound> outbound,
            long size, ZonedDateTime receivedAt, long submittedBy, String envid, Ret ret, boolean smtputf8,
            boolean eightBit, TlsRequirement tlsRequirement) {
        this(deliveryId, mailFrom, recipients, outbound, size, receivedAt, submittedBy, envid, ret, smtputf8,
                eightBit, tlsRequirement, ForwardedCopy.AS_RECEIVED);
    }

    /**
     * The queued copy of mail this server forwards (an alias's forwards, a bounce to an SRS address):
     * its reverse-path, "" for the transaction's own, and the fields on top of it alone (an ARC set),
     * ASCII with CRLFs, empty for none.
     */
    public record ForwardedCopy(String mailFrom, byte[] header) {

        public static final ForwardedCopy AS_RECEIVED = new ForwardedCopy("", new byte[0]);

        public ForwardedCopy {
            header = header.clone();
        }

        @Override
        public byte[] header() {
            return header.clone();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof ForwardedCopy c && c.mailFrom.equals(mailFrom) && java.util.Arrays.equals(c.header, header);
        }

        @Override
        public int hashCode() {
            return 31 * mailFrom.hashCode() + java.util.Arrays.hashCode(header);
        }

        @Override
        public String toString() {
            return "ForwardedCopy[mailFrom=" + mailFrom + ", header=" + header.length + " octets]";
        }
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

    /**
     * A recipient at another domain and its DSN parameters.
     *
     * @param originalRecipient the ORCPT parameter as it is passed on ({@code addr-type;xtext}), "" when none
     */
    public record Outbound(String address, Notify dsnNotify, String originalRecipient) {
    }
}
