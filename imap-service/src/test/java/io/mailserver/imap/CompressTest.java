package io.mailserver.imap;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailserver.testkit.quarkus.PeerServicesResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * RFC 4978 COMPRESS=DEFLATE against a client whose deflate is not ours (Python's zlib): plain OK,
 * then compressed both ways, a highly compressible APPEND, and a decompression bomb cut off at the
 * line limit.
 */
@QuarkusTest
@QuarkusTestResource(PeerServicesResource.class)
@QuarkusTestResource(ImapPortsResource.class)
class CompressTest {

    @ConfigProperty(name = "mail.imap.port")
    int port;

    @Test
    void deflateBothWaysWithPythonZlib() throws Exception {
        try (MailFixture fixture = new MailFixture()) {
            String user = fixture.newUser();
            fixture.deliver(user, MailFixture.textMessage("squeezed", "body"));
            Path script = Files.createTempFile("compress_session", ".py");
            try (InputStream in = getClass().getResourceAsStream("/compress_session.py")) {
                Files.write(script, in.readAllBytes());
            }
            Process process = new ProcessBuilder("python3", script.toString(), "127.0.0.1", Integer.toString(port),
                    user, MailFixture.PASSWORD, "squeezed")
                    .redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).as(output).isZero();
            assertThat(output.trim()).isEqualTo("PASS");
            Files.deleteIfExists(script);
        }
    }
}
