package io.mailserver.imap;

import io.mailserver.testkit.client.LineClient;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * RFC 5256 SORT and THREAD (and RFC 5957 DISPLAYFROM) over a real connection against real
 * storage: exact lines. The algorithms' corner cases are in storage's {@code ArrangeTest}.
 */
@QuarkusTest
class SortThreadTest extends ImapSessionTest {

    private static String message(String from, String subject, String date, String id, String references) {
        return "From: " + from + "\r\n"
                + "To: list@example.org\r\n"
                + "Subject: " + subject + "\r\n"
                + "Date: " + date + "\r\n"
                + "Message-ID: <" + id + ">\r\n"
                + (references == null ? "" : "References: " + references + "\r\n")
                + "\r\n"
                + "body of " + id + "\r\n";
    }

    private LineClient selectedInbox(String user) {
        return MailFixture.selectedInbox(port, user);
    }

    @Test
    void sortAndThreadAConversation() {
        String user = fixture.newUser();
        fixture.deliver(user, message("Zed <zed@example.org>", "Plans", "Mon, 4 Mar 2024 10:00:00 +0000", "1@x", null));
        fixture.deliver(user, message("amy@example.org", "Lunch?", "Mon, 4 Mar 2024 09:00:00 +0000", "2@x", null));
        fixture.deliver(user, message("Bob <bob@example.org>", "Re: Plans", "Mon, 4 Mar 2024 11:00:00 +0000", "3@x",
                "<1@x>"));
        fixture.deliver(user, message("=?utf-8?q?Ann?= <ann@example.org>", "[team] RE: Fwd: plans (fwd)",
                "Mon, 4 Mar 2024 12:00:00 +0200", "4@x", "<1@x> <3@x>"));
        try (LineClient c = selectedInbox(user)) {
            c.send("a1 SORT (SUBJECT) UTF-8 ALL");
            c.expect("* SORT 2 1 3 4");
            c.expect("a1 OK SORT completed");
            c.send("a2 SORT (DATE) US-ASCII ALL");
            c.expect("* SORT 2 1 4 3");
            c.expect("a2 OK");
            c.send("a3 SORT (REVERSE SUBJECT DATE) UTF-8 ALL");
            c.expect("* SORT 1 4 3 2");
            c.expect("a3 OK");
            c.send("a4 SORT (FROM) UTF-8 ALL");
            c.expect("* SORT 2 4 3 1");
            c.expect("a4 OK");
            c.send("a5 SORT (DISPLAYFROM) UTF-8 ALL");
            c.expect("* SORT 2 4 3 1");
            c.expect("a5 OK");
            // ties keep mailbox order, also when reversed (RFC 5256 §3)
            c.send("a6 UID SORT (REVERSE DATE) UTF-8 NOT SUBJECT lunch");
            c.expect("* SORT 3 1 4");
            c.expect("a6 OK UID SORT completed");
            c.send("a7 SORT (SIZE) UTF-8 SUBJECT nothing-like-this");
            c.expect("* SORT");
            c.expect("a7 OK");
            c.send("b1 THREAD REFERENCES UTF-8 ALL");
            c.expect("* THREAD (2)(1 3 4)");
            c.expect("b1 OK THREAD completed");
            c.send("b2 THREAD ORDEREDSUBJECT UTF-8 ALL");
            c.expect("* THREAD (2)(1 (4)(3))");
            c.expect("b2 OK");
            c.send("b3 UID THREAD REFERENCES UTF-8 2:4");
            c.expect("* THREAD (2)(3 4)");
            c.expect("b3 OK UID THREAD completed");
            // bad input
            c.send("c1 SORT (SUBJECT) KOI8-R ALL");
            c.expect("c1 NO [BADCHARSET (UTF-8 US-ASCII)] Unsupported charset");
            c.send("c2 SORT (COLOUR) UTF-8 ALL");
            c.expect("c2 BAD Unknown sort criterion");
            c.send("c3 SORT () UTF-8 ALL");
            c.expect("c3 BAD Missing sort criteria");
            c.send("c4 SORT (SUBJECT) UTF-8");
            c.expect("c4 BAD Missing search key");
            c.send("c5 THREAD SPAGHETTI UTF-8 ALL");
            c.expect("c5 BAD Unknown threading algorithm");
            c.send("c6 SORT (REVERSE) UTF-8 ALL");
            c.expect("c6 BAD ");
        }
    }

    @Test
    void sortAndThreadNeedASelectedMailbox() {
        String user = fixture.newUser();
        try (LineClient c = MailFixture.loggedIn(port, user)) {
            c.send("a1 SORT (SUBJECT) UTF-8 ALL");
            c.expect("a1 BAD ");
            c.send("a2 THREAD REFERENCES UTF-8 ALL");
            c.expect("a2 BAD ");
        }
    }
}
