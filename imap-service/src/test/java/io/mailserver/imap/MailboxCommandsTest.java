package io.mailserver.imap;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailserver.testkit.client.LineClient;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The mailbox commands of RFC 9051 §6.3 (CREATE, DELETE, RENAME, SUBSCRIBE, UNSUBSCRIBE, LSUB,
 * STATUS, NAMESPACE, ENABLE) and RFC 2971 ID over a real connection, against real storage: the
 * exact lines a client sees.
 */
@QuarkusTest
class MailboxCommandsTest extends ImapSessionTest {

    private LineClient loggedIn(String user) {
        return MailFixture.loggedIn(port, user);
    }

    private static List<String> list(LineClient c, String tag, String arguments) {
        c.send(tag + " LIST " + arguments);
        List<String> lines = c.readUntil(tag + " ");
        assertThat(lines.get(lines.size() - 1)).isEqualTo(tag + " OK LIST completed");
        return lines.subList(0, lines.size() - 1);
    }

    @Test
    void createListsParentsAndRefusesWhatExists() {
        String user = fixture.newUser();
        try (LineClient c = loggedIn(user)) {
            c.send("a1 CREATE Projects/2026");
            c.expect("a1 OK [MAILBOXID (F");
            assertThat(list(c, "a2", "\"\" Projects*")).containsExactly(
                    "* LIST (\\HasChildren) \"/\" Projects",
                    "* LIST (\\HasNoChildren) \"/\" Projects/2026");
            c.send("a3 CREATE Projects/2026");
            c.expect("a3 NO [ALREADYEXISTS] Mailbox already exists");
            c.send("a4 CREATE inbox");
            c.expect("a4 NO [ALREADYEXISTS] INBOX always exists");
            c.send("a5 CREATE Notes/");
            c.expect("a5 OK [MAILBOXID (F");
            assertThat(list(c, "a6", "\"\" Notes")).containsExactly("* LIST (\\HasNoChildren) \"/\" Notes");
            // a name below INBOX in any case lands below INBOX
            c.send("a7 CREATE inbox/Receipts");
            c.expect("a7 OK");
            assertThat(list(c, "a8", "\"\" INBOX/%")).containsExactly("* LIST (\\HasNoChildren) \"/\" INBOX/Receipts");
            c.send("a9 CREATE \"bad*name\"");
            c.expect("a9 BAD Mailbox name may not contain * or %");
            c.send("b1 CREATE \"a//b\"");
            c.expect("b1 NO [CANNOT] Request refused");
            c.send("b2 CREATE " + "deep/".repeat(32) + "end");
            c.expect("b2 NO [CANNOT] Request refused");
            c.send("b3 CREATE " + "x".repeat(1001));
            c.expect("b3 NO [CANNOT] Request refused");
        }
    }

    @Test
    void createWithSpecialUseAndModifiedUtf7Names() {
        String user = fixture.newUser();
        try (LineClient c = loggedIn(user)) {
            c.send("a1 CREATE Sent-Mail (USE (\\Sent))");
            c.expect("a1 OK [MAILBOXID (F");
            c.send("a2 CREATE Odd (USE (\\Important))");
            c.expect("a2 NO [USEATTR] ");
            c.send("a3 CREATE Two (USE (\\Sent \\Trash))");
            c.expect("a3 NO [USEATTR] ");
            assertThat(list(c, "a4", "\"\" Sent-Mail")).containsExactly("* LIST (\\HasNoChildren \\Sent) \"/\" Sent-Mail");
            // "Entwürfe" in modified UTF-7; listed back exactly as created
            c.send("a5 CREATE Entw&APw-rfe");
            c.expect("a5 OK");
            assertThat(list(c, "a6", "\"\" Entw*")).containsExactly("* LIST (\\HasNoChildren) \"/\" Entw&APw-rfe");
            c.send("a7 CREATE Entw&AGE-rfe");
            c.expect("a7 BAD Mailbox name is not valid modified UTF-7");
            c.send("a8 CREATE &Jjo");
            c.expect("a8 BAD Mailbox name is not valid modified UTF-7");
        }
    }

    @Test
    void deleteKeepsChildrenAndNeverInbox() {
        String user = fixture.newUser();
        try (LineClient c = loggedIn(user)) {
            c.send("a1 CREATE Old/2025");
            c.expect("a1 OK");
            c.send("a2 DELETE Old");
            c.expect("a2 OK DELETE completed");
            assertThat(list(c, "a3", "\"\" Old*")).containsExactly(
                    "* LIST (\\Noselect \\HasChildren) \"/\" Old",
                    "* LIST (\\HasNoChildren) \"/\" Old/2025");
            c.send("a4 DELETE Old");
            c.expect("a4 NO [NONEXISTENT] No such mailbox");
            c.send("a5 DELETE INBOX");
            c.expect("a5 NO [CANNOT] INBOX cannot be deleted");
            c.send("a6 DELETE Nowhere");
            c.expect("a6 NO [NONEXISTENT] No such mailbox");
            // deleting the selected mailbox leaves the session with nothing selected
            c.send("a7 SELECT Old/2025");
            c.expect("* FLAGS");
            c.readUntil("a7 OK");
            c.send("a8 DELETE Old/2025");
            c.expect("a8 OK DELETE completed");
            c.send("a9 FETCH 1 FLAGS");
            c.expect("a9 BAD No mailbox selected");
        }
    }

    @Test
    void renameMovesChildrenAndInboxMovesItsMessages() {
        String user = fixture.newUser();
        fixture.deliver(user, MailFixture.textMessage("one", "body"));
        fixture.deliver(user, MailFixture.textMessage("two", "body"));
        try (LineClient c = loggedIn(user)) {
            c.send("a1 CREATE Work/Clients/Acme");
            c.expect("a1 OK");
            c.send("a2 RENAME Work Jobs/Old");
            c.expect("a2 OK RENAME completed");
            assertThat(list(c, "a3", "\"\" *")).contains("* LIST (\\HasNoChildren) \"/\" INBOX")
                    .doesNotContain("* LIST (\\HasChildren) \"/\" Work");
            assertThat(list(c, "a3b", "\"\" Jobs*")).containsExactly(
                    "* LIST (\\HasChildren) \"/\" Jobs",
                    "* LIST (\\HasChildren) \"/\" Jobs/Old",
                    "* LIST (\\HasChildren) \"/\" Jobs/Old/Clients",
                    "* LIST (\\HasNoChildren) \"/\" Jobs/Old/Clients/Acme");
            c.send("a4 RENAME Jobs Jobs/Old/Clients/Acme/Loop");
            c.expect("a4 NO [CANNOT] Request refused");
            c.send("a5 RENAME Jobs/Old Jobs");
            c.expect("a5 NO [ALREADYEXISTS] Mailbox already exists");
            c.send("a6 RENAME Missing Other");
            c.expect("a6 NO [NONEXISTENT] No such mailbox");
            c.send("a7 RENAME INBOX Old-Inbox");
            c.expect("a7 OK RENAME completed");
            c.send("a8 STATUS INBOX (MESSAGES)");
            c.expect("* STATUS INBOX (MESSAGES 0)");
            c.expect("a8 OK STATUS completed");
            c.send("a9 STATUS Old-Inbox (MESSAGES UIDNEXT)");
            c.expect("* STATUS Old-Inbox (MESSAGES 2 UIDNEXT 3)");
            c.expect("a9 OK");
            c.send("b1 RENAME Old-Inbox INBOX");
            c.expect("b1 NO [ALREADYEXISTS] INBOX always exists");
        }
    }

    @Test
    void subscribeUnsubscribeAndLsub() {
        String user = fixture.newUser();
        try (LineClient c = loggedIn(user)) {
            c.send("a1 CREATE Lists/Java");
            c.expect("a1 OK");
            c.send("a2 SUBSCRIBE Lists/Java");
            c.expect("a2 OK SUBSCRIBE completed");
            c.send("a3 LSUB \"\" \"Lists/*\"");
            c.expect("* LSUB () \"/\" Lists/Java");
            c.expect("a3 OK LSUB completed");
            c.send("a4 UNSUBSCRIBE Lists/Java");
            c.expect("a4 OK UNSUBSCRIBE completed");
            c.send("a5 LSUB \"\" \"Lists/*\"");
            c.expect("a5 OK LSUB completed");
            c.send("a6 SUBSCRIBE Nope");
            c.expect("a6 NO [NONEXISTENT] No such mailbox");
        }
    }

    @Test
    void aSubscriptionOutlivesItsMailboxAndListExtendedSelectsBySubscription() {
        String user = fixture.newUser();
        try (LineClient c = loggedIn(user)) {
            c.send("a1 CREATE Lists/Java");
            c.expect("a1 OK");
            c.send("a2 SUBSCRIBE Lists/Java");
            c.expect("a2 OK");
            c.send("a3 CREATE Lists/Old");
            c.expect("a3 OK");
            c.send("a4 SUBSCRIBE Lists/Old");
            c.expect("a4 OK");
            c.send("a5 DELETE Lists/Old");
            c.expect("a5 OK");
            assertThat(list(c, "a6", "(SUBSCRIBED) \"\" \"Lists/*\"")).containsExactly(
                    "* LIST (\\HasNoChildren \\Subscribed) \"/\" Lists/Java",
                    "* LIST (\\NonExistent \\Subscribed) \"/\" Lists/Old");
            c.send("a7 LSUB \"\" \"Lists/*\"");
            c.expect("* LSUB () \"/\" Lists/Java");
            c.expect("* LSUB (\\Noselect) \"/\" Lists/Old");
            c.expect("a7 OK");
            assertThat(list(c, "a8", "(SUBSCRIBED RECURSIVEMATCH) \"\" % RETURN (CHILDREN)")).containsExactly(
                    "* LIST (\\HasNoChildren \\Subscribed) \"/\" INBOX",
                    "* LIST (\\HasNoChildren \\Archive \\Subscribed) \"/\" Archive",
                    "* LIST (\\HasNoChildren \\Drafts \\Subscribed) \"/\" Drafts",
                    "* LIST (\\HasNoChildren \\Junk \\Subscribed) \"/\" Junk",
                    "* LIST (\\HasChildren) \"/\" Lists (CHILDINFO (\"SUBSCRIBED\"))",
                    "* LIST (\\HasNoChildren \\Sent \\Subscribed) \"/\" Sent",
                    "* LIST (\\HasNoChildren \\Trash \\Subscribed) \"/\" Trash");
            c.send("a9 UNSUBSCRIBE Lists/Old");
            c.expect("a9 OK UNSUBSCRIBE completed");
            assertThat(list(c, "b1", "(SUBSCRIBED) \"\" \"Lists/*\"")).containsExactly(
                    "* LIST (\\HasNoChildren \\Subscribed) \"/\" Lists/Java");
            c.send("b2 LIST (BOGUS) \"\" %");
            c.expect("b2 BAD Unknown LIST selection option");
        }
    }

    @Test
    void listStatusAnswersEachSelectableMailbox() {
        String user = fixture.newUser();
        fixture.deliver(user, MailFixture.textMessage("one", "body"));
        try (LineClient c = loggedIn(user)) {
            c.send("a1 CREATE Lists/Java");
            c.expect("a1 OK");
            c.send("a2 LIST \"\" (INBOX Lists Lists/%) RETURN (STATUS (MESSAGES UNSEEN RECENT))");
            c.expect("* LIST (\\HasNoChildren) \"/\" INBOX");
            c.expect("* STATUS INBOX (MESSAGES 1 UNSEEN 1 RECENT 1)");
            c.expect("* LIST (\\HasChildren) \"/\" Lists");
            c.expect("* STATUS Lists (MESSAGES 0 UNSEEN 0 RECENT 0)");
            c.expect("* LIST (\\HasNoChildren) \"/\" Lists/Java");
            c.expect("* STATUS Lists/Java (MESSAGES 0 UNSEEN 0 RECENT 0)");
            c.expect("a2 OK LIST completed");
            List<String> special = list(c, "a3", "(SPECIAL-USE) \"\" * RETURN (STATUS (MESSAGES))");
            assertThat(special).hasSize(10).containsSubsequence(
                    "* LIST (\\HasNoChildren \\Sent) \"/\" Sent", "* STATUS Sent (MESSAGES 0)");
        }
    }

    @Test
    void objectIdsNameMailboxesAndMessages() {
        String user = fixture.newUser();
        fixture.deliver(user, MailFixture.textMessage("one", "body"));
        fixture.deliver(user, MailFixture.textMessage("two", "body"));
        try (LineClient c = loggedIn(user)) {
            c.send("a1 CREATE Projects");
            String created = c.readLine();
            assertThat(created).matches("a1 OK \\[MAILBOXID \\(F\\d+\\)] CREATE completed");
            String id = created.replaceAll(".*MAILBOXID \\((F\\d+)\\).*", "$1");
            c.send("a2 RENAME Projects Work");
            c.expect("a2 OK");
            // RENAME keeps the id
            c.send("a3 STATUS Work (MAILBOXID MESSAGES)");
            c.expect("* STATUS Work (MAILBOXID (" + id + ") MESSAGES 0)");
            c.expect("a3 OK");
            c.send("a4 SELECT INBOX");
            List<String> select = c.readUntil("a4 OK");
            assertThat(select).anyMatch(l -> l.matches("\\* OK \\[MAILBOXID \\(F\\d+\\)] Ok"));
            c.send("a5 FETCH 1:2 (EMAILID THREADID)");
            String first = c.readLine();
            String second = c.readLine();
            assertThat(first).matches("\\* 1 FETCH \\(EMAILID \\(M[0-9a-f]{24}\\) THREADID NIL\\)");
            assertThat(second).matches("\\* 2 FETCH \\(EMAILID \\(M[0-9a-f]{24}\\) THREADID NIL\\)");
            assertThat(first.substring(18)).isNotEqualTo(second.substring(18));
            c.expect("a5 OK");
            String emailId = first.replaceAll(".*EMAILID \\((M[0-9a-f]+)\\).*", "$1");
            // a copy keeps its EMAILID, and SEARCH finds it by that id
            c.send("a6 COPY 1 Work");
            c.expect("a6 OK");
            c.send("a7 SELECT Work");
            c.readUntil("a7 OK");
            c.send("a8 FETCH 1 EMAILID");
            c.expect("* 1 FETCH (EMAILID (" + emailId + "))");
            c.expect("a8 OK");
            c.send("a9 SEARCH EMAILID " + emailId);
            c.expect("* SEARCH 1");
            c.expect("a9 OK");
            c.send("b1 SEARCH THREADID T1");
            c.expect("* SEARCH");
            c.expect("b1 OK");
            c.send("b2 SEARCH EMAILID bad.id");
            c.expect("b2 BAD Invalid object id");
        }
    }

    @Test
    void previewShowsTheStartOfTheText() {
        String user = fixture.newUser();
        fixture.deliver(user, "Subject: lunch\r\nContent-Type: text/plain; charset=utf-8\r\n"
                + "Content-Transfer-Encoding: quoted-printable\r\n\r\n"
                + "Hi Bob,\r\n\r\n> what about lunch?\r\nYes, at noon in the caf=C3=A9.\r\n-- \r\nAlice\r\n");
        try (LineClient c = loggedIn(user)) {
            c.send("a1 EXAMINE INBOX");
            c.readUntil("a1 OK");
            c.send("a2 FETCH 1 (PREVIEW)");
            c.expect("* 1 FETCH (PREVIEW {34}");
            c.expect("Hi Bob, Yes, at noon in the caf");
            c.expect("a2 OK");
            c.send("a3 FETCH 1 (UID PREVIEW (LAZY))");
            c.expect("* 1 FETCH (UID 1 PREVIEW {34}");
            c.readLine();
            c.expect("a3 OK");
            c.send("a4 FETCH 1 (PREVIEW (EAGER))");
            c.expect("a4 BAD Unknown PREVIEW modifier");
        }
    }

    @Test
    void statusReportsStorageCounters() {
        String user = fixture.newUser();
        fixture.deliver(user, MailFixture.textMessage("one", "body"));
        fixture.deliver(user, MailFixture.textMessage("two", "body"));
        try (LineClient c = loggedIn(user)) {
            c.send("a1 SELECT INBOX");
            c.readUntil("a1 OK");
            c.send("a2 STORE 1 +FLAGS (\\Seen \\Deleted)");
            c.readUntil("a2 OK");
            // STATUS of the selected mailbox is allowed and exact
            c.send("a3 STATUS inbox (MESSAGES RECENT UNSEEN DELETED UIDNEXT)");
            c.expect("* STATUS INBOX (MESSAGES 2 RECENT 0 UNSEEN 1 DELETED 1 UIDNEXT 3)");
            c.expect("a3 OK STATUS completed");
            c.send("a4 STATUS INBOX (SIZE UIDVALIDITY)");
            String line = c.readLine();
            assertThat(line).matches("\\* STATUS INBOX \\(SIZE \\d+ UIDVALIDITY \\d+\\)");
            c.expect("a4 OK");
            c.send("a5 STATUS INBOX (BOGUS)");
            c.expect("a5 BAD Unknown status item");
            c.send("a6 STATUS INBOX ()");
            c.expect("a6 BAD ");
            c.send("a7 STATUS Missing (MESSAGES)");
            c.expect("a7 NO [NONEXISTENT] No such mailbox");
        }
    }

    @Test
    void namespaceEnableAndId() {
        String user = fixture.newUser();
        try (LineClient c = LineClient.connect("127.0.0.1", port)) {
            c.expect("* OK ");
            c.send("i1 ID (\"name\" \"imaptest\" \"version\" NIL)");
            c.expect("* ID (\"name\" \"mailserver\")");
            c.expect("i1 OK ID completed");
            c.send("i2 ID NIL");
            c.expect("* ID (\"name\" \"mailserver\")");
            c.expect("i2 OK");
            c.send("i3 ID (\"name\")");
            c.expect("i3 BAD ");
            c.send("i4 NAMESPACE");
            c.expect("i4 BAD Not authenticated");
            c.send("L1 LOGIN " + user + " " + MailFixture.PASSWORD);
            c.expect("L1 OK ");
            c.send("n1 NAMESPACE");
            c.expect("* NAMESPACE ((\"\" \"/\")) NIL NIL");
            c.expect("n1 OK NAMESPACE completed");
            c.send("e1 ENABLE X-UNKNOWN");
            c.expect("* ENABLED");
            c.expect("e1 OK ENABLE completed");
            c.send("e2 ENABLE");
            c.expect("e2 BAD ");
            c.send("s1 SELECT INBOX");
            c.readUntil("s1 OK");
            c.send("e3 ENABLE CONDSTORE");
            c.expect("e3 BAD Not allowed while a mailbox is selected");
        }
    }
}
