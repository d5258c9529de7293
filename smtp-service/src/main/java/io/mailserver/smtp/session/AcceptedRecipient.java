package io.mailserver.smtp.session;

import io.mailserver.smtp.command.MailAddress;
import io.mailserver.smtp.command.RcptParameters;
import java.util.List;

/**
 * A recipient that RCPT accepted: the local accounts auth-service resolved it to (one for a mailbox,
 * any number for an alias), the addresses at other domains it goes on to through the outbound queue
 * (itself, for a recipient relayed for an authenticated client; an alias's forwards; the original
 * sender, for a bounce to an SRS address), and the DSN parameters the client gave for it.
 *
 * @param forwarded whether {@code outboundTo} are forwards made here (an alias, SRS), not the
 *                  recipient itself: the copy for them is resent from this server, with an SRS sender
 */
public record AcceptedRecipient(MailAddress address, List<Long> accountIds, List<String> outboundTo, boolean forwarded,
        RcptParameters parameters) {

    public AcceptedRecipient {
        accountIds = List.copyOf(accountIds);
        outboundTo = List.copyOf(outboundTo);
    }

    public AcceptedRecipient(MailAddress address, List<Long> accountIds, RcptParameters parameters) {
        this(address, accountIds, List.of(), false, parameters);
    }

    public AcceptedRecipient(MailAddress address, List<Long> accountIds) {
        this(address, accountIds, RcptParameters.NONE);
    }

    /** A recipient at another domain, relayed for an authenticated client. */
    public static AcceptedRecipient remote(MailAddress address, RcptParameters parameters) {
        return new AcceptedRecipient(address, List.of(), List.of(address.toString()), false, parameters);
    }

    /** A local address that goes on (also, or only) to addresses at other domains. */
    public static AcceptedRecipient forwarded(MailAddress address, List<Long> accountIds, List<String> forwardTo,
            RcptParameters parameters) {
        return new AcceptedRecipient(address, accountIds, forwardTo, !forwardTo.isEmpty(), parameters);
    }

    /** Whether a copy for this recipient goes through the outbound queue. */
    public boolean goesOut() {
        return !outboundTo.isEmpty();
    }

    /** Whether the recipient is delivered here and nowhere else. */
    public boolean localOnly() {
        return outboundTo.isEmpty();
    }
}
