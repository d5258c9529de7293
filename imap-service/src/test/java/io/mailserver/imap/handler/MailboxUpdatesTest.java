package io.mailserver.imap.handler;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailserver.imap.client.AccountIdentity;
import io.mailserver.imap.client.FlagState;
import io.mailserver.imap.client.MailboxChanges;
import io.mailserver.imap.client.MailboxInfo;
import io.mailserver.imap.client.MailboxRole;
import io.mailserver.imap.session.FakeChannel;
import io.mailserver.imap.session.ImapSession;
import io.mailserver.imap.session.MessageNumbers;
import io.mailserver.imap.session.SelectedMailbox;
import io.mailserver.imap.session.SessionState;
import org.junit.jupiter.api.Test;

class MailboxUpdatesTest {

    private final FakeChannel channel = new FakeChannel();
    private final ImapSession session = new ImapSession(channel);

    private static final MailboxChanges CHANGES = new MailboxChanges(mailbox(14),
            java.util.List.of(flags(3, 11, "\\Seen"), flags(9, 12), flags(10, 13, "\\Flagged")),
            MessageNumbers.of(2, 5, 6, 7), 0);

    /** What storage says when nothing changed. */
    private static final MailboxChanges NOTHING = new MailboxChanges(mailbox(0), java.util.List.of(),
            MessageNumbers.EMPTY, 0);

    private static MailboxInfo mailbox(long highestModseq) {
        return new MailboxInfo(7, "INBOX", MailboxRole.NONE, 1, 0, highestModseq, 0, 0, 0, false, 0, 0);
    }

    private static FlagState flags(int uid, long modseq, String... flags) {
        return new FlagState(uid, java.util.List.of(flags), modseq);
    }

    private void select() {
        session.state(new SessionState.Selected(new AccountIdentity(1, "a@example.org"),
                new SelectedMailbox(7, "INBOX", false, 1, MessageNumbers.of(1, 2, 3, 5, 8), 10, MessageNumbers.EMPTY)));
    }

    @Test
    void expungesHighestFirstThenNewMessagesThenFlags() {
        select();
        MailboxUpdates.apply(session, CHANGES, true);
        assertThat(channel.lines()).containsExactly(
                "* 4 EXPUNGE",
                "* 2 EXPUNGE",
                "* 5 EXISTS",
                "* 0 RECENT",
                "* 2 FETCH (UID 3 FLAGS (\\Seen))");
        SelectedMailbox after = session.selected().mailbox();
        assertThat(after.messages().toArray()).containsExactly(1, 3, 8, 9, 10);
        assertThat(after.highestModseq()).isEqualTo(14);
    }

    @Test
    void expungesWaitWhileSequenceNumbersMustStay() {
        select();
        MailboxUpdates.apply(session, CHANGES, false);
        assertThat(channel.lines()).containsExactly("* 7 EXISTS", "* 0 RECENT", "* 3 FETCH (UID 3 FLAGS (\\Seen))");
        assertThat(session.selected().mailbox().pendingExpunges().toArray()).containsExactly(2, 5);

        MailboxUpdates.apply(session, NOTHING, true);
        assertThat(channel.lines()).containsExactly("* 4 EXPUNGE", "* 2 EXPUNGE");
        assertThat(session.selected().mailbox().messages().toArray()).containsExactly(1, 3, 8, 9, 10);
        assertThat(session.selected().mailbox().highestModseq()).isEqualTo(14);
    }

    @Test
    void ownChangesAreNotReportedTwice() {
        select();
        session.noteOwnChange(3, 11);
        MailboxUpdates.apply(session, CHANGES, true);
        assertThat(channel.lines()).containsExactly("* 4 EXPUNGE", "* 2 EXPUNGE", "* 5 EXISTS", "* 0 RECENT");
    }

    @Test
    void arrivalsStorageGaveThisSessionAreRecent() {
        select();
        MailboxUpdates.apply(session, new MailboxChanges(CHANGES.mailbox(), CHANGES.changed(), CHANGES.expunged(), 10),
                true);
        assertThat(channel.lines()).containsExactly("* 4 EXPUNGE", "* 2 EXPUNGE", "* 5 EXISTS", "* 1 RECENT",
                "* 2 FETCH (UID 3 FLAGS (\\Seen))");
        assertThat(session.selected().mailbox().recent().toArray()).containsExactly(10);
    }
}
