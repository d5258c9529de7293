package io.mailserver.smtp;

import static io.mailserver.smtp.TestMail.ehlo;
import static org.assertj.core.api.Assertions.assertThat;

import io.mailserver.testkit.client.LineClient;
import io.mailserver.testkit.quarkus.PeerServicesResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** CHUNKING (RFC 3030): BDAT conversations with a raw line client against real auth and storage. */
@QuarkusTest
@QuarkusTestResource(PeerServicesResource.class)
@QuarkusTestResource(SmtpPortsResource.class)
class ChunkingConversationTest {

    private static TestMail mail;

    @ConfigProperty(name = "mail.smtp.mx.port")
    int mxPort;

    @BeforeAll
    static void accounts() {
        mail = new TestMail();
    }

    private LineClient connect() {
        LineClient c = LineClient.connect("127.0.0.1", mxPort);
        c.expect("220 ");
        assertThat(ehlo(c, "chunks.client.test")).contains("250-CHUNKING");
        return c;
    }

    private static String bdat(String octets, boolean last) {
        return "BDAT " + octets.getBytes(StandardCharsets.ISO_8859_1).length + (last ? " LAST" : "") + "\r\n" + octets;
    }

    private List<String> storedWith(String marker) {
        return mail.inboxTexts(mail.alice).stream().filter(m -> m.contains(marker)).toList();
    }

    @Test
    void chunksAreStoredAsTheyCameWithoutStuffingOrTerminator() {
        String marker = "bdat-" + UUID.randomUUID();
        // a dot line, a leading dot and "CRLF.CRLF" mean nothing inside a counted chunk
        String first = "Subject: " + marker + "\r\n\r\nfirst chunk\r\n.\r\n";
        String second = "..two dots stay two\r\nMAIL FROM:<smuggled@example.org>\r\n";
        try (LineClient c = connect()) {
            c.send("MAIL FROM:<sender@remote.example>").expect("250 2.1.0");
            c.send("RCPT TO:<" + mail.alice + ">").expect("250 2.1.5");
            c.sendRaw(bdat(first, false)).expect("250 2.0.0 ");
            c.send("DATA").expect("503 5.5.1 DATA not permitted after BDAT");
            c.sendRaw(bdat(second, false)).expect("250 2.0.0 ");
            c.sendRaw("BDAT 0 LAST\r\n").expect("250 2.0.0 Ok: queued as ");
            c.send("NOOP").expect("250 ");
        }
        List<String> stored = storedWith(marker);
        assertThat(stored).hasSize(1);
        assertThat(TestMail.withoutTraceHeaders(stored.get(0))).isEqualTo(first + second);
    }

    @Test
    void pipelinedChunksAndCommandsStayInStep() {
        String marker = "bdat-pipe-" + UUID.randomUUID();
        String message = "Subject: " + marker + "\r\n\r\nbody\r\n";
        try (LineClient c = connect()) {
            c.sendRaw("MAIL FROM:<sender@remote.example>\r\nRCPT TO:<" + mail.alice + ">\r\n"
                    + bdat(message.substring(0, 10), false) + bdat(message.substring(10), true) + "QUIT\r\n");
            c.expect("250 2.1.0");
            c.expect("250 2.1.5");
            c.expect("250 2.0.0 Chunk received");
            c.expect("250 2.0.0 Ok: queued as ");
            c.expect("221 ");
        }
        assertThat(storedWith(marker)).hasSize(1);
    }

    @Test
    void refusedChunksAreReadToTheirEndAndNeverRunAsCommands() {
        try (LineClient c = connect()) {
            // no transaction: the octets, which look like commands, are read and dropped
            c.sendRaw(bdat("RSET\r\nQUIT\r\n", true)).expect("503 5.5.1 Need MAIL command");
            c.send("MAIL FROM:<sender@remote.example>").expect("250 2.1.0");
            c.sendRaw(bdat("HELP\r\n", false)).expect("503 5.5.1 No valid recipients");
            c.send("NOOP").expect("250 ");
            c.send("RCPT TO:<" + mail.alice + ">").expect("250 2.1.5");
            c.send("RSET").expect("250 ");
            // a chunk that cannot be framed ends the connection
            c.send("BDAT lots").expect("501 5.5.4 ");
            assertThat(c.closedByServer()).isTrue();
        }
    }

    @Test
    void bareLineEndingsAreNormalizedAcrossChunks() {
        String marker = "bdat-lf-" + UUID.randomUUID();
        try (LineClient c = connect()) {
            c.send("MAIL FROM:<sender@remote.example>").expect("250 2.1.0");
            c.send("RCPT TO:<" + mail.alice + ">").expect("250 2.1.5");
            // a CR at the end of one chunk and its LF at the start of the next are one line ending
            c.sendRaw(bdat("Subject: " + marker + "\r\n\r\nbare lf\nsplit\r", false)).expect("250 2.0.0 ");
            c.sendRaw(bdat("\nbare cr\rend", true)).expect("250 2.0.0 Ok");
        }
        assertThat(TestMail.withoutTraceHeaders(storedWith(marker).get(0)))
                .isEqualTo("Subject: " + marker + "\r\n\r\nbare lf\r\nsplit\r\nbare cr\r\nend");
    }

    @Test
    void oversizeChunkedMessagesAreRefusedAtTheChunkThatPassesTheLimit() {
        String marker = "bdat-big-" + UUID.randomUUID();
        try (LineClient c = connect()) {
            c.send("MAIL FROM:<sender@remote.example>").expect("250 2.1.0");
            c.send("RCPT TO:<" + mail.alice + ">").expect("250 2.1.5");
            c.sendRaw(bdat("Subject: " + marker + "\r\n\r\n", false)).expect("250 2.0.0 ");
            String big = "x".repeat(SmtpPortsResource.MAX_MESSAGE_SIZE);
            c.sendRaw(bdat(big, false)).expect("552 5.3.4 ");
            // the transaction is over
            c.sendRaw(bdat("more", true)).expect("503 5.5.1 Need MAIL command");
            c.send("NOOP").expect("250 ");
        }
        assertThat(storedWith(marker)).isEmpty();
    }
}
