package io.mailserver.smtp.outbound;

/**
 * What one attempt did for one recipient.
 *
 * @param diagnostic             the remote reply (or our reason) on one line, safe to store and to quote
 *                               in a DSN
 * @param dsnPassedOn            delivered to a server that offered DSN and took our NOTIFY: success
 *                               notices are now its business (RFC 3461 §6.2.2), not ours
 * @param nextHopLacksRequireTls refused because the server does not offer the REQUIRETLS the sender
 *                               asked for (RFC 8689 §4.2.1): another MX host of the domain may
 */
public record RecipientResult(Kind kind, String diagnostic, boolean dsnPassedOn, boolean nextHopLacksRequireTls) {

    public enum Kind {
        DELIVERED,
        /** Refused for good (5yz): a bounce goes to the sender. */
        BOUNCED,
        /** Refused for now (4yz) or not tried (the connection failed): tried again later. */
        DEFERRED
    }

    static RecipientResult of(RemoteReply reply) {
        Kind kind = reply.positive() ? Kind.DELIVERED : reply.permanentFailure() ? Kind.BOUNCED : Kind.DEFERRED;
        return new RecipientResult(kind, reply.diagnostic(), false, false);
    }

    static RecipientResult deferred(String reason) {
        return new RecipientResult(Kind.DEFERRED, reason, false, false);
    }

    static RecipientResult bounced(String reason) {
        return new RecipientResult(Kind.BOUNCED, reason, false, false);
    }

    static RecipientResult lackingRequireTls(String reason) {
        return new RecipientResult(Kind.BOUNCED, reason, false, true);
    }

    RecipientResult passedOn() {
        return kind == Kind.DELIVERED ? new RecipientResult(kind, diagnostic, true, nextHopLacksRequireTls) : this;
    }
}
