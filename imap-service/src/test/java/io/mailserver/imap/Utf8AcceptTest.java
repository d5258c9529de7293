package io.mailserver.imap;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailserver.testkit.client.LineClient;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * UTF8=ACCEPT (RFC 9755, formerly RFC 6855) over real connections against real storage: names in
 * UTF-8 once enabled and modified UTF-7 otherwise, for the same mailboxes; no SEARCH CHARSET;
 * APPEND's {@code UTF8 (literal8)}; names that are not UTF-8 or hold control characters refused.
 * Python's imaplib (its UTF-8 mode) as a client we did not write.
 */
@QuarkusTest
class Utf8AcceptTest extends ImapSessionTest {

    /** Sends a command line as UTF-8 octets. */
    private static void send(LineClient c, String line) {
        c.sendBytes((line + "\r\n").getBytes(StandardCharsets.UTF_8));
    }

    /** {@code APPEND INBOX {n+}} with {@code message} as the LITERAL+ data, then the command's end. */
    private static void appendPlain(LineClient c, String tag, byte[] message) {
        c.send(tag + " APPEND INBOX {" + message.length + "+}");
        c.sendBytes(message);
        c.sendRaw("\r\n");
    }

    /** A line as LineClient reads it (one char per octet) from its UTF-8 text. */
    private static String wire(String text) {
        return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }

    @Test
    void namesAreUtf8OnceEnabledAndModifiedUtf7Otherwise() {
        String user = fixture.newUser();
        try (LineClient legacy = MailFixture.loggedIn(port, user); LineClient utf8 = MailFixture.loggedIn(port, user)) {
            legacy.send("a1 CREATE &AOk-t&AOk-");
            legacy.expect("a1 OK");

            send(utf8, "b1 ENABLE UTF8=ACCEPT");
            utf8.expect("* ENABLED UTF8=ACCEPT");
            utf8.expect("b1 OK");
            send(utf8, "b2 LIST \"\" \"été\"");
            utf8.expect(wire("* LIST (\\HasNoChildren) \"/\" \"été\""));
            utf8.expect("b2 OK");
            // "&" is a character now: this is the mailbox "R&D", which a legacy client sees as R&-D
            send(utf8, "b3 CREATE \"R&D/Über\"");
            utf8.expect("b3 OK");
            legacy.send("a2 LIST \"\" R*");
            assertThat(legacy.readUntil("a2 OK")).contains("* LIST (\\HasChildren) \"/\" R&-D",
                    "* LIST (\\HasNoChildren) \"/\" R&-D/&ANw-ber");
            send(utf8, "b4 STATUS \"R&D/Über\" (MESSAGES)");
            utf8.expect(wire("* STATUS \"R&D/Über\" (MESSAGES 0)"));
            utf8.expect("b4 OK");
            // the same name in modified UTF-7 is just a name with "&" in it here, and does not exist
            send(utf8, "b5 SELECT &AOk-t&AOk-");
            utf8.expect("b5 NO");
            send(utf8, "b6 SELECT \"été\"");
            utf8.readUntil("b6 OK");
        }
    }

    @Test
    void badNamesAndSearchCharsetAreRefused() {
        String user = fixture.newUser();
        fixture.deliver(user, "From: a@example.com\r\nSubject: =?utf-8?q?caf=C3=A9?= plans\r\n\r\nhello\r\n");
        try (LineClient c = MailFixture.loggedIn(port, user)) {
            send(c, "c1 ENABLE UTF8=ACCEPT");
            c.readUntil("c1 OK");
            c.sendBytes(new byte[] {'c', '2', ' ', 'C', 'R', 'E', 'A', 'T', 'E', ' ', '"', 'c', 'a', 'f', (byte) 0xe9, '"', '\r', '\n'});
            c.expect("c2 BAD");
            send(c, "c3 CREATE \"a\u0085b\"");
            c.expect("c3 BAD");
            send(c, "c4 CREATE \"line\u2028break\"");
            c.expect("c4 BAD");
            send(c, "c5 SELECT INBOX");
            c.readUntil("c5 OK");
            send(c, "c6 SEARCH CHARSET UTF-8 ALL");
            c.expect("c6 BAD");
            send(c, "c7 SEARCH SUBJECT \"café\"");
            c.expect("* SEARCH 1");
            c.expect("c7 OK");
        }
        try (LineClient legacy = MailFixture.loggedIn(port, user)) {
            // a control character hidden in modified UTF-7 is refused as well
            legacy.send("d1 CREATE a&AAc-b");
            legacy.expect("d1 BAD");
        }
    }

    @Test
    void utf8HeadersAreAppendedOnlyByASessionThatEnabledUtf8() {
        String user = fixture.newUser();
        byte[] utf8Header = "From: a@example.org\r\nSubject: Grüße\r\n\r\nHallo\r\n".getBytes(StandardCharsets.UTF_8);
        byte[] utf8Body = "From: a@example.org\r\nSubject: Hi\r\n\r\nGrüße\r\n".getBytes(StandardCharsets.UTF_8);
        try (LineClient c = MailFixture.loggedIn(port, user)) {
            // RFC 9755 §4: refused before the ENABLE; the rest of the literal is skipped, the session goes on
            appendPlain(c, "u1", utf8Header);
            c.expect("u1 NO 8-bit characters in the message header need ENABLE UTF8=ACCEPT first");
            // 8-bit in the body is no header matter
            appendPlain(c, "u2", utf8Body);
            c.expect("u2 OK [APPENDUID ");
            send(c, "u3 ENABLE UTF8=ACCEPT");
            c.readUntil("u3 OK");
            // and after it a plain literal carries UTF-8 headers (RFC 9755 dropped the need for UTF8 ( ))
            appendPlain(c, "u4", utf8Header);
            c.expect("u4 OK [APPENDUID ");
            send(c, "u5 STATUS INBOX (MESSAGES)");
            c.expect("* STATUS INBOX (MESSAGES 2)");
            c.readUntil("u5 OK");
        }
    }

    @Test
    void appendTakesUtf8DataOnlyOnceEnabled() {
        String user = fixture.newUser();
        byte[] message = "From: Jörg <jörg@exämple.de>\r\nSubject: Grüße\r\n\r\nHallo\r\n".getBytes(StandardCharsets.UTF_8);
        try (LineClient c = MailFixture.loggedIn(port, user)) {
            // a refused command's LITERAL+ data still comes and is skipped
            c.send("e1 APPEND INBOX UTF8 (~{" + message.length + "+}");
            c.sendBytes(message);
            c.sendRaw(")\r\n");
            c.expect("e1 BAD");
            send(c, "e2 ENABLE UTF8=ACCEPT");
            c.readUntil("e2 OK");
            // a plain literal is not what RFC 9755 §4 allows inside UTF8 ( )
            c.send("e3 APPEND INBOX UTF8 ({" + message.length + "+}");
            c.sendBytes(message);
            c.sendRaw(")\r\n");
            c.expect("e3 BAD");
            // MULTIAPPEND of two, both in UTF8 ( )
            c.sendRaw("e4 APPEND INBOX UTF8 (~{" + message.length + "+}\r\n");
            c.sendBytes(message);
            c.sendRaw(") (\\Seen) UTF8 (~{" + message.length + "+}\r\n");
            c.sendBytes(message);
            c.sendRaw(")\r\n");
            c.expect("e4 OK [APPENDUID ");
            // a missing ")" after the message is BAD, and nothing is stored
            c.sendRaw("e5 APPEND INBOX UTF8 (~{" + message.length + "+}\r\n");
            c.sendBytes(message);
            c.sendRaw("\r\n");
            c.expect("e5 BAD");
            send(c, "e6 SELECT INBOX");
            assertThat(c.readUntil("e6 OK")).contains("* 2 EXISTS");
            send(c, "e7 FETCH 2 (FLAGS BODY.PEEK[HEADER.FIELDS (SUBJECT)])");
            c.expect("* 2 FETCH (FLAGS (\\Recent \\Seen) BODY[HEADER.FIELDS (SUBJECT)] {");
            assertThat(new String(c.readBytes(wire("Subject: Grüße\r\n\r\n").length()), StandardCharsets.UTF_8))
                    .isEqualTo("Subject: Grüße\r\n\r\n");
            c.readUntil("e7 OK");
        }
    }

    @Test
    void imaplibInUtf8Mode() throws Exception {
        String user = fixture.newUser();
        fixture.deliver(user, "From: a@example.com\r\nSubject: =?utf-8?q?Gr=C3=BC=C3=9Fe?=\r\n\r\nhello\r\n");
        MailFixture.runPythonClient("/utf8_session.py", port, user);
    }
}
