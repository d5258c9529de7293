package io.mailserver.imap;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailserver.localstack.FreePorts;
import io.mailserver.localstack.LocalMailSystem;
import io.mailserver.localstack.MailService;
import io.mailserver.localstack.process.ServiceProcess;
import io.mailserver.testkit.client.LineClient;
import io.mailserver.testkit.client.TlsTrust;
import io.mailserver.testkit.kafka.ConsumerGroups;
import io.mailserver.testkit.quarkus.SharedSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Two packaged imap-service instances in front of one storage-service, as a scaled deployment runs
 * them: a session in IDLE on instance A learns of an APPEND, a flag change and an expunge made
 * through instance B within a second, through storage's change events.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwoInstancesIT {

    private final LocalMailSystem system = SharedSystem.get();
    private final String groupA = "imap-a-mailboxes-" + UUID.randomUUID();
    private ServiceProcess b;
    private int bPort;
    private MailFixture fixture;
    private SSLContext trust;

    @BeforeAll
    void start() throws Exception {
        system.startInfrastructure();
        system.startService(MailService.AUTH);
        system.startService(MailService.STORAGE);
        system.stopService(MailService.IMAP);
        system.startService(MailService.IMAP, Map.of("mp.messaging.incoming.mailbox-changed.group.id", groupA));
        Map<String, String> config = new HashMap<>(system.configFor(MailService.IMAP));
        bPort = FreePorts.find();
        config.put("mail.imap.tls-port", Integer.toString(bPort));
        config.put("mail.imap.port", Integer.toString(FreePorts.find()));
        config.put("quarkus.http.port", Integer.toString(FreePorts.find()));
        Path logDir = Files.createDirectories(system.logDir().resolve("imap-instance-b"));
        b = ServiceProcess.start(MailService.IMAP, system.settings().home(), config, logDir);
        fixture = new MailFixture();
        trust = TlsTrust.trusting(system.certificate().certificate());
        ConsumerGroups.awaitAssigned(system.kafkaBootstrapServers(), groupA, "mail.mailbox-changed.v1",
                Duration.ofSeconds(60));
    }

    @AfterAll
    void stop() {
        fixture.close();
        if (b != null) {
            b.stop();
        }
        system.stopService(MailService.IMAP);
    }

    private LineClient selected(int port, String user) {
        LineClient c = LineClient.connectTls("127.0.0.1", port, trust);
        c.expect("* OK ");
        c.send("L1 LOGIN " + user + " " + MailFixture.PASSWORD).readUntil("L1 OK");
        c.send("S1 SELECT INBOX").readUntil("S1 OK");
        return c;
    }

    private static long millisUntil(LineClient c, String expected, long since) {
        c.expect(expected);
        return (System.nanoTime() - since) / 1_000_000;
    }

    @Test
    void idleOnOneInstanceSeesChangesMadeThroughAnother() {
        String user = fixture.newUser();
        String message = MailFixture.textMessage("through B", "appended on the other instance");
        try (LineClient onA = selected(system.settings().ports().imaps(), user); LineClient onB = selected(bPort, user)) {
            onA.send("i1 IDLE");
            onA.expect("+ idling");

            long start = System.nanoTime();
            onB.send("b1 APPEND INBOX {" + message.length() + "+}");
            onB.sendRaw(message + "\r\n");
            onB.expect("* 1 EXISTS");
            // \Recent goes to whichever session learns of the message first
            assertThat(onB.readLine()).matches("\\* [01] RECENT");
            onB.expect("b1 OK [APPENDUID ");
            long appendDone = (System.nanoTime() - start) / 1_000_000;
            long append = millisUntil(onA, "* 1 EXISTS", start);
            assertThat(onA.readLine()).matches("\\* [01] RECENT");

            start = System.nanoTime();
            onB.send("b2 STORE 1 +FLAGS (\\Seen)");
            onB.readUntil("b2 OK");
            long flagDone = (System.nanoTime() - start) / 1_000_000;
            String flagLine = onA.readLine();
            long flag = (System.nanoTime() - start) / 1_000_000;
            assertThat(flagLine).matches("\\* 1 FETCH \\(UID 1 FLAGS \\((\\\\Recent )?\\\\Seen\\)\\)");

            start = System.nanoTime();
            onB.send("b3 MOVE 1 Trash");
            onB.readUntil("b3 OK");
            long moveDone = (System.nanoTime() - start) / 1_000_000;
            long move = millisUntil(onA, "* 1 EXPUNGE", start);

            onA.send("DONE");
            onA.expect("i1 OK IDLE terminated");
            // A bound against a lost push (which would wait for mail.imap.timeouts.idle-poll), not a speed
            // target: on two loaded cores a MOVE once took 1.3 s end to end. Latency is measured in
            // bench/ (issue 10); the figures are printed below.
            assertThat(append).as("APPEND on B to EXISTS on A, ms").isLessThan(5000);
            assertThat(flag).as("STORE on B to FETCH on A, ms").isLessThan(5000);
            assertThat(move).as("MOVE on B to EXPUNGE on A, ms").isLessThan(5000);
            System.out.printf("two instances, IDLE on A: append %d ms, flag %d ms, move %d ms%n", append, flag, move);
            // the push alone: from B's tagged OK (storage committed, event sent) to A's report, the
            // issue's 100 ms target; negative when A heard of it before B's client did
            System.out.printf("two instances, push after B's OK: append %d ms, flag %d ms, move %d ms%n",
                    append - appendDone, flag - flagDone, move - moveDone);
        }
    }

    @Test
    void qresyncOnOneInstanceReportsAnExpungeMadeThroughTheOther() {
        String user = fixture.newUser();
        fixture.deliver(user, MailFixture.textMessage("kept", "1"));
        fixture.deliver(user, MailFixture.textMessage("expunged through B", "2"));
        int aPort = system.settings().ports().imaps();
        long validity;
        long modseq;
        try (LineClient onA = LineClient.connectTls("127.0.0.1", aPort, trust)) {
            onA.expect("* OK ");
            onA.send("L1 LOGIN " + user + " " + MailFixture.PASSWORD).readUntil("L1 OK");
            onA.send("E1 ENABLE QRESYNC");
            onA.expect("* ENABLED QRESYNC");
            onA.expect("E1 OK");
            List<String> select = onA.send("S1 SELECT INBOX").readUntil("S1 OK");
            validity = Long.parseLong(select.stream().filter(l -> l.startsWith("* OK [UIDVALIDITY "))
                    .findFirst().orElseThrow().replaceAll("\\D", ""));
            modseq = Long.parseLong(select.stream().filter(l -> l.startsWith("* OK [HIGHESTMODSEQ "))
                    .findFirst().orElseThrow().replaceAll("\\D", ""));
        }
        try (LineClient onB = selected(bPort, user)) {
            onB.send("b1 STORE 2 +FLAGS.SILENT (\\Deleted)").readUntil("b1 OK");
            onB.send("b2 EXPUNGE").readUntil("b2 OK");
        }
        try (LineClient onA = LineClient.connectTls("127.0.0.1", aPort, trust)) {
            onA.expect("* OK ");
            onA.send("L1 LOGIN " + user + " " + MailFixture.PASSWORD).readUntil("L1 OK");
            onA.send("E1 ENABLE QRESYNC").readUntil("E1 OK");
            List<String> resync = onA.send("S1 SELECT INBOX (QRESYNC (" + validity + " " + modseq + "))")
                    .readUntil("S1 ");
            assertThat(resync).contains("* 1 EXISTS", "* VANISHED (EARLIER) 2");
            assertThat(resync.get(resync.size() - 1)).startsWith("S1 OK");
        }
    }
}
