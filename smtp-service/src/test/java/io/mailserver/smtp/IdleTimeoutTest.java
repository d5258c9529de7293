package io.mailserver.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailserver.testkit.client.LineClient;
import io.mailserver.testkit.quarkus.PeerServicesResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * A silent client is told 421 4.4.2 and disconnected (RFC 5321 §4.5.3.2.7; the timeout is
 * {@link SmtpPortsResource#IDLE_SECONDS} in tests). Not a test profile of its own: a profile restarts
 * the application in a new class loader, which would start a second shared system.
 */
@QuarkusTest
@QuarkusTestResource(PeerServicesResource.class)
@QuarkusTestResource(SmtpPortsResource.class)
class IdleTimeoutTest {

    @ConfigProperty(name = "mail.smtp.mx.port")
    int mxPort;

    @Test
    void silentClientIsDisconnected() {
        try (LineClient c = LineClient.connect("127.0.0.1", mxPort)) {
            c.expect("220 ");
            c.send("EHLO idle.test");
            TestMail.reply(c);
            c.sendRaw("MAIL FROM:<x@remote.ex");
            // A half command line is activity once; the silence after it still ends the session.
            long start = System.nanoTime();
            c.expect("421 4.4.2");
            assertThat(c.closedByServer()).isTrue();
            assertThat((System.nanoTime() - start) / 1_000_000_000.0).isGreaterThan(SmtpPortsResource.IDLE_SECONDS - 1);
        }
    }
}
