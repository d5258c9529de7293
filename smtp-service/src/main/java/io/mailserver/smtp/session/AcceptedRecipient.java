package io.mailserver.smtp.session;

import io.mailserver.smtp.command.MailAddress;
import java.util.List;

/**
 * A recipient that RCPT accepted, with the local accounts auth-service resolved it to (one for a
 * mailbox, one or more for an alias).
 */
public record AcceptedRecipient(MailAddress address, List<Long> accountIds) {

    public AcceptedRecipient {
        accountIds = List.copyOf(accountIds);
    }
}
