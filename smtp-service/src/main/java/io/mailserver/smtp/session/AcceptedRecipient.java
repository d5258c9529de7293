package io.mailserver.smtp.session;

import io.mailserver.smtp.command.MailAddress;
import io.mailserver.smtp.command.RcptParameters;
import java.util.List;

/**
 * A recipient that RCPT accepted, with the local accounts auth-service resolved it to (one for a
 * mailbox, one or more for an alias), or none for a recipient at another domain, which goes to the
 * outbound queue, and the DSN parameters the client gave for it.
 */
public record AcceptedRecipient(MailAddress address, List<Long> accountIds, RcptParameters parameters) {

    public AcceptedRecipient {
        accountIds = List.copyOf(accountIds);
    }

    public AcceptedRecipient(MailAddress address, List<Long> accountIds) {
        this(address, accountIds, RcptParameters.NONE);
    }

    /** A recipient at another domain, relayed for an authenticated client. */
    public static AcceptedRecipient remote(MailAddress address, RcptParameters parameters) {
        return new AcceptedRecipient(address, List.of(), parameters);
    }

    public boolean isRemote() {
        return accountIds.isEmpty();
    }
}
