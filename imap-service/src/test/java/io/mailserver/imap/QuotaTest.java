package io.mailserver.imap;

import io.mailserver.testkit.client.LineClient;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** RFC 9208 QUOTA over a real connection against real storage: exact lines, writes past a limit refused. */
@QuarkusTest
class QuotaTest extends ImapSessionTest {

    @Test
    void quotaIsReportedAndEnforced() {
        String user = fixture.newUser();
        String message = MailFixture.textMessage("one", "body");
        int size = message.getBytes(StandardCharsets.UTF_8).length;
        fixture.deliver(user, message);
        try (LineClient c = MailFixture.loggedIn(port, user)) {
            // no limit by default: the root is there, with no resource limited
            c.send("a1 GETQUOTAROOT inbox");
            c.expect("* QUOTAROOT INBOX \"\"");
            c.expect("* QUOTA \"\" ()");
            c.expect("a1 OK GETQUOTAROOT completed");
            fixture.limit(user, 10 * 1024, 2);
            c.send("a2 GETQUOTA \"\"");
            c.expect("* QUOTA \"\" (STORAGE " + ((size + 1023) / 1024) + " 10 MESSAGE 1 2)");
            c.expect("a2 OK GETQUOTA completed");
            c.send("a3 APPEND Drafts {" + size + "+}");
            c.sendRaw(message + "\r\n");
            c.expect("a3 OK [APPENDUID ");
            c.send("a4 APPEND Drafts {" + size + "+}");
            c.sendRaw(message + "\r\n");
            c.expect("a4 NO [OVERQUOTA] Quota exceeded");
            c.send("a5 SELECT INBOX");
            c.readUntil("a5 OK");
            c.send("a6 COPY 1 Archive");
            c.expect("a6 NO [OVERQUOTA] Quota exceeded");
            // a move takes no more room
            c.send("a7 MOVE 1 Archive");
            c.readUntil("a7 OK");
            c.send("a8 SETQUOTA \"\" (STORAGE 512)");
            c.expect("a8 NO [NOPERM] Quotas are set by the operator");
            c.send("a9 GETQUOTA \"other\"");
            c.expect("a9 NO [NONEXISTENT] No such quota root");
            c.send("b1 GETQUOTAROOT Missing");
            c.expect("b1 NO [NONEXISTENT] ");
            c.send("b2 SETQUOTA \"\" (STORAGE)");
            c.expect("b2 BAD ");
        }
    }
}
