package io.mailserver.imap;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailserver.testkit.client.LineClient;
import io.mailserver.testkit.client.TlsTrust;
import io.mailserver.testkit.quarkus.PeerServicesResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Exact protocol lines, written as C: (sent) / S: (expected) steps with {@link LineClient}. */
@QuarkusTest
@QuarkusTestResource(PeerServicesResource.class)
@QuarkusTestResource(ImapPortsResource.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ImapProtocolTest {

    private static final String CAPABILITIES_BEFORE_AUTH =
            "IMAP4rev1 IMAP4rev2 LITERAL+ SASL-IR UNSELECT CHILDREN ENABLE ID NAMESPACE SPECIAL-USE CREATE-SPECIAL-USE MOVE UIDPLUS IDLE CONDSTORE QRESYNC ESEARCH SEARCHRES MULTIAPPEND LIST-EXTENDED LIST-STATUS OBJECTID QUOTA QUOTA=RES-STORAGE QUOTA=RES-MESSAGE SORT SORT=DISPLAY THREAD=ORDEREDSUBJECT THREAD=REFERENCES COMPRESS=DEFLATE PREVIEW BINARY UTF8=ACCEPT APPENDLIMIT=52428800 STARTTLS AUTH=PLAIN";

    @ConfigProperty(name = "mail.imap.port")
    int port;

    @ConfigProperty(name = "mail.imap.tls-port")
    int tlsPort;

    private MailFixture fixture;
    private String user;

    @BeforeAll
    void createAccount() {
        fixture = new MailFixture();
        user = fixture.newUser();
    }

    @AfterAll
    void closeFixture() {
        fixture.close();
    }

    private LineClient connect() {
        LineClient client = LineClient.connect("127.0.0.1", port);
        client.expect("* OK [CAPABILITY " + CAPABILITIES_BEFORE_AUTH + "] " + MailFixture.hostname() + " IMAP ready");
        return client;
    }

    private LineClient loggedIn() {
        LineClient client = connect();
        client.send("L1 LOGIN " + user + " " + MailFixture.PASSWORD);
        client.expect("L1 OK [CAPABILITY IMAP4rev1 IMAP4rev2 LITERAL+ SASL-IR UNSELECT CHILDREN ENABLE ID NAMESPACE SPECIAL-USE CREATE-SPECIAL-USE MOVE UIDPLUS IDLE CONDSTORE QRESYNC ESEARCH SEARCHRES MULTIAPPEND LIST-EXTENDED LIST-STATUS OBJECTID QUOTA QUOTA=RES-STORAGE QUOTA=RES-MESSAGE SORT SORT=DISPLAY THREAD=ORDEREDSUBJECT THREAD=REFERENCES COMPRESS=DEFLATE PREVIEW BINARY UTF8=ACCEPT APPENDLIMIT=52428800] Logged in");
        return client;
    }

    @Test
    void greetingCapabilityNoopLogout() {
        try (LineClient c = connect()) {
            c.send("a1 CAPABILITY");
            c.expect("* CAPABILITY " + CAPABILITIES_BEFORE_AUTH);
            c.expect("a1 OK CAPABILITY completed");
            c.send("a2 noop");
            c.expect("a2 OK NOOP completed");
            c.send("a3 FETCH 1 FLAGS");
            c.expect("a3 BAD Not authenticated");
            c.send("a4 LOGOUT");
            c.expect("* BYE IMAP server logging out");
            c.expect("a4 OK LOGOUT completed");
            assertThat(c.closedByServer()).isTrue();
        }
    }

    @Test
    void readinessChecksThePeersAndMetricsCountCommands() {
        io.restassured.RestAssured.get("/q/health/ready").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("peer-services"));
        try (LineClient c = connect()) {
            c.send("m1 NOOP");
            c.expect("m1 OK");
        }
        io.restassured.RestAssured.get("/q/metrics").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("imap_commands_total{command=\"NOOP\",result=\"ok\"}"))
                .body(org.hamcrest.Matchers.containsString("imap_connections_open"))
                .body(org.hamcrest.Matchers.containsString("imap_connections_total{listener=\"imap\"}"));
    }

    @Test
    void implicitTlsGreets() {
        try (LineClient c = LineClient.connectTls("127.0.0.1", tlsPort, TlsTrust.trusting(MailFixture.certificate()))) {
            c.expect("* OK [CAPABILITY IMAP4rev1 IMAP4rev2 LITERAL+ SASL-IR UNSELECT CHILDREN ENABLE ID NAMESPACE SPECIAL-USE CREATE-SPECIAL-USE MOVE UIDPLUS IDLE CONDSTORE QRESYNC ESEARCH SEARCHRES MULTIAPPEND LIST-EXTENDED LIST-STATUS OBJECTID QUOTA QUOTA=RES-STORAGE QUOTA=RES-MESSAGE SORT SORT=DISPLAY THREAD=ORDEREDSUBJECT THREAD=REFERENCES COMPRESS=DEFLATE PREVIEW BINARY UTF8=ACCEPT APPENDLIMIT=52428800 AUTH=PLAIN] " + MailFixture.hostname());
            c.send("a1 STARTTLS");
            c.expect("a1 BAD TLS is already active");
            c.send("a2 LOGIN " + user + " " + MailFixture.PASSWORD);
            c.expect("a2 OK [CAPABILITY");
        }
    }

    @Test
    void startTlsDiscardsPlaintextPipelinedAfterIt() {
        try (LineClient c = connect()) {
            // C: STARTTLS and a LOGIN in the same packet; the LOGIN must never run
            c.sendRaw("a1 STARTTLS\r\na2 LOGIN " + user + " " + MailFixture.PASSWORD + "\r\n");
            c.expect("a1 OK Begin TLS negotiation now");
            c.startTls(TlsTrust.trusting(MailFixture.certificate()));
            c.send("a3 CAPABILITY");
            c.expect("* CAPABILITY IMAP4rev1 IMAP4rev2 LITERAL+ SASL-IR UNSELECT CHILDREN ENABLE ID NAMESPACE SPECIAL-USE CREATE-SPECIAL-USE MOVE UIDPLUS IDLE CONDSTORE QRESYNC ESEARCH SEARCHRES MULTIAPPEND LIST-EXTENDED LIST-STATUS OBJECTID QUOTA QUOTA=RES-STORAGE QUOTA=RES-MESSAGE SORT SORT=DISPLAY THREAD=ORDEREDSUBJECT THREAD=REFERENCES COMPRESS=DEFLATE PREVIEW BINARY UTF8=ACCEPT APPENDLIMIT=52428800 AUTH=PLAIN");
            c.expect("a3 OK CAPABILITY completed");
            c.send("a4 STARTTLS");
            c.expect("a4 BAD TLS is already active");
            c.send("a5 SELECT INBOX");
            c.expect("a5 BAD Not authenticated");
        }
    }

    @Test
    void literalsWithContinuationAndLiteralPlus() {
        try (LineClient c = connect()) {
            byte[] name = user.getBytes(StandardCharsets.UTF_8);
            c.send("a1 LOGIN {" + name.length + "}");
            c.expect("+ Ready for literal data");
            c.send(user + " {" + MailFixture.PASSWORD.length() + "}");
            c.expect("+ Ready for literal data");
            c.send(MailFixture.PASSWORD);
            c.expect("a1 OK [CAPABILITY");
            c.sendRaw("a2 EXAMINE {5+}\r\nINBOX\r\n");
            List<String> lines = c.readUntil("a2 ");
            assertThat(lines).contains("* 0 RECENT");
            assertThat(lines.get(lines.size() - 1)).isEqualTo("a2 OK [READ-ONLY] EXAMINE completed");
        }
    }

    @Test
    void badSyntaxAndUnknownCommands() {
        try (LineClient c = connect()) {
            c.send("a1 FROBNICATE");
            c.expect("a1 BAD Unknown command");
            c.send("a2 LOGIN \"unterminated");
            c.expect("a2 BAD Unterminated quoted string");
            c.send("a3 NOOP");
            c.expect("a3 OK");
            c.send("(((");
            c.expect("* BAD Invalid tag");
            c.send("a4 LOGIN");
            c.expect("a4 BAD Missing argument");
            c.send("a5");
            c.expect("a5 BAD Missing command");
            c.expect("* BYE Too many invalid commands");
            assertThat(c.closedByServer()).isTrue();
        }
    }

    @Test
    void oversizeLiteralsAreRefused() {
        try (LineClient c = connect()) {
            c.send("a1 LOGIN {100000}");
            c.expect("a1 NO [TOOBIG] Literal too big");
            c.send("a2 NOOP");
            c.expect("a2 OK NOOP completed");
            c.send("a3 LOGIN {100000+}");
            c.expect("a3 BAD [TOOBIG] Literal too big");
            c.expect("* BYE");
            assertThat(c.closedByServer()).isTrue();
        }
        try (LineClient c = connect()) {
            // a client that sends the refused literal anyway is disconnected
            c.send("a1 LOGIN {100000}");
            c.expect("a1 NO [TOOBIG]");
            c.send("x".repeat(100) + " yyy");
            c.expect("* BYE [TOOBIG]");
            assertThat(c.closedByServer()).isTrue();
        }
        try (LineClient c = connect()) {
            c.send("a1 NOOP " + "x".repeat(33000));
            c.expect("* BYE [TOOBIG] Command line too long");
            assertThat(c.closedByServer()).isTrue();
        }
    }

    @Test
    void authenticatePlain() {
        String plain = Base64.getEncoder().encodeToString(("\0" + user + "\0" + MailFixture.PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
        try (LineClient c = connect()) {
            c.send("a1 AUTHENTICATE PLAIN " + plain);
            c.expect("a1 OK [CAPABILITY IMAP4rev1 IMAP4rev2 LITERAL+ SASL-IR UNSELECT CHILDREN ENABLE ID NAMESPACE SPECIAL-USE CREATE-SPECIAL-USE MOVE UIDPLUS IDLE CONDSTORE QRESYNC ESEARCH SEARCHRES MULTIAPPEND LIST-EXTENDED LIST-STATUS OBJECTID QUOTA QUOTA=RES-STORAGE QUOTA=RES-MESSAGE SORT SORT=DISPLAY THREAD=ORDEREDSUBJECT THREAD=REFERENCES COMPRESS=DEFLATE PREVIEW BINARY UTF8=ACCEPT APPENDLIMIT=52428800] Logged in");
            c.send("a2 AUTHENTICATE PLAIN " + plain);
            c.expect("a2 BAD Already authenticated");
        }
        try (LineClient c = connect()) {
            c.send("b1 AUTHENTICATE PLAIN");
            c.expect("+ ");
            c.send(plain);
            c.expect("b1 OK [CAPABILITY");
        }
        try (LineClient c = connect()) {
            c.send("c1 AUTHENTICATE PLAIN");
            c.expect("+ ");
            c.send("*");
            c.expect("c1 BAD Authentication cancelled");
            String wrong = Base64.getEncoder().encodeToString(("\0" + user + "\0wrong-password")
                    .getBytes(StandardCharsets.UTF_8));
            c.send("c2 AUTHENTICATE PLAIN " + wrong);
            c.expect("c2 NO [AUTHENTICATIONFAILED] Authentication failed");
            c.send("c3 LOGIN " + user + " wrong-password");
            c.expect("c3 NO [AUTHENTICATIONFAILED] Authentication failed");
            c.send("c4 AUTHENTICATE CRAM-MD5");
            c.expect("c4 NO Unsupported authentication mechanism");
        }
    }

    @Test
    void listSelectFetchSearchStore() {
        String mailbox = fixture.newUser();
        fixture.deliver(mailbox, MailFixture.textMessage("Hello \"IMAP\"", "First body line"));
        fixture.deliver(mailbox, MailFixture.multipartMessage("Second"));
        try (LineClient c = connect()) {
            c.send("a1 LOGIN " + mailbox + " " + MailFixture.PASSWORD);
            c.expect("a1 OK");
            c.send("a2 LIST \"\" \"\"");
            c.expect("* LIST (\\Noselect) \"/\" \"\"");
            c.expect("a2 OK LIST completed");
            c.send("a3 LIST \"\" *");
            List<String> list = c.readUntil("a3 ");
            assertThat(list).anyMatch(l -> l.matches("\\* LIST \\(\\\\Has(No)?Children\\) \"/\" INBOX"));
            assertThat(list.get(list.size() - 1)).isEqualTo("a3 OK LIST completed");

            c.send("a4 SELECT INBOX");
            List<String> select = c.readUntil("a4 ");
            assertThat(select).contains("* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft)", "* 2 EXISTS",
                    "* 2 RECENT", "* OK [UNSEEN 1] First unseen message");
            assertThat(select).anyMatch(l -> l.matches("\\* OK \\[UIDVALIDITY \\d+] UIDs valid"));
            assertThat(select).anyMatch(l -> l.matches("\\* OK \\[UIDNEXT \\d+] Predicted next UID"));
            assertThat(select).contains("* OK [PERMANENTFLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft \\*)] Flags permitted");
            assertThat(select.get(select.size() - 1)).isEqualTo("a4 OK [READ-WRITE] SELECT completed");

            c.send("a5 FETCH 1 (FLAGS ENVELOPE)");
            String envelope = c.readLine();
            assertThat(envelope).startsWith("* 1 FETCH (FLAGS (\\Recent) ENVELOPE (\"Tue, 12 Mar 2024 10:15:00 +0100\" \"Hello \\\"IMAP\\\"\" ((\"Alice Example\" NIL \"alice\" \"example.org\"))");
            c.expect("a5 OK FETCH completed");

            c.send("a6 FETCH 2 BODYSTRUCTURE");
            String structure = c.readLine();
            assertThat(structure).startsWith("* 2 FETCH (BODYSTRUCTURE (((\"");
            assertThat(structure.toLowerCase()).contains("\"alternative\"").contains("\"mixed\"")
                    .contains("(\"attachment\" (\"filename\" \"data.bin\"))");
            c.expect("a6 OK");

            c.send("a7 UID FETCH 1:* (BODY.PEEK[HEADER.FIELDS (Subject)] BODY.PEEK[]<0.6>)");
            String first = c.readLine();
            assertThat(first).matches("\\* 1 FETCH \\(UID \\d+ BODY\\[HEADER.FIELDS \\(Subject\\)] \\{\\d+}");
            int size = Integer.parseInt(first.substring(first.lastIndexOf('{') + 1, first.length() - 1));
            assertThat(new String(c.readBytes(size), StandardCharsets.US_ASCII)).isEqualTo("Subject: Hello \"IMAP\"\r\n\r\n");
            assertThat(c.readLine()).isEqualTo(" BODY[]<0> {6}");
            assertThat(new String(c.readBytes(6), StandardCharsets.US_ASCII)).isEqualTo("From: ");
            assertThat(c.readLine()).isEqualTo(")");
            List<String> rest = c.readUntil("a7 ");
            assertThat(rest.get(0)).startsWith("* 2 FETCH (UID ");
            assertThat(rest.get(rest.size() - 1)).isEqualTo("a7 OK UID FETCH completed");

            c.send("a8 FETCH 1 BODY[TEXT]");
            assertThat(c.readLine()).isEqualTo("* 1 FETCH (FLAGS (\\Recent \\Seen) BODY[TEXT] {17}");
            assertThat(new String(c.readBytes(17), StandardCharsets.US_ASCII)).isEqualTo("First body line\r\n");
            assertThat(c.readLine()).isEqualTo(")");
            c.expect("a8 OK FETCH completed");

            c.send("a9 SEARCH UNSEEN");
            c.expect("* SEARCH 2");
            c.expect("a9 OK SEARCH completed");
            c.send("b1 SEARCH CHARSET UTF-8 OR SUBJECT imap FROM carol");
            c.expect("* SEARCH 1 2");
            c.expect("b1 OK");
            c.send("b2 SEARCH CHARSET KOI8-R ALL");
            c.expect("b2 NO [BADCHARSET (UTF-8 US-ASCII)] Unsupported charset");
            c.send("b3 SEARCH 2:* NOT SEEN");
            c.expect("* SEARCH 2");
            c.expect("b3 OK");

            c.send("b4 STORE 1:2 +FLAGS (\\Flagged)");
            c.expect("* 1 FETCH (FLAGS (");
            c.expect("* 2 FETCH (FLAGS (");
            c.expect("b4 OK STORE completed");
            c.send("b5 UID STORE 1:* -FLAGS.SILENT (\\Flagged)");
            c.expect("b5 OK UID STORE completed");
            c.send("b6 FETCH 3 FLAGS");
            c.expect("b6 BAD Invalid message sequence number");
            c.send("b7 STORE 2 +FLAGS (\\Deleted)");
            c.expect("* 2 FETCH (FLAGS (\\Recent \\Deleted))");
            c.expect("b7 OK");
            c.send("b8 EXPUNGE");
            c.expect("* 2 EXPUNGE");
            c.expect("b8 OK EXPUNGE completed");
            c.send("b9 UNSELECT");
            c.expect("b9 OK UNSELECT completed");
            c.send("c1 FETCH 1 FLAGS");
            c.expect("c1 BAD No mailbox selected");
            c.send("c2 SELECT NoSuchFolder");
            c.expect("c2 NO [NONEXISTENT]");
        }
    }

    @Test
    void pipelinedCommandsRunOneAtATimeInOrder() {
        String mailbox = fixture.newUser();
        fixture.deliver(mailbox, MailFixture.textMessage("Pipelined", "body"));
        try (LineClient c = connect()) {
            // C: five commands in one packet; each must see the state the previous one left
            c.sendRaw("p1 LOGIN " + mailbox + " " + MailFixture.PASSWORD + "\r\n"
                    + "p2 SELECT INBOX\r\n"
                    + "p3 FETCH 1 (FLAGS BODY[TEXT])\r\n"
                    + "p4 SEARCH SEEN\r\n"
                    + "p5 LOGOUT\r\n");
            c.expect("p1 OK");
            assertThat(c.readUntil("p2 ")).last().isEqualTo("p2 OK [READ-WRITE] SELECT completed");
            c.expect("* 1 FETCH (FLAGS (\\Recent \\Seen) BODY[TEXT] {6}");
            assertThat(new String(c.readBytes(6), StandardCharsets.US_ASCII)).isEqualTo("body\r\n");
            c.expect(")");
            c.expect("p3 OK FETCH completed");
            c.expect("* SEARCH 1");
            c.expect("p4 OK SEARCH completed");
            c.expect("* BYE");
            c.expect("p5 OK LOGOUT completed");
            assertThat(c.closedByServer()).isTrue();
        }
    }

    @Test
    void changesOfAnotherSessionAreReported() {
        String mailbox = fixture.newUser();
        fixture.deliver(mailbox, MailFixture.textMessage("One", "1"));
        fixture.deliver(mailbox, MailFixture.textMessage("Two", "2"));
        try (LineClient a = connect(); LineClient b = connect()) {
            a.send("a1 LOGIN " + mailbox + " " + MailFixture.PASSWORD);
            a.expect("a1 OK");
            a.send("a2 SELECT INBOX");
            assertThat(a.readUntil("a2 ")).contains("* 2 EXISTS");
            b.send("b1 LOGIN " + mailbox + " " + MailFixture.PASSWORD);
            b.expect("b1 OK");
            b.send("b2 SELECT INBOX");
            b.readUntil("b2 ");

            // S (other session): flags change, a new message arrives
            b.send("b3 STORE 1 +FLAGS (\\Flagged)");
            b.expect("* 1 FETCH (FLAGS (\\Flagged))");
            b.expect("b3 OK");
            fixture.deliver(mailbox, MailFixture.textMessage("Three", "3"));
            a.send("a3 NOOP");
            List<String> noop = a.readUntil("a3 ");
            assertThat(noop).contains("* 3 EXISTS");
            assertThat(noop).anyMatch(l -> l.matches("\\* 1 FETCH \\(UID \\d+ FLAGS \\(\\\\Recent \\\\Flagged\\)\\)"));
            assertThat(noop.get(noop.size() - 1)).isEqualTo("a3 OK NOOP completed");

            // S (other session): message 1 is expunged
            b.send("b4 STORE 1 +FLAGS.SILENT (\\Deleted)");
            // the new message is announced to this session too, during its next command
            assertThat(b.readUntil("b4 ")).containsExactly("* 3 EXISTS", "* 0 RECENT", "b4 OK STORE completed");
            b.send("b5 EXPUNGE");
            b.expect("* 1 EXPUNGE");
            b.expect("b5 OK");
            // no EXPUNGE while FETCH runs: sequence numbers stay as the client knows them
            a.send("a4 FETCH 1:* (FLAGS)");
            List<String> fetch = a.readUntil("a4 ");
            assertThat(fetch).noneMatch(l -> l.endsWith("EXPUNGE"));
            assertThat(fetch).contains("* 2 FETCH (FLAGS (\\Recent))", "* 3 FETCH (FLAGS (\\Recent))");
            a.send("a5 NOOP");
            assertThat(a.readUntil("a5 ")).containsExactly("* 1 EXPUNGE", "a5 OK NOOP completed");
            a.send("a6 FETCH 1:* (FLAGS)");
            assertThat(a.readUntil("a6 ")).containsExactly("* 1 FETCH (FLAGS (\\Recent))", "* 2 FETCH (FLAGS (\\Recent))",
                    "a6 OK FETCH completed");
        }
    }

    @Test
    void newKeywordsAreAnnouncedBeforeAFetchShowsThem() {
        String mailbox = fixture.newUser();
        fixture.deliver(mailbox, MailFixture.textMessage("One", "1"));
        try (LineClient a = connect(); LineClient b = connect()) {
            a.send("a1 LOGIN " + mailbox + " " + MailFixture.PASSWORD);
            a.expect("a1 OK");
            a.send("a2 SELECT INBOX");
            assertThat(a.readUntil("a2 ")).contains("* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft)");
            b.send("b1 LOGIN " + mailbox + " " + MailFixture.PASSWORD);
            b.expect("b1 OK");
            b.send("b2 SELECT INBOX");
            b.readUntil("b2 ");

            // this session's own STORE: FLAGS first, then the FETCH that shows the keyword
            a.send("a3 STORE 1 +FLAGS ($Work)");
            assertThat(a.readUntil("a3 ")).containsExactly(
                    "* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft $Work)",
                    "* OK [PERMANENTFLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft $Work \\*)] Flags permitted",
                    "* 1 FETCH (FLAGS (\\Recent $Work))",
                    "a3 OK STORE completed");
            // another session's keyword, seen through NOOP
            a.send("a4 STORE 1 +FLAGS.SILENT (\\Seen)");
            a.expect("a4 OK");
            b.send("b3 NOOP");
            List<String> noop = b.readUntil("b3 ");
            assertThat(noop.get(0)).isEqualTo("* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft $Work)");
            assertThat(noop).anyMatch(l -> l.matches("\\* 1 FETCH \\(UID \\d+ FLAGS \\(\\\\Seen \\$Work\\)\\)"));
        }
    }

    /**
     * A keyword another session set, first seen by this session in the middle of a FETCH: the
     * announcement comes between two complete FETCH responses, never inside one (FetchWriter holds
     * responses back to write them in batches; imaptest once read "Missing ')'" when it did not).
     */
    @Test
    void aKeywordFirstSeenInsideAFetchIsAnnouncedBetweenWholeResponses() {
        String mailbox = fixture.newUser();
        fixture.deliver(mailbox, MailFixture.textMessage("One", "1"));
        fixture.deliver(mailbox, MailFixture.textMessage("Two", "2"));
        try (LineClient a = connect(); LineClient b = connect()) {
            a.send("a1 LOGIN " + mailbox + " " + MailFixture.PASSWORD);
            a.expect("a1 OK");
            a.send("a2 SELECT INBOX");
            a.readUntil("a2 ");
            b.send("b1 LOGIN " + mailbox + " " + MailFixture.PASSWORD);
            b.expect("b1 OK");
            b.send("b2 SELECT INBOX");
            b.readUntil("b2 ");

            a.send("a3 STORE 2 +FLAGS.SILENT ($Late)");
            a.expect("a3 OK");
            b.send("b3 FETCH 1:2 (FLAGS)");
            List<String> lines = b.readUntil("b3 ");
            int first = lines.indexOf("* 1 FETCH (FLAGS ())");
            int flags = lines.indexOf("* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft $Late)");
            int second = lines.indexOf("* 2 FETCH (FLAGS ($Late))");
            assertThat(first).as("%s", lines).isGreaterThanOrEqualTo(0);
            assertThat(flags).as("%s", lines).isGreaterThan(first);
            assertThat(lines.get(flags + 1)).startsWith("* OK [PERMANENTFLAGS (");
            assertThat(second).as("%s", lines).isGreaterThan(flags + 1);
            assertThat(lines.get(lines.size() - 1)).isEqualTo("b3 OK FETCH completed");
        }
    }

    @Test
    void recentBelongsToTheFirstSessionThatSelectsReadWrite() {
        String mailbox = fixture.newUser();
        fixture.deliver(mailbox, MailFixture.textMessage("One", "1"));
        fixture.deliver(mailbox, MailFixture.textMessage("Two", "2"));
        try (LineClient a = connect(); LineClient b = connect()) {
            a.send("a1 LOGIN " + mailbox + " " + MailFixture.PASSWORD);
            a.expect("a1 OK");
            // EXAMINE leaves \Recent for a later SELECT
            a.send("a2 EXAMINE INBOX");
            assertThat(a.readUntil("a2 ")).contains("* 2 EXISTS", "* 2 RECENT");
            a.send("a3 STATUS INBOX (RECENT)");
            a.expect("* STATUS INBOX (RECENT 2)");
            a.expect("a3 OK");

            b.send("b1 LOGIN " + mailbox + " " + MailFixture.PASSWORD);
            b.expect("b1 OK");
            b.send("b2 SELECT INBOX");
            assertThat(b.readUntil("b2 ")).contains("* 2 EXISTS", "* 2 RECENT");
            b.send("b3 FETCH 1:* FLAGS");
            assertThat(b.readUntil("b3 ")).containsExactly("* 1 FETCH (FLAGS (\\Recent))",
                    "* 2 FETCH (FLAGS (\\Recent))", "b3 OK FETCH completed");
            a.send("a4 SELECT INBOX");
            assertThat(a.readUntil("a4 ")).contains("* 2 EXISTS", "* 0 RECENT");
            a.send("a5 FETCH 1 FLAGS");
            a.expect("* 1 FETCH (FLAGS ())");
            a.expect("a5 OK");

            // a new arrival is recent for the first session to learn of it
            fixture.deliver(mailbox, MailFixture.textMessage("Three", "3"));
            b.send("b4 NOOP");
            assertThat(b.readUntil("b4 ")).containsExactly("* 3 EXISTS", "* 3 RECENT", "b4 OK NOOP completed");
            a.send("a6 NOOP");
            assertThat(a.readUntil("a6 ")).containsExactly("* 3 EXISTS", "* 0 RECENT", "a6 OK NOOP completed");

            b.send("b5 STORE 1 +FLAGS (\\Seen)");
            b.expect("* 1 FETCH (FLAGS (\\Recent \\Seen))");
            b.expect("b5 OK");
            b.send("b6 SEARCH NEW");
            b.expect("* SEARCH 2 3");
            b.expect("b6 OK");
            b.send("b7 SEARCH OLD");
            b.expect("* SEARCH");
            b.expect("b7 OK");
            // NOOP always asks storage, so b's flag change reaches a whether or not its push came yet
            // (a SEARCH asks only once the push said the mailbox moved: a race the test lost once)
            a.send("a7 NOOP");
            assertThat(a.readUntil("a7 ")).anyMatch(l -> l.startsWith("* 1 FETCH (") && l.contains("FLAGS (\\Seen)"));
            a.send("a7 SEARCH RECENT");
            assertThat(a.readUntil("a7 ")).contains("* SEARCH");
            a.send("a8 UID SEARCH OLD");
            a.expect("* SEARCH 1 2 3");
            a.expect("a8 OK");
            b.send("b8 STORE 1 +FLAGS (\\Recent)");
            b.expect("b8 BAD ");
        }
    }

    @Test
    void readingCommandsAskStorageOnlyWhenTheMailboxMoved() {
        String mailbox = fixture.newUser();
        fixture.deliver(mailbox, MailFixture.textMessage("One", "1"));
        try (LineClient a = connect(); LineClient b = connect()) {
            a.send("a1 LOGIN " + mailbox + " " + MailFixture.PASSWORD);
            a.expect("a1 OK");
            a.send("a2 SELECT INBOX");
            a.readUntil("a2 ");
            double before = skippedChecks();
            for (int i = 0; i < 3; i++) {
                a.send("f" + i + " FETCH 1 UID");
                a.expect("* 1 FETCH (UID 1)");
                a.expect("f" + i + " OK");
            }
            assertThat(skippedChecks() - before).isGreaterThanOrEqualTo(3);

            // another session's change: its event makes the next FETCH ask, and report it
            b.send("b1 LOGIN " + mailbox + " " + MailFixture.PASSWORD);
            b.expect("b1 OK");
            b.send("b2 SELECT INBOX");
            b.readUntil("b2 ");
            b.send("b3 STORE 1 +FLAGS.SILENT (\\Flagged)");
            b.expect("b3 OK");
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).untilAsserted(() -> {
                a.send("g1 FETCH 1 UID");
                assertThat(a.readUntil("g1 ")).contains("* 1 FETCH (UID 1 FLAGS (\\Recent \\Flagged))");
            });
        }
    }

    private static double skippedChecks() {
        String metrics = io.restassured.RestAssured.get("/q/metrics").asString();
        return metrics.lines().filter(l -> l.startsWith("imap_changes_checks_skipped_total"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }
}
