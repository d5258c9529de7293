package io.mailserver.imap;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailserver.testkit.client.LineClient;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * COPY, MOVE (RFC 6851), their UID forms with RFC 4315 COPYUID, and UID EXPUNGE, over a real
 * connection against real storage: exact lines, including the expunges of a MOVE.
 */
@QuarkusTest
class CopyMoveTest extends ImapSessionTest {

    /** A user with {@code count} messages in INBOX, logged in with INBOX selected. */
    private LineClient selectedInbox(String user, int count) {
        for (int i = 1; i <= count; i++) {
            fixture.deliver(user, MailFixture.textMessage("message " + i, "body " + i));
        }
        return MailFixture.selectedInbox(port, user);
    }

    @Test
    void copyAnswersCopyUidAndKeepsTheSource() {
        String user = fixture.newUser();
        try (LineClient c = selectedInbox(user, 3)) {
            c.send("a1 CREATE Kept");
            c.expect("a1 OK");
            String validity = MailFixture.uidValidity(c, "Kept");
            c.send("a2 COPY 1,3 Kept");
            c.expect("a2 OK [COPYUID " + validity + " 1,3 1:2] COPY completed");
            c.send("a3 UID COPY 2:* Kept");
            c.expect("a3 OK [COPYUID " + validity + " 2:3 3:4] UID COPY completed");
            c.send("a4 STATUS Kept (MESSAGES)");
            c.expect("* STATUS Kept (MESSAGES 4)");
            c.expect("a4 OK");
            c.send("a5 FETCH 1:* UID");
            c.expect("* 1 FETCH (UID 1)");
            c.expect("* 2 FETCH (UID 2)");
            c.expect("* 3 FETCH (UID 3)");
            c.expect("a5 OK");
            c.send("a6 COPY 4 Kept");
            c.expect("a6 BAD Invalid message sequence number");
            c.send("a7 UID COPY 99 Kept");
            c.expect("a7 OK UID COPY completed, no messages");
            c.send("a8 COPY 1 Missing");
            c.expect("a8 NO [TRYCREATE] No such mailbox; create it first");
        }
    }

    @Test
    void copyIntoTheSelectedMailboxIsAnnounced() {
        String user = fixture.newUser();
        try (LineClient c = selectedInbox(user, 1)) {
            c.send("a1 COPY 1 INBOX");
            List<String> lines = c.readUntil("a1 ");
            assertThat(lines).containsExactly("* 2 EXISTS", "* 2 RECENT", "a1 OK [COPYUID " + MailFixture.uidValidity(c, "INBOX") + " 1 2] COPY completed");
        }
    }

    @Test
    void moveExpungesTheSourceAfterCopyUid() {
        String user = fixture.newUser();
        try (LineClient c = selectedInbox(user, 4)) {
            // Trash is one of the mailboxes every account starts with
            String validity = MailFixture.uidValidity(c, "Trash");
            c.send("a2 MOVE 2:3 Trash");
            c.expect("* OK [COPYUID " + validity + " 2:3 1:2] Moved");
            c.expect("* 3 EXPUNGE");
            c.expect("* 2 EXPUNGE");
            c.expect("a2 OK MOVE completed");
            c.send("a3 UID MOVE 4 Trash");
            c.expect("* OK [COPYUID " + validity + " 4 3] Moved");
            c.expect("* 2 EXPUNGE");
            c.expect("a3 OK UID MOVE completed");
            c.send("a4 FETCH 1:* UID");
            c.expect("* 1 FETCH (UID 1)");
            c.expect("a4 OK");
            c.send("a5 STATUS Trash (MESSAGES)");
            c.expect("* STATUS Trash (MESSAGES 3)");
            c.expect("a5 OK");
            c.send("a6 MOVE 1 Nowhere");
            c.expect("a6 NO [TRYCREATE] ");
            c.send("a7 EXAMINE Trash");
            c.readUntil("a7 OK");
            c.send("a8 MOVE 1 INBOX");
            c.expect("a8 NO [READ-ONLY] Mailbox is read-only");
        }
    }

    @Test
    void uidExpungeRemovesOnlyTheGivenDeletedMessages() {
        String user = fixture.newUser();
        try (LineClient c = selectedInbox(user, 4)) {
            c.send("a1 STORE 1:3 +FLAGS.SILENT (\\Deleted)");
            c.expect("a1 OK");
            c.send("a2 UID EXPUNGE 2:4");
            c.expect("* 3 EXPUNGE");
            c.expect("* 2 EXPUNGE");
            c.expect("a2 OK UID EXPUNGE completed");
            c.send("a3 FETCH 1:* (UID FLAGS)");
            c.expect("* 1 FETCH (UID 1 FLAGS (\\Recent \\Deleted))");
            c.expect("* 2 FETCH (UID 4 FLAGS (\\Recent))");
            c.expect("a3 OK");
            c.send("a4 UID EXPUNGE 100:200");
            c.expect("a4 OK UID EXPUNGE completed");
            c.send("a5 UID EXPUNGE x");
            c.expect("a5 BAD Invalid sequence set");
        }
    }
}
