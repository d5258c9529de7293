package io.mailserver.smtp.session;

import io.mailserver.smtp.command.MailAddress;
import java.util.List;

/**
 * A recipient that RCPT accepted, with the local accounts auth-service resolved it to (one for a
 * mailbox, one or more for an alias), or none for a recipient at another domain, which goes to the
 * outbound queue.
 */
public record AcceptedRecipient(MailAddress address, List<Long> accountIds) {

    public AcceptedRecipient {
        accountIds = List.copyOf(accountIds);
    }

    /** A recipient at another domain, relayed for an authenticated client. */
    public static AcceptedRecipient remote(MailAddress address) {
        return new AcceptedRecipient(address, List.of());
    }

    public boolean isRemote() {
        return accountIds.isEmpty();
    }
}
