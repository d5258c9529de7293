package io.mailserver.pop3;

import static io.mailserver.pop3.MailFixture.login;
import static io.mailserver.pop3.MailFixture.message;
import static io.mailserver.pop3.MailFixture.newAccount;
import static org.assertj.core.api.Assertions.assertThat;

import io.mailserver.testkit.client.LineClient;
import io.mailserver.testkit.kafka.ConsumerGroups;
import io.mailserver.testkit.quarkus.PeerServicesResource;
import io.mailserver.testkit.quarkus.SharedSystem;
import io.quarkus.test.common.QuarkusTestResource;
import io.mailserver.pop3.events.AccountEventsListener;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Disabling or deleting an account ends its POP3 sessions within seconds with {@code -ERR}, without
 * the UPDATE state: what the session marked deleted stays.
 */
@QuarkusTest
@QuarkusTestResource(PeerServicesResource.class)
@QuarkusTestResource(Pop3PortsResource.class)
class AccountEndsSessionsTest {

    @Inject
    AccountEventsListener listener;

    @BeforeEach
    void consumerListens() {
        ConsumerGroups.awaitAssigned(SharedSystem.get().kafkaBootstrapServers(), "pop3-service-", "mail.account.v1",
                Duration.ofSeconds(60));
    }

    @Test
    void aDisabledAccountIsSentAwayAndNothingMarkedDeletedIsRemoved() {
        MailFixture mail = new MailFixture();
        String address = newAccount("ended");
        mail.deliver(address, message("kept", "marked deleted, never removed\r\n"));
        try (LineClient session = login(address)) {
            session.send("DELE 1").expect("+OK");
            MailFixture.admin().setEnabled(address, false).orThrow();
            assertThat(session.readLine()).isEqualTo("-ERR [AUTH] Account disabled; closing connection");
            assertThat(session.readLine()).isNull();
        }
        try (LineClient refused = LineClient.connect("127.0.0.1", MailFixture.port())) {
            refused.expect("+OK ");
            refused.send("USER " + address).expect("+OK");
            refused.send("PASS " + MailFixture.PASSWORD).expect("-ERR");
        }
        MailFixture.admin().setEnabled(address, true).orThrow();
        try (LineClient back = login(address)) {
            back.send("STAT").expect("+OK 1 ");
        }
    }

    @Test
    void aDeletedAccountIsSentAway() {
        String address = newAccount("deleted");
        try (LineClient session = login(address)) {
            MailFixture.admin().deleteAccount(address).orThrow();
            assertThat(session.readLine()).isEqualTo("-ERR [AUTH] Account removed; closing connection");
            assertThat(session.readLine()).isNull();
        }
    }

    /** An account disabled straight in auth's database, so without any event: the recheck catches it. */
    @Test
    void aChangeWithoutAnEventIsCaughtByTheRecheck() throws Exception {
        String address = newAccount("recheck");
        try (LineClient session = login(address)) {
            try (Connection c = DriverManager.getConnection(
                    SharedSystem.get().datasource().get("quarkus.datasource.jdbc.url"), "postgres", "");
                    PreparedStatement disable = c.prepareStatement("UPDATE auth.accounts SET enabled = false WHERE address = ?")) {
                disable.setString(1, address);
                assertThat(disable.executeUpdate()).isEqualTo(1);
            }
            assertThat(listener.recheckNow().toCompletableFuture().get(30, TimeUnit.SECONDS)).isEqualTo(1);
            assertThat(session.readLine()).isEqualTo("-ERR [AUTH] Account disabled; closing connection");
            assertThat(session.readLine()).isNull();
        }
    }
}
