package io.mailserver.imap;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailserver.testkit.client.LineClient;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * APPEND (RFC 9051 §6.3.12) with synchronising and LITERAL+ literals, APPENDUID (RFC 4315) and
 * APPENDLIMIT (RFC 7889), over a real connection against real storage: exact lines, and the framing
 * of every refused APPEND staying intact (no octet of a refused message is ever run as a command).
 */
@QuarkusTest
class AppendTest extends ImapSessionTest {

    private static final String MESSAGE = MailFixture.textMessage("Appended", "Saved by a client");

    private LineClient loggedIn(String user) {
        return MailFixture.loggedIn(port, user);
    }

    private static void expectMessages(LineClient c, String mailbox, int count) {
        c.send("M1 STATUS " + mailbox + " (MESSAGES)");
        c.expect("* STATUS " + mailbox + " (MESSAGES " + count + ")");
        c.expect("M1 OK");
    }

    @Test
    void appendWithFlagsAndDateThenFetchItBack() {
        String user = fixture.newUser();
        int size = MESSAGE.getBytes(StandardCharsets.US_ASCII).length;
        try (LineClient c = loggedIn(user)) {
            String validity = MailFixture.uidValidity(c, "Drafts");
            c.send("a1 APPEND Drafts (\\Seen \\Draft $Work) \"14-Jul-2024 02:44:25 -0700\" {" + size + "}");
            c.expect("+ Ready for literal data");
            c.sendRaw(MESSAGE + "\r\n");
            c.expect("a1 OK [APPENDUID " + validity + " 1] APPEND completed");
            c.send("a2 APPEND Drafts {" + size + "+}");
            c.sendRaw(MESSAGE + "\r\n");
            c.expect("a2 OK [APPENDUID " + validity + " 2] APPEND completed");
            c.send("a3 EXAMINE Drafts");
            c.readUntil("a3 OK");
            c.send("a4 FETCH 1 (FLAGS INTERNALDATE RFC822.SIZE)");
            // EXAMINE shows the new messages as \\Recent without taking that from the next SELECT
            c.expect("* 1 FETCH (FLAGS (\\Recent \\Seen \\Draft $Work) INTERNALDATE \"14-Jul-2024 02:44:25 -0700\" RFC822.SIZE " + size + ")");
            c.expect("a4 OK");
            c.send("a5 FETCH 2 BODY.PEEK[]");
            assertThat(c.readLine()).isEqualTo("* 2 FETCH (BODY[] {" + size + "}");
            assertThat(new String(c.readBytes(size), StandardCharsets.US_ASCII)).isEqualTo(MESSAGE);
            assertThat(c.readLine()).isEqualTo(")");
            c.expect("a5 OK");
        }
    }

    @Test
    void appendToTheSelectedMailboxIsAnnounced() {
        String user = fixture.newUser();
        fixture.deliver(user, MailFixture.textMessage("first", "body"));
        int size = MESSAGE.getBytes(StandardCharsets.US_ASCII).length;
        try (LineClient c = loggedIn(user)) {
            c.send("a1 SELECT INBOX");
            c.readUntil("a1 OK");
            c.send("a2 APPEND inbox {" + size + "+}");
            c.sendRaw(MESSAGE + "\r\n");
            c.expect("* 2 EXISTS");
            c.expect("* 2 RECENT");
            c.expect("a2 OK [APPENDUID ");
        }
    }

    @Test
    void refusedAppendsKeepTheFraming() {
        String user = fixture.newUser();
        // a message whose lines would be commands if the server ever read them as such
        String trap = "x1 DELETE Sent\r\nx2 LOGOUT\r\n";
        int trapSize = trap.length();
        try (LineClient c = loggedIn(user)) {
            // no such mailbox: the literal is read and dropped
            c.send("a1 APPEND Nowhere {" + trapSize + "+}");
            c.sendRaw(trap + "\r\n");
            c.expect("a1 NO [TRYCREATE] No such mailbox; create it first");
            c.send("a2 APPEND Nowhere {" + trapSize + "}");
            c.expect("+ Ready for literal data");
            c.sendRaw(trap + "\r\n");
            c.expect("a2 NO [TRYCREATE] ");
            // bad arguments: nothing of the literal is run
            c.send("a3 APPEND INBOX (\\Bogus) {" + trapSize + "+}");
            c.sendRaw(trap + "\r\n");
            c.expect("a3 BAD Flag cannot be stored: \\Bogus");
            c.send("a4 APPEND INBOX \"31-Feb-2024 00:00:00 +0000\" {" + trapSize + "}");
            c.expect("a4 BAD Invalid date-time");
            // a literal announcement must end the line
            c.send("a5 APPEND INBOX {" + trapSize + "+} extra");
            c.expect("a5 BAD ");
            // a MULTIAPPEND whose second message is malformed: neither is stored
            c.send("a6 APPEND INBOX {" + trapSize + "+}");
            c.sendRaw(trap + " (\\Bogus) {" + trapSize + "+}\r\n" + trap + "\r\n");
            c.expect("a6 BAD Flag cannot be stored: \\Bogus");
            c.send("a7 NOOP");
            c.expect("a7 OK NOOP completed");
            expectMessages(c, "INBOX", 0);
            expectMessages(c, "Sent", 0);
            c.send("a8 APPEND INBOX");
            c.expect("a8 BAD Missing message literal");
        }
    }

    @Test
    void multiappendStoresEveryMessageOrNone() {
        String user = fixture.newUser();
        String second = MailFixture.textMessage("Second", "Saved with the first");
        int size = MESSAGE.getBytes(StandardCharsets.US_ASCII).length;
        int secondSize = second.getBytes(StandardCharsets.US_ASCII).length;
        try (LineClient c = loggedIn(user)) {
            String validity = MailFixture.uidValidity(c, "Drafts");
            c.send("a1 APPEND Drafts (\\Seen) {" + size + "}");
            c.expect("+ Ready for literal data");
            c.sendRaw(MESSAGE + " (\\Draft) \"14-Jul-2024 02:44:25 -0700\" {" + secondSize + "}\r\n");
            c.expect("+ Ready for literal data");
            c.sendRaw(second + "\r\n");
            c.expect("a1 OK [APPENDUID " + validity + " 1:2] APPEND completed");
            // the second message too big: refused before it is sent, and the first is not stored
            c.send("a2 APPEND Drafts {" + size + "}");
            c.expect("+ Ready for literal data");
            c.sendRaw(MESSAGE + " {52428801}\r\n");
            c.expect("a2 NO [TOOBIG] Message too big");
            // a missing mailbox, found out after the messages
            c.send("a3 APPEND Nowhere {" + size + "+}");
            c.sendRaw(MESSAGE + " {" + secondSize + "+}\r\n" + second + "\r\n");
            c.expect("a3 NO [TRYCREATE] ");
            expectMessages(c, "Drafts", 2);
            c.send("a4 EXAMINE Drafts");
            c.readUntil("a4 OK");
            c.send("a5 FETCH 1:2 (FLAGS INTERNALDATE BODY.PEEK[HEADER.FIELDS (SUBJECT)])");
            assertThat(c.readLine()).startsWith("* 1 FETCH (FLAGS (\\Recent \\Seen) INTERNALDATE ");
            assertThat(c.readLine()).isEqualTo("Subject: Appended");
            c.readLine();
            c.readLine();
            assertThat(c.readLine()).isEqualTo("* 2 FETCH (FLAGS (\\Recent \\Draft) INTERNALDATE \"14-Jul-2024 02:44:25 -0700\" "
                    + "BODY[HEADER.FIELDS (SUBJECT)] {19}");
            assertThat(c.readLine()).isEqualTo("Subject: Second");
            c.readLine();
            c.readLine();
            c.expect("a5 OK");
        }
    }

    @Test
    void limitsAreAdvertisedAndEnforcedBeforeTheMessageIsSent() {
        String user = fixture.newUser();
        try (LineClient c = loggedIn(user)) {
            c.send("a1 CAPABILITY");
            String capabilities = c.readLine();
            assertThat(capabilities).contains(" UIDPLUS").contains(" APPENDLIMIT=52428800");
            c.expect("a1 OK");
            c.send("a2 STATUS INBOX (APPENDLIMIT)");
            c.expect("* STATUS INBOX (APPENDLIMIT 52428800)");
            c.expect("a2 OK");
            c.send("a3 APPEND INBOX {52428801}");
            c.expect("a3 NO [TOOBIG] Literal too big");
            c.send("a4 NOOP");
            c.expect("a4 OK");
            c.send("a5 APPEND INBOX {52428801+}");
            c.expect("a5 BAD [TOOBIG] Literal too big");
            c.expect("* BYE ");
            assertThat(c.closedByServer()).isTrue();
        }
        // before authentication APPEND is refused, and its literal skipped, not run
        try (LineClient c = LineClient.connect("127.0.0.1", port)) {
            c.expect("* OK ");
            c.send("b1 APPEND INBOX {11+}");
            c.sendRaw("b2 LOGOUT\r\n\r\n");
            c.expect("b1 BAD Not authenticated");
            c.send("b3 NOOP");
            c.expect("b3 OK NOOP completed");
        }
    }

    @Test
    void aLargeMessageIsStreamedAndStoredExactly() {
        String user = fixture.newUser();
        byte[] body = new byte[20 * 1024 * 1024];
        byte[] line = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789\r\n"
                .getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < body.length; i++) {
            body[i] = line[i % line.length];
        }
        byte[] header = "Subject: big\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        byte[] message = Arrays.copyOf(header, header.length + body.length);
        System.arraycopy(body, 0, message, header.length, body.length);
        try (LineClient c = loggedIn(user)) {
            c.send("a1 APPEND INBOX {" + message.length + "}");
            c.expect("+ Ready for literal data");
            c.sendBytes(message);
            c.sendRaw("\r\n");
            c.expect("a1 OK [APPENDUID ");
            c.send("a2 EXAMINE INBOX");
            List<String> select = c.readUntil("a2 ");
            assertThat(select).contains("* 1 EXISTS");
            c.send("a3 FETCH 1 (RFC822.SIZE BODY.PEEK[]<20970000.1000>)");
            assertThat(c.readLine()).isEqualTo("* 1 FETCH (RFC822.SIZE " + message.length + " BODY[]<20970000> {1000}");
            assertThat(c.readBytes(1000)).isEqualTo(Arrays.copyOfRange(message, 20970000, 20971000));
            assertThat(c.readLine()).isEqualTo(")");
            c.expect("a3 OK");
        }
    }

    @Test
    void aClientLeavingMidMessageStoresNothing() {
        String user = fixture.newUser();
        try (LineClient c = loggedIn(user)) {
            c.send("a1 APPEND INBOX {100000+}");
            c.sendRaw("Subject: cut\r\n\r\n" + "x".repeat(5000));
        }
        try (LineClient c = loggedIn(user)) {
            expectMessages(c, "INBOX", 0);
        }
    }
}
