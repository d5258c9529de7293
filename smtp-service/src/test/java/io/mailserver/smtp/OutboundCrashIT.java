package io.mailserver.smtp;

import static io.mailserver.smtp.TestMail.ehlo;
import static org.assertj.core.api.Assertions.assertThat;

import io.mailserver.localstack.FreePorts;
import io.mailserver.localstack.LocalMailSystem;
import io.mailserver.localstack.MailService;
import io.mailserver.localstack.process.ServiceProcess;
import io.mailserver.testkit.client.LineClient;
import io.mailserver.testkit.quarkus.SharedSystem;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The queue's promise under a crash: 1,000 messages submitted (each acknowledged, so each durable), a
 * delivery worker killed with SIGKILL in the middle of delivering them, a second worker started in its
 * place. Every message reaches the remote server (aiosmtpd) or, for recipients it refuses, comes back
 * to the sender as exactly one bounce; none is lost. A message whose remote {@code 250} arrived in the
 * instant before the kill, with the attempt not yet recorded, is delivered again: no SMTP sender can
 * tell that case from a lost reply (RFC 5321 §6.1 prefers a duplicate to a loss), so duplicates are
 * bounded by the deliveries in flight at the kill, never more.
 */
class OutboundCrashIT {

    private static final int MESSAGES = 1000;
    /** Every 25th message goes to a recipient the remote server refuses: a bounce, exactly one each. */
    private static final int REFUSED_EVERY = 25;
    private static final int CONCURRENCY = 8;
    private static final Pattern SUBJECT = Pattern.compile("Subject: (crash-[0-9a-f]{8}-\\d+)\r\n");

    @Test
    void aKilledWorkerLosesNothingAndAnotherFinishesTheQueue() throws Exception {
        LocalMailSystem system = SharedSystem.get();
        system.startInfrastructure();
        system.startService(MailService.AUTH);
        system.startService(MailService.STORAGE);
        Path dir = Files.createTempDirectory("crash", PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwxr-xr-x")));
        try (SmtpSink sink = SmtpSink.start(dir.resolve("sink"))) {
            // submission only: the instance tests submit through never delivers, so the kill below hits
            // the only worker
            system.stopService(MailService.SMTP);
            system.startService(MailService.SMTP, Map.of(
                    "mail.smtp.delivery.enabled", "false",
                    "mail.smtp.submission.messages-per-hour", "100000",
                    "mail.smtp.submission.recipients-per-hour", "100000"));
            TestMail mail = new TestMail();
            String run = "crash-" + UUID.randomUUID().toString().substring(0, 8);
            submitAll(system.settings().ports().smtpSubmission(), mail, run);
            assertThat(queuedEntries(system, mail.alice)).isEqualTo(MESSAGES);

            ServiceProcess first = startWorker(system, sink, dir.resolve("worker-1"));
            Awaitility.await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(20))
                    .until(() -> sink.spool().toFile().list((d, name) -> name.endsWith(".eml")).length >= MESSAGES / 4);
            first.kill();
            int deliveredAtKill = delivered(sink.spool(), run).size();
            assertThat(deliveredAtKill).as("the kill must land mid-run").isLessThan(MESSAGES - MESSAGES / REFUSED_EVERY);

            ServiceProcess second = startWorker(system, sink, dir.resolve("worker-2"));
            try {
                // done when the queue is empty: every entry delivered or bounced, none waiting for a retry
                Awaitility.await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(500))
                        .until(() -> queuedEntries(system, mail.alice) == 0);
            } finally {
                second.stop();
            }

            Map<String, Integer> copies = delivered(sink.spool(), run);
            List<String> missing = new ArrayList<>();
            List<String> bounced = bouncedMarkers(mail, run);
            int duplicates = 0;
            for (int i = 0; i < MESSAGES; i++) {
                String marker = run + "-" + i;
                if (i % REFUSED_EVERY == 0) {
                    assertThat(bounced.stream().filter(marker::equals)).as("bounces for " + marker).hasSize(1);
                    assertThat(copies).doesNotContainKey(marker);
                } else if (!copies.containsKey(marker)) {
                    missing.add(marker);
                } else {
                    duplicates += copies.get(marker) - 1;
                }
            }
            // the figures for the record, in the build log
            System.out.printf("OutboundCrashIT: %d messages, killed the worker at %d delivered, %d delivered twice, %d bounced%n",
                    MESSAGES, deliveredAtKill, duplicates, bounced.size());
            assertThat(missing).as("lost messages").isEmpty();
            assertThat(duplicates).as("delivered twice: only those in flight at the kill").isLessThanOrEqualTo(CONCURRENCY);
        } finally {
            system.stopService(MailService.SMTP);
        }
    }

    /** Submits the messages over four connections at once, each acknowledged with 250 before the next. */
    private static void submitAll(int port, TestMail mail, String run) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < 4; c++) {
                int first = c;
                done.add(clients.submit(() -> {
                    try (LineClient client = LineClient.connect("127.0.0.1", port)) {
                        client.expect("220 ");
                        ehlo(client, "crash.client.test");
                        client.send("STARTTLS").expect("220 ");
                        client.startTls(TestMail.trust());
                        ehlo(client, "crash.client.test");
                        client.send("AUTH PLAIN " + TestMail.plain(mail.alice, TestMail.ALICE_PASSWORD)).expect("235 ");
                        for (int i = first; i < MESSAGES; i += 4) {
                            String rcpt = (i % REFUSED_EVERY == 0 ? "reject-" : "user-") + i + "@sink.test";
                            client.send("MAIL FROM:<" + mail.alice + ">").expect("250 ");
                            client.send("RCPT TO:<" + rcpt + ">").expect("250 ");
                            client.send("DATA").expect("354 ");
                            client.sendRaw("Subject: " + run + "-" + i + "\r\n\r\nmessage " + i + "\r\n.\r\n");
                            client.expect("250 2.0.0 ");
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            clients.shutdownNow();
        }
    }

    /** A delivery-only smtp-service instance with ports of its own, routing sink.test to the sink. */
    private static ServiceProcess startWorker(LocalMailSystem system, SmtpSink sink, Path logDir) throws Exception {
        Map<String, String> config = new HashMap<>(system.configFor(MailService.SMTP));
        config.put("mail.smtp.mx.port", Integer.toString(FreePorts.find()));
        config.put("mail.smtp.submission.port", Integer.toString(FreePorts.find()));
        config.put("mail.smtp.submissions.port", Integer.toString(FreePorts.find()));
        config.put("quarkus.http.port", Integer.toString(FreePorts.find()));
        config.put("mail.smtp.delivery.routes.\"sink.test\"", "127.0.0.1:" + sink.port());
        config.put("mail.smtp.delivery.mx-lookup", "false");
        config.put("mail.smtp.delivery.poll-interval", "200ms");
        config.put("mail.smtp.delivery.concurrency", Integer.toString(CONCURRENCY));
        // what a killed worker held comes back to the queue this soon
        config.put("mail.smtp.delivery.lease", "5s");
        return ServiceProcess.start(MailService.SMTP, system.settings().home(), config, Files.createDirectories(logDir));
    }

    /** This test's queue entries not yet done (delivered, bounced or expired); other tests' are theirs. */
    private static int queuedEntries(LocalMailSystem system, String sender) throws Exception {
        try (Connection c = DriverManager.getConnection(system.datasource().get("quarkus.datasource.jdbc.url"), "postgres", "");
                PreparedStatement s = c.prepareStatement("SELECT count(*) FROM storage.outbound_entries e "
                        + "JOIN storage.outbound_messages m ON m.queue_id = e.queue_id WHERE m.mail_from = ?")) {
            s.setString(1, sender);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getInt(1);
            }
        }
    }

    /** How many copies of each of this run's messages the sink filed, by subject. */
    private static Map<String, Integer> delivered(Path spool, String run) throws Exception {
        Map<String, Integer> copies = new HashMap<>();
        try (var files = Files.list(spool)) {
            for (Path eml : files.filter(p -> p.toString().endsWith(".eml")).toList()) {
                Matcher m = SUBJECT.matcher(Files.readString(eml, StandardCharsets.ISO_8859_1));
                if (m.find() && m.group(1).startsWith(run)) {
                    copies.merge(m.group(1), 1, Integer::sum);
                }
            }
        }
        return copies;
    }

    /** The subjects of the originals in the bounces alice got, one entry per bounce. */
    private static List<String> bouncedMarkers(TestMail mail, String run) {
        List<String> markers = new ArrayList<>();
        for (String bounce : mail.inboxTexts(mail.alice)) {
            Matcher m = SUBJECT.matcher(bounce);
            if (bounce.contains("Undelivered Mail Returned") && m.find() && m.group(1).startsWith(run)) {
                markers.add(m.group(1));
            }
        }
        return markers;
    }
}
