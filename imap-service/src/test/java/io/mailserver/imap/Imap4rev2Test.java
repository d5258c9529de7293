package io.mailserver.imap;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailserver.testkit.client.LineClient;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code ENABLE IMAP4rev2} (RFC 9051 Appendix E) switches a session to rev2's answers, exact lines
 * against real storage: no \Recent anywhere (and nothing claimed, so rev1 sessions still get the
 * messages as recent), no [UNSEEN], a LIST response in SELECT's answer, ESEARCH for SEARCH, UTF-8
 * mailbox names. A session that does not enable it keeps IMAP4rev1's forms.
 */
@QuarkusTest
class Imap4rev2Test extends ImapSessionTest {

    @Test
    void enabledSessionsAnswerInRev2FormsAndLeaveRecentToRev1Sessions() {
        String user = fixture.newUser();
        fixture.deliver(user, MailFixture.textMessage("first", "one"));
        fixture.deliver(user, MailFixture.textMessage("second", "two"));
        try (LineClient rev2 = MailFixture.loggedIn(port, user)) {
            rev2.send("r1 ENABLE IMAP4rev2");
            rev2.expect("* ENABLED IMAP4rev2");
            rev2.expect("r1 OK");
            rev2.send("r2 SELECT INBOX");
            List<String> select = rev2.readUntil("r2 OK [READ-WRITE]");
            assertThat(select).contains("* 2 EXISTS", "* LIST () \"/\" INBOX");
            assertThat(select).noneMatch(line -> line.contains("RECENT") || line.contains("[UNSEEN"));
            rev2.send("r3 SEARCH ALL");
            rev2.expect("* ESEARCH (TAG \"r3\") ALL 1:2");
            rev2.expect("r3 OK");
            rev2.send("r4 UID SEARCH SUBJECT nothing-like-this");
            rev2.expect("* ESEARCH (TAG \"r4\") UID");
            rev2.expect("r4 OK");
            rev2.send("r5 FETCH 1:2 (FLAGS)");
            rev2.expect("* 1 FETCH (FLAGS ())");
            rev2.expect("* 2 FETCH (FLAGS ())");
            rev2.expect("r5 OK");

            fixture.deliver(user, MailFixture.textMessage("third", "three"));
            rev2.send("r6 NOOP");
            assertThat(rev2.readUntil("r6 OK")).containsExactly("* 3 EXISTS", "r6 OK NOOP completed");

            // the rev2 session claimed nothing: the first rev1 session to select gets all three as recent
            try (LineClient rev1 = MailFixture.loggedIn(port, user)) {
                rev1.send("v1 SELECT INBOX");
                List<String> old = rev1.readUntil("v1 OK");
                assertThat(old).contains("* 3 EXISTS", "* 3 RECENT");
                assertThat(old).noneMatch(line -> line.startsWith("* LIST"));
                rev1.send("v2 SEARCH ALL");
                rev1.expect("* SEARCH 1 2 3");
                rev1.expect("v2 OK");
            }
        }
    }

    @Test
    void namesAreUtf8AndSelectNamesTheMailboxWithItsSpecialUse() {
        String user = fixture.newUser();
        try (LineClient c = MailFixture.loggedIn(port, user)) {
            c.send("n1 ENABLE IMAP4rev2");
            c.readUntil("n1 OK");
            c.sendBytes("n2 CREATE \"Bücher\"\r\n".getBytes(StandardCharsets.UTF_8));
            c.expect("n2 OK");
            c.send("n3 LIST \"\" B*");
            c.expect(new String("* LIST (\\HasNoChildren) \"/\" \"Bücher\"".getBytes(StandardCharsets.UTF_8),
                    StandardCharsets.ISO_8859_1));
            c.expect("n3 OK");
            c.send("n4 EXAMINE Sent");
            assertThat(c.readUntil("n4 OK [READ-ONLY]")).contains("* LIST (\\Sent) \"/\" Sent");
            // selecting another mailbox closes this one, and rev2 says where (RFC 9051 §7.1)
            c.send("n5 SELECT INBOX");
            List<String> lines = c.readUntil("n5 OK");
            assertThat(lines.get(0)).startsWith("* OK [CLOSED]");
            assertThat(lines).contains("* LIST () \"/\" INBOX");
        }
    }
}
