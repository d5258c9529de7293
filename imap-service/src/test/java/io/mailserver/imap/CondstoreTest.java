package io.mailserver.imap;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailserver.testkit.client.LineClient;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** RFC 7162 CONDSTORE over a real connection against real storage: exact lines, mod-sequences read back. */
@QuarkusTest
class CondstoreTest extends ImapSessionTest {

    private static final Pattern MODSEQ = Pattern.compile("MODSEQ \\((\\d+)\\)");

    private LineClient loggedIn(String user) {
        return MailFixture.loggedIn(port, user);
    }

    private static long modseq(String line) {
        Matcher m = MODSEQ.matcher(line);
        assertThat(m.find()).as(line).isTrue();
        return Long.parseLong(m.group(1));
    }

    @Test
    void fetchStoreAndSearchByModseq() {
        String user = fixture.newUser();
        for (int i = 1; i <= 3; i++) {
            fixture.deliver(user, MailFixture.textMessage("message " + i, "body " + i));
        }
        try (LineClient c = loggedIn(user)) {
            c.send("a1 SELECT INBOX (CONDSTORE)");
            List<String> select = c.readUntil("a1 ");
            String highest = select.stream().filter(l -> l.startsWith("* OK [HIGHESTMODSEQ ")).findFirst().orElseThrow();
            long start = Long.parseLong(highest.replaceAll("\\D", ""));

            c.send("a2 FETCH 1:* (MODSEQ)");
            List<String> fetch = c.readUntil("a2 ");
            assertThat(fetch).hasSize(4);
            assertThat(fetch.get(0)).matches("\\* 1 FETCH \\(MODSEQ \\(\\d+\\)\\)");
            assertThat(fetch.stream().limit(3).mapToLong(CondstoreTest::modseq).max().getAsLong()).isEqualTo(start);

            c.send("a3 STORE 2 +FLAGS (\\Flagged)");
            String stored = c.readLine();
            long second = modseq(stored);
            assertThat(second).isGreaterThan(start);
            assertThat(stored).isEqualTo("* 2 FETCH (FLAGS (\\Recent \\Flagged) MODSEQ (" + second + "))");
            c.expect("a3 OK STORE completed");

            c.send("a4 FETCH 1:* (FLAGS) (CHANGEDSINCE " + start + ")");
            assertThat(c.readUntil("a4 ")).containsExactly(
                    "* 2 FETCH (FLAGS (\\Recent \\Flagged) MODSEQ (" + second + "))", "a4 OK FETCH completed");
            c.send("a5 UID FETCH 1:* (FLAGS) (CHANGEDSINCE " + start + ")");
            assertThat(c.readUntil("a5 ")).containsExactly(
                    "* 2 FETCH (UID 2 FLAGS (\\Recent \\Flagged) MODSEQ (" + second + "))", "a5 OK UID FETCH completed");

            // message 2 changed since `start`: left alone and named; .SILENT still tells the new MODSEQ
            c.send("a6 STORE 1:3 (UNCHANGEDSINCE " + start + ") +FLAGS.SILENT (\\Seen)");
            List<String> conditional = c.readUntil("a6 ");
            assertThat(conditional).hasSize(3);
            assertThat(conditional.get(0)).matches("\\* 1 FETCH \\(MODSEQ \\(\\d+\\)\\)");
            assertThat(conditional.get(1)).matches("\\* 3 FETCH \\(MODSEQ \\(\\d+\\)\\)");
            assertThat(conditional.get(2)).isEqualTo("a6 OK [MODIFIED 2] Conditional STORE failed");
            long third = modseq(conditional.get(1));
            c.send("a7 UID STORE 2 (UNCHANGEDSINCE 0) +FLAGS (\\Seen)");
            c.expect("a7 OK [MODIFIED 2] Conditional STORE failed");

            c.send("a8 SEARCH MODSEQ " + second);
            c.expect("* SEARCH 1 2 3 (MODSEQ " + third + ")");
            c.expect("a8 OK");
            c.send("a9 UID SEARCH MODSEQ \"/flags/\\\\seen\" all " + (third + 1));
            c.expect("* SEARCH");
            c.expect("a9 OK");
            c.send("b1 SEARCH UNSEEN");
            c.expect("* SEARCH 2");
            c.expect("b1 OK");

            c.send("b2 FETCH 1 FLAGS (CHANGEDSINCE)");
            c.expect("b2 BAD ");
            c.send("b3 STORE 1 (NOSUCH 1) +FLAGS (\\Seen)");
            c.expect("b3 BAD ");
            c.send("b4 SELECT INBOX (NOSUCH)");
            c.expect("b4 BAD ");
        }
    }

    @Test
    void enabledSessionsSeeModseqInEveryFlagChange() {
        String user = fixture.newUser();
        fixture.deliver(user, MailFixture.textMessage("one", "1"));
        try (LineClient a = loggedIn(user); LineClient b = loggedIn(user)) {
            a.send("a1 ENABLE CONDSTORE");
            a.expect("* ENABLED CONDSTORE");
            a.expect("a1 OK");
            a.send("a2 EXAMINE INBOX");
            assertThat(a.readUntil("a2 ")).anyMatch(l -> l.matches("\\* OK \\[HIGHESTMODSEQ \\d+] Highest"));
            b.send("b1 SELECT INBOX");
            b.readUntil("b1 ");
            b.send("b2 STORE 1 +FLAGS (\\Answered)");
            // b never turned CONDSTORE on: no MODSEQ for it
            assertThat(b.readUntil("b2 ")).containsExactly("* 1 FETCH (FLAGS (\\Recent \\Answered))",
                    "b2 OK STORE completed");
            a.send("a3 NOOP");
            List<String> noop = a.readUntil("a3 ");
            assertThat(noop).anyMatch(l -> l.matches("\\* 1 FETCH \\(UID 1 FLAGS \\(\\\\Recent \\\\Answered\\) MODSEQ \\(\\d+\\)\\)"));
            // a body fetch that sets \Seen reports it like any flag change: UID and MODSEQ too
            b.send("b3 ENABLE CONDSTORE");
            b.expect("b3 BAD ");
            b.send("b4 FETCH 1 (MODSEQ)");
            // the first enabling command with a mailbox selected says what SELECT would have
            b.expect("* OK [HIGHESTMODSEQ ");
            b.expect("* 1 FETCH (MODSEQ (");
            b.expect("b4 OK");
            b.send("b5 FETCH 1 BODY[TEXT]");
            assertThat(b.readLine()).matches("\\* 1 FETCH \\(UID 1 FLAGS \\(\\\\Recent \\\\Answered \\\\Seen\\) MODSEQ \\(\\d+\\) BODY\\[TEXT] \\{\\d+}");
        }
    }

    @Test
    void qresyncReportsVanishedAndChangesSinceTheClientLastLooked() {
        String user = fixture.newUser();
        for (int i = 1; i <= 4; i++) {
            fixture.deliver(user, MailFixture.textMessage("message " + i, "body " + i));
        }
        try (LineClient c = loggedIn(user); LineClient b = loggedIn(user)) {
            c.send("q1 ENABLE QRESYNC");
            c.expect("* ENABLED QRESYNC");
            c.expect("q1 OK");
            c.send("q2 SELECT INBOX");
            List<String> select = c.readUntil("q2 ");
            long validity = Long.parseLong(select.stream().filter(l -> l.startsWith("* OK [UIDVALIDITY "))
                    .findFirst().orElseThrow().replaceAll("\\D", ""));
            long start = Long.parseLong(select.stream().filter(l -> l.startsWith("* OK [HIGHESTMODSEQ "))
                    .findFirst().orElseThrow().replaceAll("\\D", ""));

            // elsewhere: message 3 is expunged and message 1 flagged
            b.send("b1 SELECT INBOX");
            b.readUntil("b1 ");
            b.send("b2 STORE 3 +FLAGS.SILENT (\\Deleted)");
            b.readUntil("b2 ");
            b.send("b3 EXPUNGE");
            b.readUntil("b3 ");
            b.send("b4 STORE 1 +FLAGS.SILENT (\\Flagged)");
            b.readUntil("b4 ");

            c.send("q3 SELECT INBOX (QRESYNC (" + validity + " " + start + " 1:4))");
            List<String> resync = c.readUntil("q3 ");
            assertThat(resync.get(0)).isEqualTo("* OK [CLOSED] Previous mailbox closed");
            assertThat(resync).contains("* 3 EXISTS", "* VANISHED (EARLIER) 3");
            assertThat(resync).anyMatch(l -> l.matches("\\* 1 FETCH \\(UID 1 FLAGS \\(\\\\Flagged\\) MODSEQ \\(\\d+\\)\\)"));
            assertThat(resync.get(resync.size() - 1)).isEqualTo("q3 OK [READ-WRITE] SELECT completed");

            // a live expunge elsewhere is VANISHED, not EXPUNGE
            b.send("b5 STORE 3 +FLAGS.SILENT (\\Deleted)");
            b.readUntil("b5 ");
            b.send("b6 EXPUNGE");
            b.readUntil("b6 ");
            c.send("q4 NOOP");
            assertThat(c.readUntil("q4 ")).containsExactly("* VANISHED 4", "q4 OK NOOP completed");

            c.send("q5 UID FETCH 1:* (FLAGS) (CHANGEDSINCE " + start + " VANISHED)");
            List<String> fetch = c.readUntil("q5 ");
            assertThat(fetch).hasSize(3);
            assertThat(fetch.get(0)).isEqualTo("* VANISHED (EARLIER) 3:4");
            assertThat(fetch.get(1)).matches("\\* 1 FETCH \\(UID 1 FLAGS \\(\\\\Flagged\\) MODSEQ \\(\\d+\\)\\)");

            c.send("q6 STORE 2 +FLAGS.SILENT (\\Deleted)");
            c.readUntil("q6 ");
            c.send("q7 EXPUNGE");
            assertThat(c.readUntil("q7 ")).containsExactly("* VANISHED 2", "q7 OK EXPUNGE completed");
            // an unknown UIDVALIDITY is an ordinary SELECT
            c.send("q8 EXAMINE INBOX (QRESYNC (" + (validity + 1) + " " + start + "))");
            List<String> plain = c.readUntil("q8 ");
            assertThat(plain).noneMatch(l -> l.startsWith("* VANISHED") || l.contains("FETCH"));
        }
        try (LineClient d = loggedIn(user)) {
            d.send("d1 SELECT INBOX (QRESYNC (1 1))");
            d.expect("d1 BAD QRESYNC is not enabled");
            d.send("d2 SELECT INBOX");
            d.readUntil("d2 ");
            d.send("d3 UID FETCH 1 FLAGS (CHANGEDSINCE 1 VANISHED)");
            d.expect("d3 BAD QRESYNC is not enabled");
            d.send("d4 FETCH 1 FLAGS (CHANGEDSINCE 1 VANISHED)");
            d.expect("d4 BAD ");
        }
    }
}
