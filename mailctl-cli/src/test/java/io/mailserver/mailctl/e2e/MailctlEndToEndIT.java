package io.mailserver.mailctl.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.mailserver.localstack.pki.ServiceIdentity;
import io.mailserver.testkit.client.TlsTrust;
import io.mailserver.testkit.grpc.InternalChannels;
import io.mailserver.localstack.LocalMailSystem;
import io.mailserver.localstack.MailService;
import io.mailserver.localstack.Ports;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.net.ssl.SSLSocketFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The README's promise, literally: {@code ./mailctl up} starts the packaged services as separate
 * processes, {@code ./mailctl} administers them, clients we did not write (Python's smtplib,
 * imaplib and poplib; Jakarta Mail) send and read mail over STARTTLS, after
 * {@code ./mailctl down} and {@code up} the mail is still there, and malformed input breaks nothing.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MailctlEndToEndIT {

    private static final String PASSWORD_ALICE = "correct horse battery";
    private static final String PASSWORD_BOB = "tr0ub4dor&3-staple";
    private static final byte[] MESSAGE = String.join("\r\n",
            "From: Carol <carol@elsewhere.test>",
            "To: alice@example.test, bob@example.test",
            "Subject: end-to-end check",
            "Message-ID: <e2e-1@elsewhere.test>",
            "Date: Thu, 26 Nov 2026 08:00:00 +0000",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=us-ascii",
            "",
            "Hello from smtplib.",
            ".a line that starts with a dot",
            "..and one with two",
            "",
            "Bye.",
            "").getBytes(StandardCharsets.US_ASCII);

    /** What the self-healing test kills, in this order: the six services, then the broker. */
    private static final List<String> KILLED_IN_TURN = List.of("storage-service", "smtp-service", "auth-service",
            "imap-service", "pop3-service", "dns-service", "kafka");

    private static Path home;
    private static Path data;
    private static Path cert;
    private static Process supervisor;
    private static final Ports PORTS = Ports.local();
    private static final PythonClients python = new PythonClients(Path.of("").toAbsolutePath());

    @BeforeAll
    static void up() throws Exception {
        home = LocalMailSystem.findHome();
        data = Files.createTempDirectory("mailctl-e2e-");
        for (int port : List.of(PORTS.postgres(), PORTS.kafka(), PORTS.smtpMx(), PORTS.imap(), PORTS.pop3(),
                PORTS.http(MailService.AUTH))) {
            assertPortFree(port);
        }
        startSupervisor();
        cert = data.resolve("tls/server.crt");
    }

    @AfterAll
    static void down() throws Exception {
        try {
            mailctl("down");
            if (supervisor != null) {
                supervisor.waitFor(120, TimeUnit.SECONDS);
            }
        } finally {
            if (supervisor != null && supervisor.isAlive()) {
                supervisor.destroyForcibly();
            }
            try (Stream<Path> files = Files.walk(data)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    @Order(1)
    void adminCommandsCreateDomainUsersAndAlias() throws Exception {
        assertThat(mailctl("domain", "add", "example.test")).isEqualTo(new Result(0, "domain example.test added\n", ""));
        assertThat(mailctl("user", "add", "alice@example.test", "--password", PASSWORD_ALICE).status()).isZero();
        assertThat(mailctl("user", "add", "bob@example.test", "--password", PASSWORD_BOB).status()).isZero();
        assertThat(mailctl("alias", "add", "team@example.test", "alice@example.test", "bob@example.test").status()).isZero();
        assertThat(mailctl("user", "list").out()).contains("alice@example.test", "bob@example.test");
        assertThat(mailctl("domain", "list").out()).isEqualTo("example.test\n");
        Result dkim = mailctl("domain", "dkim", "example.test");
        assertThat(dkim.status()).isZero();
        assertThat(dkim.out()).startsWith("publish this TXT record for example.test (rsa-sha256):\n")
                .containsPattern("\nmail\\d{8}\\._domainkey\\.example\\.test\\. IN TXT \"v=DKIM1; k=rsa; p=[A-Za-z0-9+/]+\" \"[A-Za-z0-9+/=]+\"\n");

        Result duplicate = mailctl("domain", "add", "example.test");
        assertThat(duplicate.status()).isEqualTo(1);
        assertThat(duplicate.err()).startsWith("mailctl: ").doesNotContain("Exception").hasLineCount(1);
    }

    @Test
    @Order(2)
    void quotaCommandsShowAndSetAnAccountsLimitsInStorage() throws Exception {
        assertThat(mailctl("user", "add", "dave@example.test", "--password", PASSWORD_ALICE).status()).isZero();
        assertThat(mailctl("quota", "show", "dave@example.test")).isEqualTo(new Result(0,
                "quota of dave@example.test\n  storage   0 bytes used, no limit\n  messages  0 used, no limit\n", ""));
        assertThat(mailctl("quota", "set", "dave@example.test", "--storage", "1M", "--messages", "2")).isEqualTo(
                new Result(0, "quota of dave@example.test\n  storage   0 bytes used, limit 1048576 bytes\n"
                        + "  messages  0 used, limit 2\n", ""));
        // a limit not given goes back to the default (none here)
        assertThat(mailctl("quota", "set", "dave@example.test", "--messages", "5").out())
                .contains("storage   0 bytes used, no limit", "messages  0 used, limit 5");
        Result unknown = mailctl("quota", "show", "nobody@example.test");
        assertThat(unknown.status()).isEqualTo(1);
        assertThat(unknown.err()).isEqualTo("mailctl: no account nobody@example.test\n");
    }

    @Test
    @Order(2)
    void queueCommandsReachStorageAsTheOperator() throws Exception {
        // nothing was sent to other domains here: what the listing and the actions say about an empty queue
        assertThat(mailctl("queue", "list")).isEqualTo(new Result(0, "the queue is empty\n", ""));
        assertThat(mailctl("queue", "retry", "--all")).isEqualTo(new Result(0, "0 entries are due now\n", ""));
        Result missing = mailctl("queue", "delete", "424242");
        assertThat(missing.status()).isEqualTo(1);
        assertThat(missing.err()).isEqualTo("mailctl: storage-service answered NOT_FOUND: entry 424242 is not queued\n");
        assertThat(mailctl("queue", "show", "424242").err()).contains("NOT_FOUND");
    }

    @Test
    @Order(2)
    void pythonClientsSendToTwoUsersAndReadBackByteForByte() throws Exception {
        Path message = data.resolve("message.eml");
        Files.write(message, MESSAGE);
        JsonNode sent = python.run("send", "--port", str(PORTS.smtpMx()), "--starttls", "--cafile", cert.toString(),
                "--sender", "carol@elsewhere.test", "--to", "alice@example.test", "--to", "bob@example.test",
                "--message", message.toString());
        assertThat(sent.path("refused").size()).isZero();

        Path viaImap = data.resolve("alice-imap.eml");
        JsonNode imap = python.run("imap-read", "--port", str(PORTS.imap()), "--starttls", "--cafile", cert.toString(),
                "--user", "alice@example.test", "--password", PASSWORD_ALICE, "--subject", "end-to-end", "--out", viaImap.toString());
        assertThat(imap.path("count").asInt()).isEqualTo(1);
        assertThat(imap.path("subject_matches").asInt()).isEqualTo(1);
        assertStoredWithTraceHeader(Files.readAllBytes(viaImap));

        Path viaPop = data.resolve("bob-pop3.eml");
        JsonNode pop = python.run("pop3-read", "--port", str(PORTS.pop3()), "--starttls", "--cafile", cert.toString(),
                "--user", "bob@example.test", "--password", PASSWORD_BOB, "--out", viaPop.toString());
        assertThat(pop.path("count").asInt()).isEqualTo(1);
        assertStoredWithTraceHeader(Files.readAllBytes(viaPop));
        assertThat(pop.path("size").asLong()).isEqualTo(Files.size(viaPop));
    }

    @Test
    @Order(3)
    void jakartaMailSendsAndReadsOverStartTls() throws Exception {
        Session session = Session.getInstance(jakartaMailProperties());
        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress("dave@elsewhere.test"));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress("team@example.test"));
        message.setSubject("via Jakarta Mail");
        message.setText("Sent through the alias to both users.\r\n");
        Transport.send(message);

        try (Store store = session.getStore("imap")) {
            store.connect("127.0.0.1", PORTS.imap(), "alice@example.test", PASSWORD_ALICE);
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_WRITE);
            List<String> subjects = new ArrayList<>();
            for (Message m : inbox.getMessages()) {
                subjects.add(m.getSubject());
            }
            assertThat(subjects).containsExactly("end-to-end check", "via Jakarta Mail");
            Message viaAlias = inbox.getMessage(2);
            assertThat(((String) viaAlias.getContent()).trim()).isEqualTo("Sent through the alias to both users.");
            viaAlias.setFlag(Flags.Flag.FLAGGED, true);
            assertThat(inbox.getMessage(2).isSet(Flags.Flag.FLAGGED)).isTrue();
            inbox.close(false);
        }

        try (Store store = session.getStore("pop3")) {
            store.connect("127.0.0.1", PORTS.pop3(), "bob@example.test", PASSWORD_BOB);
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            assertThat(inbox.getMessageCount()).isEqualTo(2);
            assertThat(inbox.getMessage(2).getSubject()).isEqualTo("via Jakarta Mail");
            inbox.close(false);
        }
    }

    @Test
    @Order(4)
    void mailSurvivesDownAndUp() throws Exception {
        Result down = mailctl("down");
        assertThat(down.status()).isZero();
        assertThat(supervisor.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(mailctl("status").status()).isEqualTo(1);

        startSupervisor();
        Path again = data.resolve("alice-after-restart.eml");
        JsonNode imap = python.run("imap-read", "--port", str(PORTS.imap()), "--starttls", "--cafile", cert.toString(),
                "--user", "alice@example.test", "--password", PASSWORD_ALICE, "--subject", "end-to-end", "--out", again.toString());
        assertThat(imap.path("count").asInt()).isEqualTo(2);
        assertThat(imap.path("subject_matches").asInt()).isEqualTo(1);
        assertThat(Files.readAllBytes(again)).isEqualTo(Files.readAllBytes(data.resolve("alice-imap.eml")));
    }

    /**
     * Bad input gets a protocol error or a clean disconnect: never a stack trace on the wire, an
     * error in a service's log, or a listener that stops answering; the maildrop it logged into
     * (without QUIT, so nothing may be deleted) reads back the same afterwards.
     */
    @Test
    @Order(5)
    void malformedInputLeavesEveryServiceWorking() throws Exception {
        Path logs = data.resolve("logs");
        List<Path> serviceLogs;
        try (Stream<Path> files = Files.list(logs)) {
            serviceLogs = files.filter(f -> f.getFileName().toString().endsWith("-service.log")).sorted().toList();
        }
        assertThat(serviceLogs).hasSize(6);
        long[] logSizes = new long[serviceLogs.size()];
        for (int i = 0; i < logSizes.length; i++) {
            logSizes[i] = Files.size(serviceLogs.get(i));
        }

        Path first = data.resolve("bob-before-malformed.eml");
        JsonNode before = python.run("pop3-read", "--port", str(PORTS.pop3()), "--starttls", "--cafile", cert.toString(),
                "--user", "bob@example.test", "--password", PASSWORD_BOB, "--out", first.toString());
        assertThat(before.path("count").asInt()).isPositive();

        JsonNode report = python.runScript("malformed_input.py", "--smtp", str(PORTS.smtpMx()), "--imap", str(PORTS.imap()),
                "--pop3", str(PORTS.pop3()), "--imaps", str(PORTS.imaps()), "--pop3s", str(PORTS.pop3s()),
                "--user", "bob@example.test", "--password", PASSWORD_BOB,
                "--seconds", "10", "--seed", "26");
        assertThat(report.path("leaks").size()).isZero();
        assertThat(report.path("sessions").path("imap").asInt()).isPositive();

        for (int i = 0; i < logSizes.length; i++) {
            byte[] all = Files.readAllBytes(serviceLogs.get(i));
            String added = new String(all, (int) logSizes[i], all.length - (int) logSizes[i], StandardCharsets.UTF_8);
            // WARN lines may name an exception class (a peer briefly away); errors and stack traces may not appear.
            assertThat(added).as("written to %s during the run", serviceLogs.get(i).getFileName())
                    .doesNotContainPattern("(?m) ERROR |^\\tat |^Caused by:");
        }
        Path second = data.resolve("bob-after-malformed.eml");
        JsonNode after = python.run("pop3-read", "--port", str(PORTS.pop3()), "--starttls", "--cafile", cert.toString(),
                "--user", "bob@example.test", "--password", PASSWORD_BOB, "--out", second.toString());
        assertThat(after).isEqualTo(before);
        assertThat(Files.readAllBytes(second)).isEqualTo(Files.readAllBytes(first));
    }

    /**
     * Issue 7, as a new user would see it: mail sent by a raw client with a bare LF before a dot line
     * is read back over POP3 by poplib (which splits at LF) and over IMAP, intact, and the reply after
     * RETR is the server's own, not the attacker's "+OK forged".
     */
    @Test
    @Order(6)
    void aBareLfDotLineNeitherCutsTheMessageNorForgesAReply() throws Exception {
        Path raw = data.resolve("framing-attack.txt");
        Files.write(raw, ("From: mallory@elsewhere.test\r\nTo: bob@example.test\r\nSubject: framing-attack\r\n\r\n"
                + "hello\n.\r\n+OK forged\r\n.\r\n").getBytes(StandardCharsets.US_ASCII));
        JsonNode sent = python.run("send-raw", "--port", str(PORTS.smtpMx()), "--starttls", "--cafile", cert.toString(),
                "--sender", "mallory@elsewhere.test", "--to", "bob@example.test", "--message", raw.toString());
        assertThat(sent.path("code").asInt()).isEqualTo(250);
        assertThat(sent.path("noop").asInt()).isEqualTo(250);

        JsonNode pop = python.run("pop3-framing", "--port", str(PORTS.pop3()), "--cafile", cert.toString(),
                "--user", "bob@example.test", "--password", PASSWORD_BOB);
        List<String> lines = new ArrayList<>();
        pop.path("lines").forEach(line -> lines.add(new String(java.util.Base64.getDecoder().decode(line.asText()),
                StandardCharsets.ISO_8859_1)));
        assertThat(lines).endsWith("Subject: framing-attack", "", "hello", ".", "+OK forged");
        assertThat(pop.path("noop").asText()).isEqualTo("+OK");

        Path viaImap = data.resolve("bob-framing-imap.eml");
        JsonNode imap = python.run("imap-read", "--port", str(PORTS.imap()), "--starttls", "--cafile", cert.toString(),
                "--user", "bob@example.test", "--password", PASSWORD_BOB, "--subject", "framing-attack", "--out", viaImap.toString());
        assertThat(imap.path("subject_matches").asInt()).isEqualTo(1);
        assertThat(new String(Files.readAllBytes(viaImap), StandardCharsets.ISO_8859_1))
                .endsWith("Subject: framing-attack\r\n\r\nhello\r\n.\r\n+OK forged\r\n");
    }

    /** storage-service on its local port answers only its peers, with their certificates, within their allowance. */
    @Test
    @Order(7)
    void rawGrpcCallsWithoutAPeerCertificateAreRefused() throws Exception {
        Path pki = data.resolve("pki");
        ManagedChannel plaintext = ManagedChannelBuilder.forAddress("127.0.0.1", PORTS.storageGrpc()).usePlaintext().build();
        ManagedChannel anonymous = InternalChannels.anonymous(pki.resolve("ca.crt").toFile(), PORTS.storageGrpc());
        ManagedChannel smtp = InternalChannels.as(new ServiceIdentity("smtp-service", pki.resolve("smtp-service.crt"),
                pki.resolve("smtp-service.key"), pki.resolve("ca.crt")), PORTS.storageGrpc());
        try {
            for (ManagedChannel stranger : List.of(plaintext, anonymous)) {
                assertThatThrownBy(() -> RawGrpc.call(stranger, "mail.storage.v1.MailboxService/ListMailboxes"))
                        .isInstanceOf(StatusRuntimeException.class);
            }
            // smtp-service may deliver, not list anyone's mailboxes
            assertThatThrownBy(() -> RawGrpc.call(smtp, "mail.storage.v1.MailboxService/ListMailboxes"))
                    .satisfies(e -> assertThat(Status.fromThrowable(e).getCode()).isEqualTo(Status.Code.PERMISSION_DENIED));
        } finally {
            plaintext.shutdownNow();
            anonymous.shutdownNow();
            smtp.shutdownNow();
        }
    }

    /**
     * Every service, then the broker, killed with SIGKILL in turn while mail is being delivered and
     * read: the system is ready again by itself each time ({@code mailctl status} counts the restart),
     * every message acknowledged with 250 is stored exactly once, and none is stored twice.
     */
    @Test
    @Order(8)
    void killingAnyPartUnderLoadLosesNothingAndHealsByItself() throws Exception {
        SmtpLoad load = new SmtpLoad(PORTS.smtpMx(), "alice@example.test");
        ImapReadLoad reads = new ImapReadLoad(PORTS.imaps(), cert, "alice@example.test", PASSWORD_ALICE);
        load.start();
        reads.start();
        try {
            for (String part : KILLED_IN_TURN) {
                int ackedBefore = load.acknowledged().size();
                await().atMost(Duration.ofSeconds(30)).until(() -> load.acknowledged().size() > ackedBefore);
                long pid = Long.parseLong(Files.readString(data.resolve("run/" + part + ".pid")).trim());
                ProcessHandle.of(pid).orElseThrow().destroyForcibly();
                await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1))
                        .until(() -> mailctl("status").status() == 0);
                assertThat(mailctl("status").out()).containsPattern("(?m)^" + part + " .*\\(restarts: 1");
            }
            int ackedBefore = load.acknowledged().size();
            await().atMost(Duration.ofSeconds(60)).until(() -> load.acknowledged().size() > ackedBefore);
            await().atMost(Duration.ofSeconds(60)).until(() -> reads.successes() > 0);
        } finally {
            load.stop();
            reads.stop();
        }

        Map<String, Integer> stored = new HashMap<>();
        Session session = Session.getInstance(jakartaMailProperties());
        try (Store store = session.getStore("imap")) {
            store.connect("127.0.0.1", PORTS.imap(), "alice@example.test", PASSWORD_ALICE);
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            for (Message m : inbox.getMessages()) {
                String subject = m.getSubject();
                if (subject != null && subject.startsWith(SmtpLoad.SUBJECT)) {
                    stored.merge(subject, 1, Integer::sum);
                }
            }
            inbox.close(false);
        }
        assertThat(load.acknowledged()).hasSizeGreaterThan(KILLED_IN_TURN.size());
        for (String subject : load.acknowledged()) {
            assertThat(stored.get(subject)).as("copies of acknowledged %s", subject).isEqualTo(1);
        }
        assertThat(stored.values()).as("no message stored twice").allMatch(copies -> copies == 1);
    }

    private static void assertStoredWithTraceHeader(byte[] stored) {
        String text = new String(stored, StandardCharsets.ISO_8859_1);
        assertThat(text).startsWith("Return-Path: <");
        assertThat(text).endsWith(new String(MESSAGE, StandardCharsets.ISO_8859_1));
        String trace = text.substring(0, text.length() - MESSAGE.length);
        // Only the trace headers were added: Return-Path, then Received, then the results of the
        // sender checks (each a first line and folded continuations), each ending in CRLF.
        assertThat(trace).matches("(?s)Return-Path: <[^\r\n>]*>\r\nReceived: [^\r\n]*(\r\n[ \t][^\r\n]*)*\r\n"
                + "Authentication-Results: [^\r\n]*(\r\n[ \t][^\r\n]*)*\r\n");
        // elsewhere.test publishes nothing (there is no such domain)
        assertThat(trace).contains("spf=none smtp.mailfrom=carol@elsewhere.test").contains("dmarc=none");
    }

    private static Properties jakartaMailProperties() {
        SSLSocketFactory trust = TlsTrust.trusting(cert).getSocketFactory();
        Properties props = new Properties();
        props.put("mail.smtp.host", "127.0.0.1");
        props.put("mail.smtp.port", str(PORTS.smtpMx()));
        props.put("mail.smtp.starttls.enable", "true");
        props.put("mail.smtp.starttls.required", "true");
        props.put("mail.smtp.ssl.socketFactory", trust);
        props.put("mail.smtp.ssl.checkserveridentity", "true");
        props.put("mail.imap.starttls.enable", "true");
        props.put("mail.imap.starttls.required", "true");
        props.put("mail.imap.ssl.socketFactory", trust);
        props.put("mail.imap.ssl.checkserveridentity", "true");
        props.put("mail.pop3.starttls.enable", "true");
        props.put("mail.pop3.starttls.required", "true");
        props.put("mail.pop3.ssl.socketFactory", trust);
        props.put("mail.pop3.ssl.checkserveridentity", "true");
        for (String protocol : List.of("smtp", "imap", "pop3")) {
            props.put("mail." + protocol + ".connectiontimeout", "10000");
            props.put("mail." + protocol + ".timeout", "30000");
        }
        return props;
    }

    private static void startSupervisor() throws IOException {
        ProcessBuilder builder = new ProcessBuilder(home.resolve("mailctl").toString(), "up")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(data.resolveSibling(data.getFileName() + "-up.log").toFile()));
        environment(builder);
        supervisor = builder.start();
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(2)).until(() -> {
            if (!supervisor.isAlive()) {
                throw new AssertionError("mailctl up exited with " + supervisor.exitValue() + ": "
                        + Files.readString(data.resolveSibling(data.getFileName() + "-up.log")));
            }
            return mailctl("status").status() == 0;
        });
    }

    record Result(int status, String out, String err) {
    }

    private static Result mailctl(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(home.resolve("mailctl").toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        environment(builder);
        Path out = Files.createTempFile(data, "out", ".txt");
        Path err = Files.createTempFile(data, "err", ".txt");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(180, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("mailctl " + String.join(" ", args) + " did not finish");
        }
        return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    private static void environment(ProcessBuilder builder) {
        builder.environment().put("MAILCTL_DATA", data.toString());
        builder.environment().put("MAILCTL_NO_BUILD", "1");
        builder.directory(home.toFile());
    }

    private static void assertPortFree(int port) throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress("127.0.0.1", port));
        } catch (IOException e) {
            throw new AssertionError("port " + port + " is in use; stop whatever runs there (a 'mailctl up'?) first");
        }
    }

    private static String str(int value) {
        return Integer.toString(value);
    }
}
