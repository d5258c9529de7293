package io.mailserver.imap.client;

import io.mailserver.imap.session.MessageNumbers;
import java.util.List;

/**
 * What changed in a mailbox since a mod-sequence: messages whose flags changed or that arrived, and
 * the UIDs expunged.
 *
 * @param firstRecentUid the first UID of the arrivals storage gave this session as \Recent, 0 when none
 */
public record MailboxChanges(MailboxInfo mailbox, List<FlagState> changed, MessageNumbers expunged,
        int firstRecentUid) {

    public MailboxChanges {
        changed = List.copyOf(changed);
    }
}
