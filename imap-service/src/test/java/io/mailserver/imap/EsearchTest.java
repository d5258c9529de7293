package io.mailserver.imap;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailserver.testkit.client.LineClient;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RFC 4731 ESEARCH, with RFC 7162's MODSEQ, over a real connection: exact lines. */
@QuarkusTest
class EsearchTest extends ImapSessionTest {

    private LineClient selectedInbox(String user) {
        return MailFixture.selectedInbox(port, user);
    }

    @Test
    void returnOptionsAnswerOnlyWhatWasAsked() {
        String user = fixture.newUser();
        for (int i = 1; i <= 7; i++) {
            fixture.deliver(user, MailFixture.textMessage("message " + i, "body " + i));
        }
        try (LineClient c = selectedInbox(user)) {
            c.send("a1 STORE 4 +FLAGS.SILENT (\\Deleted)");
            c.expect("a1 OK");
            c.send("a2 EXPUNGE");
            c.readUntil("a2 ");
            c.send("a3 SEARCH RETURN (ALL) ALL");
            c.expect("* ESEARCH (TAG \"a3\") ALL 1:6");
            c.expect("a3 OK SEARCH completed");
            c.send("a4 SEARCH RETURN () ALL");
            c.expect("* ESEARCH (TAG \"a4\") ALL 1:6");
            c.expect("a4 OK");
            c.send("a5 SEARCH RETURN (MIN MAX COUNT) ALL");
            c.expect("* ESEARCH (TAG \"a5\") MIN 1 MAX 6 COUNT 6");
            c.expect("a5 OK");
            c.send("a6 UID SEARCH RETURN (ALL) ALL");
            c.expect("* ESEARCH (TAG \"a6\") UID ALL 1:3,5:7");
            c.expect("a6 OK");
            c.send("a7 UID SEARCH RETURN (COUNT MIN) 1000");
            c.expect("* ESEARCH (TAG \"a7\") UID COUNT 0");
            c.expect("a7 OK");
            c.send("a8 SEARCH RETURN (MAX) 1000");
            c.expect("* ESEARCH (TAG \"a8\")");
            c.expect("a8 OK");
            c.send("a9 SEARCH RETURN (FIRST) ALL");
            c.expect("a9 BAD ");
            c.send("b1 SEARCH RETURN (ALL) CHARSET UTF-8 SUBJECT \"message 3\"");
            c.expect("* ESEARCH (TAG \"b1\") ALL 3");
            c.expect("b1 OK");
        }
    }

    @Test
    void modseqGoesWithTheMessagesReturned() {
        String user = fixture.newUser();
        for (int i = 1; i <= 4; i++) {
            fixture.deliver(user, MailFixture.textMessage("message " + i, "body " + i));
        }
        try (LineClient c = selectedInbox(user)) {
            // a CONDSTORE enabling command with a mailbox selected also says HIGHESTMODSEQ
            c.send("a1 FETCH 1 MODSEQ");
            List<String> fetch = c.readUntil("a1 ");
            assertThat(fetch.get(0)).matches("\\* OK \\[HIGHESTMODSEQ \\d+] Highest");
            long[] modseq = new long[5];
            for (int i : new int[] {1, 3, 2, 4}) {
                c.send("s" + i + " STORE " + i + " +FLAGS (\\Seen)");
                String line = c.readLine();
                modseq[i] = Long.parseLong(line.replaceAll(".*MODSEQ \\((\\d+)\\).*", "$1"));
                c.expect("s" + i + " OK");
            }
            c.send("a2 SEARCH RETURN (MIN) 1:3 MODSEQ \"/flags/\\\\seen\" all 1");
            c.expect("* ESEARCH (TAG \"a2\") MIN 1 MODSEQ " + modseq[1]);
            c.expect("a2 OK");
            c.send("a3 SEARCH RETURN (MAX) 1:3 MODSEQ 1");
            c.expect("* ESEARCH (TAG \"a3\") MAX 3 MODSEQ " + modseq[3]);
            c.expect("a3 OK");
            c.send("a4 SEARCH RETURN (MIN MAX) 1:3 MODSEQ 1");
            c.expect("* ESEARCH (TAG \"a4\") MIN 1 MAX 3 MODSEQ " + modseq[3]);
            c.expect("a4 OK");
            c.send("a5 SEARCH RETURN (COUNT) 1:3 MODSEQ 1");
            c.expect("* ESEARCH (TAG \"a5\") COUNT 3 MODSEQ " + modseq[2]);
            c.expect("a5 OK");
        }
    }

    @Test
    void theSavedResultStandsForDollar() {
        String user = fixture.newUser();
        for (int i = 1; i <= 6; i++) {
            fixture.deliver(user, MailFixture.textMessage(i % 2 == 0 ? "even " + i : "odd " + i, "body " + i));
        }
        try (LineClient c = selectedInbox(user)) {
            // before any SAVE, $ is empty: nothing to do, not an error
            c.send("a1 FETCH $ UID");
            c.expect("a1 OK");
            // SAVE alone answers nothing untagged
            c.send("a2 SEARCH RETURN (SAVE) SUBJECT even");
            c.expect("a2 OK SEARCH completed");
            c.send("a3 FETCH $ (UID)");
            c.expect("* 2 FETCH (UID 2)");
            c.expect("* 4 FETCH (UID 4)");
            c.expect("* 6 FETCH (UID 6)");
            c.expect("a3 OK");
            c.send("a4 UID SEARCH $ NOT 4");
            c.expect("* SEARCH 2 6");
            c.expect("a4 OK");
            c.send("a5 STORE $ +FLAGS.SILENT (\\Flagged)");
            c.expect("a5 OK");
            c.send("a6 SEARCH FLAGGED");
            c.expect("* SEARCH 2 4 6");
            c.expect("a6 OK");
            // an expunged message leaves $; the others keep their place
            c.send("a7 STORE 2 +FLAGS.SILENT (\\Deleted)");
            c.expect("a7 OK");
            c.send("a8 EXPUNGE");
            c.expect("* 2 EXPUNGE");
            c.expect("a8 OK");
            c.send("a9 UID FETCH $ (UID)");
            c.expect("* 3 FETCH (UID 4)");
            c.expect("* 5 FETCH (UID 6)");
            c.expect("a9 OK");
            // MIN and MAX alone save just those; with ALL the whole result
            c.send("b1 SEARCH RETURN (SAVE MIN MAX) ALL");
            c.expect("* ESEARCH (TAG \"b1\") MIN 1 MAX 5");
            c.expect("b1 OK");
            c.send("b2 UID SEARCH RETURN (ALL) $");
            c.expect("* ESEARCH (TAG \"b2\") UID ALL 1,6");
            c.expect("b2 OK");
            c.send("b3 UID COPY $ Archive");
            c.expect("b3 OK [COPYUID ");
            c.send("b4 STATUS Archive (MESSAGES)");
            c.expect("* STATUS Archive (MESSAGES 2)");
            c.expect("b4 OK");
            // a failed SEARCH empties it
            c.send("b5 SEARCH RETURN (SAVE) CHARSET KOI8-R ALL");
            c.expect("b5 NO [BADCHARSET ");
            c.send("b6 SEARCH $");
            c.expect("* SEARCH");
            c.expect("b6 OK");
            // $ is not a number: not part of a list, and not outside the selected state
            c.send("b7 FETCH 1,$ UID");
            c.expect("b7 BAD ");
            c.send("b8 UID EXPUNGE $");
            c.expect("b8 OK");
        }
    }
}
