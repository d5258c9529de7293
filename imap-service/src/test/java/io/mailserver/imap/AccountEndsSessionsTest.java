package io.mailserver.imap;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailserver.testkit.client.LineClient;
import io.mailserver.testkit.kafka.ConsumerGroups;
import io.mailserver.testkit.quarkus.PeerServicesResource;
import io.mailserver.testkit.quarkus.SharedSystem;
import io.quarkus.test.common.QuarkusTestResource;
import io.mailserver.imap.events.AccountEventsListener;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Disabling or deleting an account in auth-service ends its open IMAP sessions within seconds: the
 * event goes through auth's outbox and Kafka to this instance, which sends BYE and closes. A session
 * of another account is untouched, and the account cannot log in again. A change no event told of
 * is caught by the periodic recheck.
 */
@QuarkusTest
@QuarkusTestResource(PeerServicesResource.class)
@QuarkusTestResource(ImapPortsResource.class)
class AccountEndsSessionsTest {

    @Inject
    AccountEventsListener listener;

    @ConfigProperty(name = "mail.imap.port")
    int port;

    @BeforeEach
    void consumerListens() {
        ConsumerGroups.awaitAssigned(SharedSystem.get().kafkaBootstrapServers(), "imap-service-", "mail.account.v1",
                Duration.ofSeconds(60));
    }

    private LineClient selected(String user) {
        LineClient client = LineClient.connect("127.0.0.1", port);
        client.expect("* OK ");
        client.send("a1 LOGIN " + user + " " + MailFixture.PASSWORD).readUntil("a1 OK");
        client.send("a2 SELECT INBOX").readUntil("a2 OK");
        return client;
    }

    @Test
    void aDisabledAccountIsLoggedOutAndCannotComeBack() {
        try (MailFixture fixture = new MailFixture()) {
            String user = fixture.newUser();
            String other = fixture.newUser();
            try (LineClient session = selected(user); LineClient bystander = selected(other)) {
                fixture.admin().setEnabled(user, false).orThrow();

                assertThat(session.readLine()).isEqualTo("* BYE Account disabled");
                assertThat(session.readLine()).isNull();
                bystander.send("b1 NOOP").readUntil("b1 OK");
            }
            try (LineClient again = LineClient.connect("127.0.0.1", port)) {
                again.expect("* OK ");
                again.send("a1 LOGIN " + user + " " + MailFixture.PASSWORD).expect("a1 NO [AUTHENTICATIONFAILED]");
            }
        }
    }

    @Test
    void aDeletedAccountIsLoggedOut() {
        try (MailFixture fixture = new MailFixture()) {
            String user = fixture.newUser();
            try (LineClient session = selected(user)) {
                fixture.admin().deleteAccount(user).orThrow();
                assertThat(session.readLine()).isEqualTo("* BYE Account removed");
                assertThat(session.readLine()).isNull();
            }
        }
    }

    /**
     * An account disabled behind the events' back (straight in auth's database, so no event is ever
     * published): the periodic recheck ends its session all the same.
     */
    @Test
    void aChangeWithoutAnEventIsCaughtByTheRecheck() throws Exception {
        try (MailFixture fixture = new MailFixture()) {
            String user = fixture.newUser();
            try (LineClient session = selected(user)) {
                try (Connection c = DriverManager.getConnection(
                        SharedSystem.get().datasource().get("quarkus.datasource.jdbc.url"), "postgres", "");
                        PreparedStatement disable = c.prepareStatement("UPDATE auth.accounts SET enabled = false WHERE address = ?")) {
                    disable.setString(1, user);
                    assertThat(disable.executeUpdate()).isEqualTo(1);
                }
                assertThat(listener.recheckNow().toCompletableFuture().get(30, TimeUnit.SECONDS)).isEqualTo(1);
                assertThat(session.readLine()).isEqualTo("* BYE Account disabled");
                assertThat(session.readLine()).isNull();
            }
        }
    }
}
