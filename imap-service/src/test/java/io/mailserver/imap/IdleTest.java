package io.mailserver.imap;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailserver.testkit.client.LineClient;
import io.mailserver.testkit.kafka.ConsumerGroups;
import io.mailserver.testkit.quarkus.SharedSystem;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * RFC 2177 IDLE over a real connection: a delivery, a flag change and an expunge made elsewhere
 * reach a session in IDLE through storage's change events (Kafka), within a second, long before
 * the fallback poll (60 s) could have found them.
 */
@QuarkusTest
class IdleTest extends ImapSessionTest {

    @BeforeEach
    void consumerListens() {
        ConsumerGroups.awaitAssigned(SharedSystem.get().kafkaBootstrapServers(), "imap-service-mailboxes-",
                "mail.mailbox-changed.v1", Duration.ofSeconds(60));
    }

    private LineClient selected(String user) {
        LineClient c = LineClient.connect("127.0.0.1", port);
        c.expect("* OK ");
        c.send("L1 LOGIN " + user + " " + MailFixture.PASSWORD).readUntil("L1 OK");
        c.send("S1 SELECT INBOX").readUntil("S1 OK");
        return c;
    }

    /** Reads the next line and how long it took to come. */
    private static long millisUntil(LineClient c, String expected, long since) {
        c.expect(expected);
        return (System.nanoTime() - since) / 1_000_000;
    }

    @Test
    void changesFromElsewhereArePushedWithinASecond() {
        String user = fixture.newUser();
        try (LineClient idler = selected(user); LineClient other = selected(user)) {
            idler.send("i1 IDLE");
            idler.expect("+ idling");

            long start = System.nanoTime();
            fixture.deliver(user, MailFixture.textMessage("pushed", "to a session in IDLE"));
            long delivery = millisUntil(idler, "* 1 EXISTS", start);
            idler.expect("* 1 RECENT");
            assertThat(delivery).as("delivery to EXISTS, ms").isLessThan(1000);

            other.send("o1 NOOP").readUntil("o1 OK");
            start = System.nanoTime();
            other.send("o2 STORE 1 +FLAGS.SILENT (\\Flagged)").readUntil("o2 OK");
            long flag = millisUntil(idler, "* 1 FETCH (UID 1 FLAGS (\\Recent \\Flagged))", start);
            assertThat(flag).as("flag change, ms").isLessThan(1000);

            start = System.nanoTime();
            other.send("o3 STORE 1 +FLAGS.SILENT (\\Deleted)").readUntil("o3 OK");
            idler.expect("* 1 FETCH (UID 1 FLAGS (\\Recent \\Flagged \\Deleted))");
            other.send("o4 EXPUNGE").readUntil("o4 OK");
            long expunge = millisUntil(idler, "* 1 EXPUNGE", start);
            assertThat(expunge).as("expunge, ms").isLessThan(2000);
            System.out.printf("IDLE push: delivery %d ms (incl. the delivery call), flag change %d ms, "
                    + "flag+expunge %d ms%n", delivery, flag, expunge);

            idler.send("DONE");
            idler.expect("i1 OK IDLE terminated");
            idler.send("i2 NOOP");
            idler.expect("i2 OK NOOP completed");
        }
    }

    @Test
    void idleEndsOnlyWithDone() {
        String user = fixture.newUser();
        try (LineClient c = LineClient.connect("127.0.0.1", port)) {
            c.expect("* OK ");
            c.send("i0 IDLE");
            c.expect("i0 BAD Not authenticated");
            c.send("L1 LOGIN " + user + " " + MailFixture.PASSWORD).readUntil("L1 OK");
            // without a mailbox IDLE just waits
            c.send("i1 IDLE");
            c.expect("+ idling");
            c.send("done");
            c.expect("i1 OK IDLE terminated");
            c.send("S1 SELECT INBOX").readUntil("S1 OK");
            c.send("i2 IDLE");
            c.expect("+ idling");
            c.send("i3 NOOP");
            c.expect("i2 BAD Expected DONE");
            c.send("i4 NOOP");
            c.expect("i4 OK");
        }
    }
}
