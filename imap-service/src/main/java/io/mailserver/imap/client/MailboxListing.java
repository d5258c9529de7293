package io.mailserver.imap.client;

import java.util.List;

/**
 * An account's mailboxes, for LIST and LSUB.
 *
 * @param delimiter                 the hierarchy delimiter storage uses; empty when it did not say
 * @param subscribedWithoutMailbox  subscriptions kept for names that are no mailbox (any more)
 */
public record MailboxListing(List<MailboxInfo> mailboxes, String delimiter, List<String> subscribedWithoutMailbox) {

    public MailboxListing {
        mailboxes = List.copyOf(mailboxes);
        subscribedWithoutMailbox = List.copyOf(subscribedWithoutMailbox);
    }
}
