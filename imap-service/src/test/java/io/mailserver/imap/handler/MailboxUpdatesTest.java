package io.mailserver.imap.handler;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailserver.contracts.auth.v1.Account;
import io.mailserver.contracts.storage.v1.ChangesSinceResponse;
import io.mailserver.contracts.storage.v1.Mailbox;
import io.mailserver.contracts.storage.v1.MessageFlags;
import io.mailserver.contracts.storage.v1.UidRange;
import io.mailserver.contracts.storage.v1.UidSet;
import io.mailserver.imap.session.FakeChannel;
import io.mailserver.imap.session.ImapSession;
import io.mailserver.imap.session.MessageNumbers;
import io.mailserver.imap.session.SelectedMailbox;
import io.mailserver.imap.session.SessionState;
import org.junit.jupiter.api.Test;

class MailboxUpdatesTest {

    private final FakeChannel channel = new FakeChannel();
    private final ImapSession session = new ImapSession(channel);

    private static final ChangesSinceResponse CHANGES = ChangesSinceResponse.newBuilder()
            .setMailbox(Mailbox.newBuilder().setHighestModseq(14))
            .setExpunged(UidSet.newBuilder().addRanges(range(2, 2)).addRanges(range(5, 5)).addRanges(range(6, 7)))
            .addChanged(flags(3, 11, "\\Seen"))
            .addChanged(flags(9, 12))
            .addChanged(flags(10, 13, "\\Flagged"))
            .build();

    private static UidRange range(int first, int last) {
        return UidRange.newBuilder().setFirst(first).setLast(last).build();
    }

    private static MessageFlags flags(int uid, long modseq, String... flags) {
        return MessageFlags.newBuilder().setUid(uid).setModseq(modseq).addAllFlags(java.util.List.of(flags)).build();
    }

    private void select() {
        session.state(new SessionState.Selected(Account.newBuilder().setAccountId(1).build(),
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

        MailboxUpdates.apply(session, ChangesSinceResponse.getDefaultInstance(), true);
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
        MailboxUpdates.apply(session, CHANGES.toBuilder().setFirstRecentUid(10).build(), true);
        assertThat(channel.lines()).containsExactly("* 4 EXPUNGE", "* 2 EXPUNGE", "* 5 EXISTS", "* 1 RECENT",
                "* 2 FETCH (UID 3 FLAGS (\\Seen))");
        assertThat(session.selected().mailbox().recent().toArray()).containsExactly(10);
    }
}
