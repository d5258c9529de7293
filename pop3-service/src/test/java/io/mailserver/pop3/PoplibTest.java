package io.mailserver.pop3;

import static io.mailserver.pop3.MailFixture.PASSWORD;
import static io.mailserver.pop3.MailFixture.message;
import static io.mailserver.pop3.MailFixture.newAccount;
import static org.assertj.core.api.Assertions.assertThat;

import io.mailserver.contracts.storage.v1.DeliveredMessage;
import io.mailserver.testkit.client.LineClient;
import io.mailserver.testkit.client.PythonScript;
import io.mailserver.testkit.quarkus.PeerServicesResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Python's poplib against the server: STLS on the plain port and implicit TLS, verified certificates. */
@QuarkusTest
@QuarkusTestResource(PeerServicesResource.class)
@QuarkusTestResource(Pop3PortsResource.class)
class PoplibTest {



    /** The lines the script printed, by their first word. */
    record Transcript(List<String> lines) {
        List<String> values(String key) {
            return lines.stream().filter(l -> l.startsWith(key + " ")).map(l -> l.substring(key.length() + 1)).toList();
        }

        String value(String key) {
            List<String> values = values(key);
            assertThat(values).as(key + " in " + lines).hasSize(1);
            return values.get(0);
        }

        String decoded(String key, int number) {
            String prefix = number + " ";
            String encoded = values(key).stream().filter(v -> v.startsWith(prefix)).findFirst()
                    .orElseThrow(() -> new AssertionError(key + " " + number + " missing in " + lines))
                    .substring(prefix.length());
            return new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        }
    }

    private static Transcript run(String mode, int port, String user, int delete) throws Exception {
        Path script = Files.createTempFile("poplib_session", ".py");
        try (InputStream in = PoplibTest.class.getResourceAsStream("poplib_session.py")) {
            Files.write(script, in.readAllBytes());
        }
        Path output = Files.createTempFile("poplib_session", ".out");
        try {
            Process process = new ProcessBuilder("python3", script.toString(), mode, "127.0.0.1",
                    Integer.toString(port), user, PASSWORD, MailFixture.certificate().toString(), Integer.toString(delete))
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .start();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("poplib session did not finish: " + Files.readString(output));
            }
            List<String> lines = new ArrayList<>(Files.readAllLines(output, StandardCharsets.UTF_8));
            assertThat(process.exitValue()).as("poplib session failed: %s", lines).isZero();
            return new Transcript(lines);
        } finally {
            delete(script);
            delete(output);
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void stlsSessionReadsAndDeletesThenImplicitTlsSessionSeesTheRest() throws Exception {
        MailFixture mail = new MailFixture();
        String address = newAccount("poplib");
        String first = message("first", "Dear reader,\r\n.a line with a leading dot\r\n..and two\r\n.\r\nbye\r\n");
        String second = message("second", "short\r\nbody\r\n");
        DeliveredMessage one = mail.deliver(address, first).getMessages(0);
        DeliveredMessage two = mail.deliver(address, second).getMessages(0);

        Transcript stls = run("stls", MailFixture.port(), address, 1);
        assertThat(stls.value("WELCOME")).isEqualTo("+OK mail.test.local POP3 ready");
        assertThat(stls.value("CAPA").split(" ")).contains("STLS", "TOP", "UIDL", "USER", "SASL", "PIPELINING");
        assertThat(stls.value("CAPA_TLS").split(" ")).doesNotContain("STLS").contains("TOP", "UIDL", "USER");
        assertThat(stls.value("PASS")).startsWith("+OK");
        assertThat(stls.value("STAT")).isEqualTo("2 " + (first.length() + second.length()));
        assertThat(stls.values("LIST")).containsExactly("1 " + first.length(), "2 " + second.length());
        assertThat(stls.values("UIDL")).containsExactly(
                "1 " + Integer.toUnsignedLong(one.getUidValidity()) + "." + Integer.toUnsignedLong(one.getUid()),
                "2 " + Integer.toUnsignedLong(two.getUidValidity()) + "." + Integer.toUnsignedLong(two.getUid()));
        assertThat(stls.decoded("RETR", 1)).isEqualTo(first);
        assertThat(stls.decoded("RETR", 2)).isEqualTo(second);
        assertThat(stls.decoded("TOP", 1)).isEqualTo(first.substring(0, first.indexOf(".a line")));
        assertThat(stls.decoded("TOP", 2)).isEqualTo(second.substring(0, second.indexOf("body")));
        assertThat(stls.value("DELE")).startsWith("+OK");
        assertThat(stls.value("QUIT")).isEqualTo("+OK mail.test.local POP3 server signing off (1 messages deleted)");

        Transcript ssl = run("ssl", MailFixture.tlsPort(), address, 0);
        assertThat(ssl.value("WELCOME")).isEqualTo("+OK mail.test.local POP3 ready");
        assertThat(ssl.value("STAT")).isEqualTo("1 " + second.length());
        assertThat(ssl.values("UIDL")).containsExactly(
                "1 " + Integer.toUnsignedLong(two.getUidValidity()) + "." + Integer.toUnsignedLong(two.getUid()));
        assertThat(ssl.decoded("RETR", 1)).isEqualTo(second);
        assertThat(ssl.value("QUIT")).isEqualTo("+OK mail.test.local POP3 server signing off");
    }

    /**
     * Issue 7: a message stored with bare LF and bare CR before dot lines (as an old message, an
     * IMAP APPEND or another server could leave it) is sent with CRLF line endings and every dot line
     * stuffed, so poplib, which splits lines at LF, reads the same lines as a strict CRLF reader and
     * the reply after RETR is the server's "+OK", not the attacker's.
     */
    @Test
    void storedBareLineEndingsCannotCutTheMessageOrForgeReplies() {
        MailFixture mail = new MailFixture();
        String address = newAccount("framing");
        String stored = message("framing", "hello\n.\r\n+OK forged\r\n.\n\rmid\r.\rend\n.");
        mail.deliver(address, stored);
        List<String> expected = crlfLines(stored);

        PythonScript.Transcript poplib = PythonScript.run(PoplibTest.class, "poplib_framing.py", Duration.ofSeconds(60),
                "127.0.0.1", Integer.toString(MailFixture.tlsPort()), address, PASSWORD, MailFixture.certificate().toString());
        assertThat(poplib.values("RETR").stream().map(PoplibTest::unbase64).toList()).isEqualTo(expected);
        assertThat(poplib.value("NOOP_AFTER_RETR")).isEqualTo("+OK");
        int blank = expected.indexOf("");
        assertThat(poplib.values("TOP").stream().map(PoplibTest::unbase64).toList())
                .isEqualTo(expected.subList(0, blank + 3));
        assertThat(poplib.value("NOOP_AFTER_TOP")).isEqualTo("+OK");

        try (LineClient strict = MailFixture.loginTls(address)) {
            strict.send("RETR 1");
            assertThat(strict.readLine()).startsWith("+OK");
            assertThat(MailFixture.body(strict).stream().map(l -> l.startsWith(".") ? l.substring(1) : l).toList())
                    .isEqualTo(expected);
            strict.send("NOOP").expect("+OK");
        }
    }

    /** The lines of {@code content} when every CRLF, bare CR and bare LF ends a line. */
    private static List<String> crlfLines(String content) {
        List<String> lines = new ArrayList<>(List.of(content.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1)));
        if (lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        return lines;
    }

    private static String unbase64(String encoded) {
        return new String(Base64.getDecoder().decode(encoded), StandardCharsets.ISO_8859_1);
    }
}
