package io.mailserver.imap.client;

import io.mailserver.imap.session.MessageNumbers;
import java.util.List;

/**
 * What SELECT or EXAMINE needs in one answer: the mailbox, every UID in it, and the keywords in use.
 *
 * @param firstUnseenUid the UID of the first message without \Seen, 0 when all are seen
 * @param firstRecentUid the first UID storage gave this session as \Recent, 0 when none
 */
public record MailboxSelection(MailboxInfo mailbox, MessageNumbers uids, int firstUnseenUid, List<String> keywords,
        int firstRecentUid) {

    public MailboxSelection {
        keywords = List.copyOf(keywords);
    }
}
