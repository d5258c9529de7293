package io.mailserver.pop3;

import static io.mailserver.pop3.MailFixture.PASSWORD;
import static io.mailserver.pop3.MailFixture.body;
import static io.mailserver.pop3.MailFixture.login;
import static io.mailserver.pop3.MailFixture.message;
import static io.mailserver.pop3.MailFixture.newAccount;
import static io.mailserver.pop3.MailFixture.port;
import static org.assertj.core.api.Assertions.assertThat;

import io.mailserver.contracts.storage.v1.DeliverResponse;
import io.mailserver.contracts.storage.v1.DeliveredMessage;
import io.mailserver.testkit.client.LineClient;
import io.mailserver.testkit.client.TlsTrust;
import io.mailserver.testkit.quarkus.PeerServicesResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * POP3 conversations over real sockets, as scripts of what the client sends and the exact lines
 * that must come back. auth-service and storage-service are the real packaged services.
 */
@QuarkusTest
@QuarkusTestResource(PeerServicesResource.class)
@QuarkusTestResource(Pop3PortsResource.class)
class Pop3ConversationTest {

    static final String GREETING = "+OK mail.test.local POP3 ready";
    static final String SIGN_OFF = "+OK mail.test.local POP3 server signing off";
    static final List<String> CAPABILITIES_BEFORE_TLS = List.of("TOP", "UIDL", "USER", "SASL PLAIN", "STLS",
            "RESP-CODES", "AUTH-RESP-CODE", "PIPELINING", "IMPLEMENTATION mailserver");
    static final List<String> CAPABILITIES_WITH_TLS = List.of("TOP", "UIDL", "USER", "SASL PLAIN",
            "RESP-CODES", "AUTH-RESP-CODE", "PIPELINING", "IMPLEMENTATION mailserver");



    private MailFixture mail() {
        return new MailFixture();
    }

    private static SSLContext trust() {
        return TlsTrust.trusting(MailFixture.certificate());
    }

    private static String plain(String authzid, String user, String password) {
        return Base64.getEncoder().encodeToString((authzid + "\0" + user + "\0" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void capabilitiesBeforeAndAfterStls() {
        try (LineClient c = LineClient.connect("127.0.0.1", port())) {
            assertThat(c.readLine()).isEqualTo(GREETING);
            c.send("CAPA");
            assertThat(c.readLine()).isEqualTo("+OK Capability list follows");
            assertThat(body(c)).isEqualTo(CAPABILITIES_BEFORE_TLS);
            c.send("STLS");
            assertThat(c.readLine()).isEqualTo("+OK Begin TLS negotiation");
            c.startTls(trust());
            c.send("CAPA");
            assertThat(c.readLine()).isEqualTo("+OK Capability list follows");
            assertThat(body(c)).isEqualTo(CAPABILITIES_WITH_TLS);
            c.send("STLS");
            assertThat(c.readLine()).isEqualTo("-ERR TLS is already active");
            c.send("QUIT");
            assertThat(c.readLine()).isEqualTo(SIGN_OFF);
            assertThat(c.closedByServer()).isTrue();
        }
    }

    @Test
    void plaintextPipelinedAfterStlsIsNeverExecuted() {
        String address = newAccount("stls");
        try (LineClient c = LineClient.connect("127.0.0.1", port())) {
            c.expect(GREETING);
            // A man in the middle's classic: commands glued to STLS, hoping they run inside TLS.
            c.sendRaw("STLS\r\nUSER " + address + "\r\n");
            assertThat(c.readLine()).isEqualTo("+OK Begin TLS negotiation");
            c.startTls(trust());
            c.send("PASS " + PASSWORD);
            assertThat(c.readLine()).isEqualTo("-ERR Send USER first");
            c.send("USER " + address);
            assertThat(c.readLine()).isEqualTo("+OK Send PASS");
            c.send("PASS " + PASSWORD);
            assertThat(c.readLine()).isEqualTo("+OK Logged in, maildrop has 0 messages (0 octets)");
            c.send("QUIT");
            assertThat(c.readLine()).isEqualTo(SIGN_OFF);
        }
    }

    @Test
    void stlsIsRefusedAfterLoginAndOnTheImplicitTlsPort() {
        String address = newAccount("stls-refused");
        try (LineClient c = login(address)) {
            c.send("STLS");
            assertThat(c.readLine()).isEqualTo("-ERR STLS is not allowed in the transaction state");
            c.send("NOOP");
            assertThat(c.readLine()).isEqualTo("+OK");
        }
        try (LineClient c = LineClient.connectTls("127.0.0.1", MailFixture.tlsPort(), trust())) {
            assertThat(c.readLine()).isEqualTo(GREETING);
            c.send("CAPA");
            c.expect("+OK");
            assertThat(body(c)).isEqualTo(CAPABILITIES_WITH_TLS);
            c.send("STLS");
            assertThat(c.readLine()).isEqualTo("-ERR TLS is already active");
            c.send("USER " + address);
            c.expect("+OK");
            c.send("PASS " + PASSWORD);
            assertThat(c.readLine()).isEqualTo("+OK Logged in, maildrop has 0 messages (0 octets)");
        }
    }

    @Test
    void authPlainWithInitialResponse() {
        String address = newAccount("plain-ir");
        try (LineClient c = LineClient.connect("127.0.0.1", port())) {
            c.expect(GREETING);
            c.send("AUTH PLAIN " + plain("", address, PASSWORD));
            assertThat(c.readLine()).isEqualTo("+OK Logged in, maildrop has 0 messages (0 octets)");
            c.send("STAT");
            assertThat(c.readLine()).isEqualTo("+OK 0 0");
        }
    }

    @Test
    void authPlainWithContinuation() {
        String address = newAccount("plain-cont");
        try (LineClient c = LineClient.connect("127.0.0.1", port())) {
            c.expect(GREETING);
            c.send("auth plain");
            assertThat(c.readLine()).isEqualTo("+ ");
            c.send(plain(address, address, PASSWORD));
            assertThat(c.readLine()).isEqualTo("+OK Logged in, maildrop has 0 messages (0 octets)");
        }
    }

    @Test
    void authPlainCancelledOrRefused() {
        String address = newAccount("plain-bad");
        try (LineClient c = LineClient.connect("127.0.0.1", port())) {
            c.expect(GREETING);
            c.send("AUTH PLAIN");
            assertThat(c.readLine()).isEqualTo("+ ");
            c.send("*");
            assertThat(c.readLine()).isEqualTo("-ERR Authentication cancelled");
            c.send("AUTH PLAIN");
            c.expect("+ ");
            c.send("not base64 at all!");
            assertThat(c.readLine()).isEqualTo("-ERR Malformed PLAIN response");
            c.send("AUTH PLAIN " + plain("someone-else@" + MailFixture.DOMAIN, address, PASSWORD));
            assertThat(c.readLine()).startsWith("-ERR [AUTH] ");
            c.send("AUTH CRAM-MD5");
            assertThat(c.readLine()).isEqualTo("-ERR Unsupported authentication mechanism");
            c.send("AUTH PLAIN " + plain("", address, "wrong password"));
            assertThat(c.readLine()).startsWith("-ERR [AUTH] ");
            c.send("CAPA");
            c.expect("+OK");
            body(c);
        }
    }

    @Test
    void threeWrongPasswordsCloseTheConnection() {
        String address = newAccount("wrong");
        try (LineClient c = LineClient.connect("127.0.0.1", port())) {
            c.expect(GREETING);
            for (int attempt = 1; attempt <= 3; attempt++) {
                c.send("USER " + address);
                assertThat(c.readLine()).isEqualTo("+OK Send PASS");
                c.send("PASS not the password");
                assertThat(c.readLine()).isEqualTo("-ERR [AUTH] Invalid credentials");
            }
            assertThat(c.closedByServer()).isTrue();
        }
        try (LineClient c = LineClient.connect("127.0.0.1", port())) {
            c.expect(GREETING);
            c.send("USER nobody-at-all@" + MailFixture.DOMAIN);
            assertThat(c.readLine()).isEqualTo("+OK Send PASS");
            c.send("PASS " + PASSWORD);
            assertThat(c.readLine()).isEqualTo("-ERR [AUTH] Invalid credentials");
        }
    }

    @Test
    void statListUidlTopAndRetrShowTheStoredMessages() {
        String address = newAccount("read");
        String first = message("first", "Hello,\r\nthis is the first message.\r\n");
        String second = message("second", "Line one\r\nLine two\r\nLine three\r\n");
        DeliveredMessage one = mail().deliver(address, first).getMessages(0);
        DeliveredMessage two = mail().deliver(address, second).getMessages(0);
        int size1 = first.length();
        int size2 = second.length();
        try (LineClient c = login(address)) {
            c.send("STAT");
            assertThat(c.readLine()).isEqualTo("+OK 2 " + (size1 + size2));
            c.send("LIST");
            assertThat(c.readLine()).isEqualTo("+OK 2 messages (" + (size1 + size2) + " octets)");
            assertThat(body(c)).containsExactly("1 " + size1, "2 " + size2);
            c.send("LIST 2");
            assertThat(c.readLine()).isEqualTo("+OK 2 " + size2);
            c.send("UIDL");
            assertThat(c.readLine()).isEqualTo("+OK Unique-id listing follows");
            assertThat(body(c)).containsExactly(
                    "1 " + Integer.toUnsignedLong(one.getUidValidity()) + "." + Integer.toUnsignedLong(one.getUid()),
                    "2 " + Integer.toUnsignedLong(two.getUidValidity()) + "." + Integer.toUnsignedLong(two.getUid()));
            c.send("UIDL 1");
            assertThat(c.readLine()).isEqualTo("+OK 1 " + Integer.toUnsignedLong(one.getUidValidity()) + "."
                    + Integer.toUnsignedLong(one.getUid()));
            c.send("RETR 1");
            assertThat(c.readLine()).isEqualTo("+OK " + size1 + " octets");
            assertThat(String.join("\r\n", body(c)) + "\r\n").isEqualTo(first);
            c.send("TOP 2 2");
            assertThat(c.readLine()).isEqualTo("+OK Top of message follows");
            assertThat(String.join("\r\n", body(c)) + "\r\n").isEqualTo(second.substring(0, second.indexOf("Line three")));
            c.send("TOP 2 0");
            c.expect("+OK");
            assertThat(String.join("\r\n", body(c)) + "\r\n").isEqualTo(second.substring(0, second.indexOf("Line one")));
            c.send("RETR 3");
            assertThat(c.readLine()).isEqualTo("-ERR No such message");
            c.send("TOP 3 1");
            assertThat(c.readLine()).isEqualTo("-ERR No such message");
            c.send("QUIT");
            assertThat(c.readLine()).isEqualTo(SIGN_OFF);
        }
    }

    @Test
    void retrDotStuffsLinesStartingWithADot() {
        String address = newAccount("dots");
        String text = message("dots", ".hidden\r\n..two dots\r\n.\r\nafter the lone dot\r\nlast line without CRLF");
        mail().deliver(address, text);
        try (LineClient c = login(address)) {
            c.send("RETR 1");
            assertThat(c.readLine()).isEqualTo("+OK " + text.length() + " octets");
            List<String> lines = body(c);
            assertThat(lines.subList(lines.size() - 5, lines.size())).containsExactly(
                    "..hidden", "...two dots", "..", "after the lone dot", "last line without CRLF");
            c.send("TOP 1 1");
            c.expect("+OK");
            List<String> top = body(c);
            assertThat(top.get(top.size() - 1)).isEqualTo("..hidden");
            assertThat(top.get(top.size() - 2)).isEmpty();
        }
    }

    @Test
    void aLargeMessageArrivesExactlyThroughManyChunks() {
        String address = newAccount("large");
        StringBuilder body = new StringBuilder();
        for (int i = 0; body.length() < 1_000_000; i++) {
            body.append(i % 7 == 0 ? "." : "").append("line ").append(i).append(" of a long message\r\n");
        }
        String text = message("large", body.toString());
        mail().deliver(address, text);
        try (LineClient c = login(address)) {
            c.send("RETR 1");
            assertThat(c.readLine()).isEqualTo("+OK " + text.length() + " octets");
            List<String> lines = body(c);
            StringBuilder unstuffed = new StringBuilder();
            for (String line : lines) {
                unstuffed.append(line.startsWith(".") ? line.substring(1) : line).append("\r\n");
            }
            assertThat(unstuffed.toString()).isEqualTo(text);
            c.send("NOOP");
            assertThat(c.readLine()).isEqualTo("+OK");
        }
    }

    @Test
    void deleThenRsetThenQuitKeepsTheMessage() {
        String address = newAccount("rset");
        mail().deliver(address, message("keep", "body\r\n"));
        try (LineClient c = login(address)) {
            c.send("DELE 1");
            assertThat(c.readLine()).isEqualTo("+OK Message 1 deleted");
            c.send("STAT");
            assertThat(c.readLine()).isEqualTo("+OK 0 0");
            c.send("RSET");
            assertThat(c.readLine()).startsWith("+OK Maildrop has 1 messages (");
            c.send("QUIT");
            assertThat(c.readLine()).isEqualTo(SIGN_OFF);
        }
        try (LineClient c = login(address)) {
            c.send("STAT");
            assertThat(c.readLine()).startsWith("+OK 1 ");
        }
    }

    @Test
    void deleThenDroppedConnectionKeepsTheMessage() {
        String address = newAccount("drop");
        mail().deliver(address, message("keep", "body\r\n"));
        try (LineClient c = login(address)) {
            c.send("DELE 1");
            assertThat(c.readLine()).isEqualTo("+OK Message 1 deleted");
            // no QUIT: the connection just ends (RFC 1939 §6: no UPDATE state)
        }
        try (LineClient c = login(address)) {
            c.send("STAT");
            assertThat(c.readLine()).startsWith("+OK 1 ");
        }
    }

    @Test
    void deleThenQuitRemovesTheMessage() {
        String address = newAccount("dele");
        String keep = message("keep", "stays\r\n");
        mail().deliver(address, message("remove", "goes away\r\n"));
        DeliveredMessage kept = mail().deliver(address, keep).getMessages(0);
        try (LineClient c = login(address)) {
            c.send("DELE 1");
            assertThat(c.readLine()).isEqualTo("+OK Message 1 deleted");
            c.send("DELE 1");
            assertThat(c.readLine()).isEqualTo("-ERR Message 1 is deleted");
            c.send("RETR 1");
            assertThat(c.readLine()).isEqualTo("-ERR Message 1 is deleted");
            c.send("LIST 1");
            assertThat(c.readLine()).isEqualTo("-ERR Message 1 is deleted");
            c.send("LIST");
            c.expect("+OK 1 messages (" + keep.length() + " octets)");
            assertThat(body(c)).containsExactly("2 " + keep.length());
            c.send("QUIT");
            assertThat(c.readLine()).isEqualTo(SIGN_OFF + " (1 messages deleted)");
            assertThat(c.closedByServer()).isTrue();
        }
        try (LineClient c = login(address)) {
            c.send("STAT");
            assertThat(c.readLine()).isEqualTo("+OK 1 " + keep.length());
            c.send("UIDL");
            c.expect("+OK");
            assertThat(body(c)).containsExactly("1 " + Integer.toUnsignedLong(kept.getUidValidity()) + "."
                    + Integer.toUnsignedLong(kept.getUid()));
        }
    }

    @Test
    void messagesDeliveredDuringTheSessionStayInvisibleUntilTheNext() {
        String address = newAccount("snapshot");
        String first = message("before", "one\r\n");
        mail().deliver(address, first);
        try (LineClient c = login(address)) {
            c.send("STAT");
            assertThat(c.readLine()).isEqualTo("+OK 1 " + first.length());
            DeliverResponse later = mail().deliver(address, message("during", "two\r\n"));
            assertThat(later.getMessagesCount()).isEqualTo(1);
            c.send("LIST");
            c.expect("+OK 1 messages");
            assertThat(body(c)).containsExactly("1 " + first.length());
            c.send("RETR 2");
            assertThat(c.readLine()).isEqualTo("-ERR No such message");
            c.send("QUIT");
            c.expect(SIGN_OFF);
        }
        try (LineClient c = login(address)) {
            c.send("STAT");
            assertThat(c.readLine()).startsWith("+OK 2 ");
        }
    }

    @Test
    void commandsInTheWrongStateAreRefused() {
        String address = newAccount("state");
        try (LineClient c = LineClient.connect("127.0.0.1", port())) {
            c.expect(GREETING);
            for (String command : List.of("STAT", "LIST", "UIDL", "RETR 1", "DELE 1", "TOP 1 1", "NOOP", "RSET")) {
                c.send(command);
                assertThat(c.readLine()).as(command).isEqualTo("-ERR " + command.split(" ")[0]
                        + " is not allowed in the authorization state");
            }
            c.send("PASS " + PASSWORD);
            assertThat(c.readLine()).isEqualTo("-ERR Send USER first");
            c.send("USER " + address);
            c.expect("+OK");
            c.send("PASS " + PASSWORD);
            c.expect("+OK Logged in");
            for (String command : List.of("USER " + address, "PASS x", "AUTH PLAIN")) {
                c.send(command);
                assertThat(c.readLine()).as(command).isEqualTo("-ERR " + command.split(" ")[0]
                        + " is not allowed in the transaction state");
            }
            c.send("NOOP");
            assertThat(c.readLine()).isEqualTo("+OK");
        }
    }

    @Test
    void garbageAndBadArgumentsGetErrorsAndTheSessionGoesOn() {
        String address = newAccount("garbage");
        mail().deliver(address, message("one", "body\r\n"));
        try (LineClient c = login(address)) {
            c.send("HELO there");
            assertThat(c.readLine()).isEqualTo("-ERR Unknown command");
            c.send("\u0001\u0002\u00ff");
            assertThat(c.readLine()).isEqualTo("-ERR Unknown command");
            c.send("RETR");
            assertThat(c.readLine()).isEqualTo("-ERR Usage: RETR msg");
            c.send("RETR one");
            assertThat(c.readLine()).isEqualTo("-ERR Usage: RETR msg");
            c.send("RETR 0");
            assertThat(c.readLine()).isEqualTo("-ERR Usage: RETR msg");
            c.send("RETR 99");
            assertThat(c.readLine()).isEqualTo("-ERR No such message");
            c.send("TOP 1");
            assertThat(c.readLine()).isEqualTo("-ERR Usage: TOP msg n");
            c.send("STAT " + "x".repeat(600));
            assertThat(c.readLine()).isEqualTo("-ERR Line too long");
            c.send("stat");
            assertThat(c.readLine()).startsWith("+OK 1 ");
        }
    }

    @Test
    void pipelinedCommandsAreAnsweredInOrder() {
        String address = newAccount("pipeline");
        String text = message("pipelined", "a\r\n");
        mail().deliver(address, text);
        try (LineClient c = LineClient.connect("127.0.0.1", port())) {
            c.expect(GREETING);
            c.sendRaw("USER " + address + "\r\nPASS " + PASSWORD + "\r\nSTAT\r\nRETR 1\r\nNOOP\r\nLIST 1\r\nQUIT\r\n");
            assertThat(c.readLine()).isEqualTo("+OK Send PASS");
            assertThat(c.readLine()).startsWith("+OK Logged in");
            assertThat(c.readLine()).isEqualTo("+OK 1 " + text.length());
            assertThat(c.readLine()).isEqualTo("+OK " + text.length() + " octets");
            assertThat(String.join("\r\n", body(c)) + "\r\n").isEqualTo(text);
            assertThat(c.readLine()).isEqualTo("+OK");
            assertThat(c.readLine()).isEqualTo("+OK 1 " + text.length());
            assertThat(c.readLine()).isEqualTo(SIGN_OFF);
            assertThat(c.closedByServer()).isTrue();
        }
    }

    @Test
    void quitBeforeLoginSignsOff() {
        try (LineClient c = LineClient.connect("127.0.0.1", port())) {
            c.expect(GREETING);
            c.send("quit");
            assertThat(c.readLine()).isEqualTo(SIGN_OFF);
            assertThat(c.closedByServer()).isTrue();
        }
    }

    @Test
    void connectionsFromOneAddressAreLimited() {
        // connections of earlier tests may still be closing on the server side
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> RestAssured.get("/q/metrics").asString()
                .lines().anyMatch(line -> line.startsWith("pop3_connections_open ") && line.endsWith(" 0.0")));
        List<LineClient> open = new ArrayList<>();
        try {
            for (int i = 0; i < 20; i++) {
                LineClient c = LineClient.connect("127.0.0.1", port());
                open.add(c);
                assertThat(c.readLine()).isEqualTo(GREETING);
            }
            try (LineClient refused = LineClient.connect("127.0.0.1", port())) {
                assertThat(refused.readLine()).isEqualTo("-ERR [SYS/TEMP] Too many connections from your address");
                assertThat(refused.closedByServer()).isTrue();
            }
        } finally {
            open.forEach(LineClient::close);
        }
    }

    @Test
    void tooManyInvalidCommandsCloseTheConnection() {
        try (LineClient c = LineClient.connect("127.0.0.1", port())) {
            c.expect(GREETING);
            for (int i = 1; i < 20; i++) {
                c.send("JUNK " + i);
                assertThat(c.readLine()).isEqualTo("-ERR Unknown command");
            }
            c.send("JUNK 20");
            assertThat(c.readLine()).isEqualTo("-ERR Too many invalid commands, closing");
            assertThat(c.closedByServer()).isTrue();
        }
    }
}
