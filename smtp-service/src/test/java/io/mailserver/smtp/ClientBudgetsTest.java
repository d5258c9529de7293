package io.mailserver.smtp;

import static io.mailserver.smtp.TestMail.ehlo;

import io.mailserver.testkit.client.LineClient;
import io.mailserver.testkit.quarkus.PeerServicesResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.assertj.core.api.Assertions;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Budgets per client address across connections: a client that reconnects does not start afresh.
 * Recipients accepted on the MX, then error replies, each until the budget is spent.
 */
@QuarkusTest
@QuarkusTestResource(PeerServicesResource.class)
@QuarkusTestResource(SmtpPortsResource.class)
class ClientBudgetsTest {

    /** The client address the test configuration does not exempt (every other test uses 127.0.0.1). */
    private static final String CLIENT = "127.0.0.2";

    private static TestMail mail;

    @ConfigProperty(name = "mail.smtp.mx.port")
    int mxPort;

    @BeforeAll
    static void accounts() {
        mail = new TestMail();
    }

    private LineClient transaction() {
        LineClient c = LineClient.connectFrom(CLIENT, "127.0.0.1", mxPort);
        c.expect("220 ");
        ehlo(c, "budget.client.test");
        c.send("MAIL FROM:<x@remote.example>").expect("250 2.1.0");
        return c;
    }

    @Test
    void recipientsThenErrorsRunOutAcrossConnections() {
        try (LineClient c = transaction()) {
            c.send("RCPT TO:<" + mail.alice + ">").expect("250 2.1.5");
            c.send("RCPT TO:<" + mail.bob + ">").expect("250 2.1.5");
        }
        // a new connection carries on where the last one stopped
        try (LineClient c = transaction()) {
            c.send("RCPT TO:<" + mail.alice + ">").expect("250 2.1.5");
            c.send("RCPT TO:<" + mail.bob + ">").expect("450 4.7.1");
        }
        try (LineClient c = transaction()) {
            c.send("RCPT TO:<" + mail.bob + ">").expect("450 4.7.1");
            // errors: three in this connection, the fourth spends the budget and ends it
            for (int i = 0; i < SmtpPortsResource.BUDGET_ERRORS - 1; i++) {
                c.send("EXPN staff").expect("500 5.5.2");
            }
        }
        try (LineClient c = LineClient.connectFrom(CLIENT, "127.0.0.1", mxPort)) {
            c.expect("220 ");
            c.send("EXPN staff").expect("500 5.5.2");
            c.expect("421 4.7.0");
            Assertions.assertThat(c.closedByServer()).isTrue();
        }
        // and from now on the address is turned away at once
        try (LineClient c = LineClient.connectFrom(CLIENT, "127.0.0.1", mxPort)) {
            c.expect("421 4.7.0 ");
            Assertions.assertThat(c.closedByServer()).isTrue();
        }
    }
}
