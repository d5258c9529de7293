package io.mailserver.imap;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailserver.testkit.quarkus.PeerServicesResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** Python's imaplib against the server over STARTTLS: the script lives in src/test/resources. */
@QuarkusTest
@QuarkusTestResource(PeerServicesResource.class)
@QuarkusTestResource(ImapPortsResource.class)
class PythonImaplibTest {

    @ConfigProperty(name = "mail.imap.port")
    int port;

    @Test
    void imaplibSession() throws Exception {
        try (MailFixture fixture = new MailFixture()) {
            String user = fixture.newUser();
            String first = MailFixture.textMessage("first", "Körper in UTF-8? No: plain ASCII only here.");
            fixture.deliver(user, first);
            // about 3 MB, streamed to the client chunk by chunk
            StringBuilder big = new StringBuilder(MailFixture.textMessage("big one", "start"));
            String line = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789\r\n";
            while (big.length() < 3_000_000) {
                big.append(line);
            }
            byte[] bigBytes = big.toString().getBytes(StandardCharsets.US_ASCII);
            fixture.deliver(user, "", bigBytes);
            fixture.deliver(user, MailFixture.textMessage("third", "3"));

            Path script = Files.createTempFile("imaplib_session", ".py");
            try (InputStream in = getClass().getResourceAsStream("/imaplib_session.py")) {
                Files.write(script, in.readAllBytes());
            }
            String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(first.getBytes(StandardCharsets.UTF_8)));
            Process process = new ProcessBuilder("python3", script.toString(), "127.0.0.1", Integer.toString(port),
                    user, MailFixture.PASSWORD, MailFixture.certificate().toString(), sha256,
                    Integer.toString(bigBytes.length))
                    .redirectErrorStream(true).start();
            String output = readAll(process.getInputStream());
            assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).as(output).isZero();
            assertThat(output.trim()).isEqualTo("PASS");
            Files.deleteIfExists(script);
        }
    }

    private static String readAll(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
}
