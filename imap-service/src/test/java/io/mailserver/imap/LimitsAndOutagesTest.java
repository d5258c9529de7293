package io.mailserver.imap;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailserver.testkit.client.LineClient;
import io.mailserver.localstack.FreePorts;
import io.mailserver.localstack.LocalMailSystem;
import io.mailserver.localstack.MailService;
import io.mailserver.testkit.quarkus.SharedSystem;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * A server with tight limits and no reachable storage-service: commands answer NO [UNAVAILABLE]
 * and the session goes on; idle clients, crowds from one address and endless command streams are
 * sent away.
 */
@QuarkusTest
@QuarkusTestResource(value = LimitsAndOutagesTest.TightServerResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(ImapPortsResource.class)
class LimitsAndOutagesTest {

    /** The real auth-service, a storage address where nothing listens, small limits. */
    public static final class TightServerResource implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            LocalMailSystem system = SharedSystem.get();
            system.startInfrastructure();
            system.startService(MailService.AUTH);
            Map<String, String> config = new HashMap<>(system.peers());
            config.putAll(system.tls());
            config.put("mail.hostname", system.settings().hostName());
            String nowhere = Integer.toString(FreePorts.find());
            config.put("quarkus.grpc.clients.storage.port", nowhere);
            // ImapPortsResource points the test port at the real storage; this resource starts later and wins
            config.put("quarkus.grpc.clients.storage.test-port", nowhere);
            config.put("mail.imap.timeouts.peer-call", "3s");
            config.put("mail.imap.timeouts.idle-before-auth", "2s");
            config.put("mail.imap.limits.connections-per-address", "4");
            config.put("mail.imap.limits.commands-per-connection", "12");
            config.put("mail.imap.limits.connections-per-account", "2");
            return config;
        }

        @Override
        public void stop() {
        }

        @Override
        public int order() {
            return 100;
        }
    }

    @ConfigProperty(name = "mail.imap.port")
    int port;

    @Test
    void commandsAnswerUnavailableAndTheSessionStaysUsable() {
        try (MailFixture fixture = new MailFixture()) {
            String user = fixture.newUser();
            try (LineClient c = LineClient.connect("127.0.0.1", port)) {
                c.expect("* OK");
                c.send("a1 LOGIN " + user + " " + MailFixture.PASSWORD);
                c.expect("a1 OK");
                c.send("a2 SELECT INBOX");
                c.expect("a2 NO [UNAVAILABLE] Service temporarily unavailable, try again later");
                c.send("a3 LIST \"\" *");
                c.expect("a3 NO [UNAVAILABLE]");
                c.send("a4 NOOP");
                c.expect("a4 OK NOOP completed");
                c.send("a5 LOGOUT");
                c.expect("* BYE");
                c.expect("a5 OK");
            }
        }
        RestAssured.get("/q/health/ready").then().statusCode(503);
        assertThat(RestAssured.get("/q/health/live").statusCode()).isEqualTo(200);
    }

    @Test
    void idleClientsAreLoggedOut() {
        try (LineClient c = LineClient.connect("127.0.0.1", port)) {
            c.expect("* OK");
            // S: after 2 s of silence (the read timeout of LineClient is 15 s)
            c.expect("* BYE Autologout; idle for too long");
            assertThat(c.closedByServer()).isTrue();
        }
    }

    @Test
    void connectionsPerAddressAreLimited() {
        List<LineClient> open = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                LineClient c = LineClient.connect("127.0.0.1", port);
                c.expect("* OK");
                open.add(c);
            }
            try (LineClient fifth = LineClient.connect("127.0.0.1", port)) {
                fifth.expect("* BYE [LIMIT] Too many connections from your address");
                assertThat(fifth.closedByServer()).isTrue();
            }
            open.remove(0).close();
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).untilAsserted(() -> {
                try (LineClient again = LineClient.connect("127.0.0.1", port)) {
                    again.expect("* OK");
                }
            });
        } finally {
            open.forEach(LineClient::close);
        }
    }

    @Test
    void connectionsPerAccountAreLimited() {
        try (MailFixture fixture = new MailFixture()) {
            String user = fixture.newUser();
            try (LineClient first = LineClient.connect("127.0.0.1", port);
                    LineClient second = LineClient.connect("127.0.0.1", port);
                    LineClient third = LineClient.connect("127.0.0.1", port)) {
                for (LineClient c : List.of(first, second, third)) {
                    c.expect("* OK");
                }
                first.send("a1 LOGIN " + user + " " + MailFixture.PASSWORD);
                first.expect("a1 OK");
                second.send("b1 LOGIN " + user + " " + MailFixture.PASSWORD);
                second.expect("b1 OK");
                third.send("c1 LOGIN " + user + " " + MailFixture.PASSWORD);
                third.expect("c1 NO [LIMIT] Too many connections for this account");
                // still not authenticated, still connected
                third.send("c2 SELECT INBOX");
                third.expect("c2 BAD ");
                first.send("a2 LOGOUT");
                first.expect("* BYE");
                org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).untilAsserted(() -> {
                    third.send("c3 LOGIN " + user + " " + MailFixture.PASSWORD);
                    assertThat(third.readUntil("c3 ")).last().asString().startsWith("c3 OK");
                });
            }
        }
    }

    @Test
    void commandsPerConnectionAreLimited() {
        try (LineClient c = LineClient.connect("127.0.0.1", port)) {
            c.expect("* OK");
            for (int i = 1; i <= 12; i++) {
                c.send("n" + i + " NOOP");
                c.expect("n" + i + " OK");
            }
            c.send("n13 NOOP");
            c.expect("* BYE [LIMIT] Too many commands on one connection");
            assertThat(c.closedByServer()).isTrue();
        }
    }
}
