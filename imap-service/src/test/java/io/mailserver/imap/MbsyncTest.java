package io.mailserver.imap;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailserver.testkit.client.LineClient;
import io.mailserver.testkit.quarkus.PeerServicesResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * mbsync (isync from Debian), a real synchronising client, over implicit TLS: a first sync pulls
 * the mailbox down, local changes (a flag, a deletion, a new message, a new folder) go up on the
 * second, and the server shows them.
 */
@QuarkusTest
@QuarkusTestResource(PeerServicesResource.class)
@QuarkusTestResource(ImapPortsResource.class)
class MbsyncTest {

    @ConfigProperty(name = "mail.imap.tls-port")
    int tlsPort;

    @TempDir
    Path home;

    private String mbsync(Path config) throws IOException, InterruptedException {
        Path output = home.resolve("mbsync.out");
        Process process = new ProcessBuilder("mbsync", "-c", config.toString(), "-a")
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("mbsync finished").isTrue();
        String text = Files.readString(output);
        assertThat(process.exitValue()).as(text).isZero();
        assertThat(text).doesNotContainIgnoringCase("error");
        return text;
    }

    private static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> cur = Files.list(dir.resolve("cur")); Stream<Path> fresh = Files.list(dir.resolve("new"))) {
            return Stream.concat(cur, fresh).sorted().toList();
        }
    }

    @Test
    void syncsBothWays() throws Exception {
        try (MailFixture fixture = new MailFixture()) {
            String user = fixture.newUser();
            fixture.deliver(user, MailFixture.textMessage("first", "one"));
            fixture.deliver(user, MailFixture.textMessage("second", "two"));
            fixture.deliver(user, MailFixture.textMessage("third", "three"));
            Path maildir = Files.createDirectories(home.resolve("Mail"));
            Path config = home.resolve("mbsyncrc");
            Files.writeString(config, String.join("\n",
                    "IMAPAccount test",
                    "Host localhost",
                    "Port " + tlsPort,
                    "User " + user,
                    "Pass " + MailFixture.PASSWORD,
                    "SSLType IMAPS",
                    "CertificateFile " + MailFixture.certificate(),
                    "",
                    "IMAPStore remote",
                    "Account test",
                    "",
                    "MaildirStore local",
                    "Path " + maildir + "/",
                    "Inbox " + maildir.resolve("INBOX"),
                    "SubFolders Verbatim",
                    "",
                    "Channel sync",
                    "Far :remote:",
                    "Near :local:",
                    "Patterns *",
                    "Create Both",
                    "Expunge Both",
                    "SyncState *",
                    ""), StandardCharsets.UTF_8);

            mbsync(config);
            Path inbox = maildir.resolve("INBOX");
            List<Path> pulled = files(inbox);
            assertThat(pulled).hasSize(3);
            assertThat(Files.isDirectory(maildir.resolve("Sent"))).isTrue();

            // local changes: \Seen on one message, another deleted, a new message, a new folder
            Path seen = pulled.get(0);
            Files.move(seen, inbox.resolve("cur").resolve(seen.getFileName().toString().replaceAll(":2,.*$", "") + ":2,S"));
            Files.delete(pulled.get(1));
            Files.writeString(inbox.resolve("new").resolve("1700000000.local1.host"),
                    MailFixture.textMessage("written locally", "up to the server"));
            Path projects = maildir.resolve("Projects");
            for (String sub : List.of("cur", "new", "tmp")) {
                Files.createDirectories(projects.resolve(sub));
            }
            Files.writeString(projects.resolve("new").resolve("1700000001.local2.host"),
                    MailFixture.textMessage("in a new folder", "created by mbsync"));

            mbsync(config);

            try (LineClient c = LineClient.connectTls("127.0.0.1", tlsPort,
                    io.mailserver.testkit.client.TlsTrust.trusting(MailFixture.certificate()))) {
                c.expect("* OK ");
                c.send("a1 LOGIN " + user + " " + MailFixture.PASSWORD);
                c.expect("a1 OK");
                c.send("a2 EXAMINE INBOX");
                assertThat(c.readUntil("a2 ")).contains("* 3 EXISTS");
                c.send("a3 SEARCH SEEN");
                assertThat(c.readLine()).matches("\\* SEARCH \\d+");
                c.expect("a3 OK");
                c.send("a4 SEARCH SUBJECT \"written locally\"");
                assertThat(c.readLine()).matches("\\* SEARCH \\d+");
                c.expect("a4 OK");
                c.send("a5 SEARCH OR SUBJECT first OR SUBJECT second SUBJECT third");
                assertThat(c.readLine().split(" ")).hasSize(4);
                c.expect("a5 OK");
                c.send("a6 STATUS Projects (MESSAGES)");
                c.expect("* STATUS Projects (MESSAGES 1)");
                c.expect("a6 OK");
            }
            // a third run finds nothing left to do
            mbsync(config);
            assertThat(files(inbox)).hasSize(3);
        }
    }
}
