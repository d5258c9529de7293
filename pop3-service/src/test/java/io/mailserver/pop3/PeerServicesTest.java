package io.mailserver.pop3;

import static io.mailserver.pop3.MailFixture.PASSWORD;
import static io.mailserver.pop3.MailFixture.newAccount;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.mailserver.testkit.client.LineClient;
import io.mailserver.localstack.MailService;
import io.mailserver.testkit.quarkus.PeerServicesResource;
import io.mailserver.testkit.quarkus.SharedSystem;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** Readiness follows the peer services; an auth-service outage is a temporary error, not a refused login. */
@QuarkusTest
@QuarkusTestResource(PeerServicesResource.class)
@QuarkusTestResource(Pop3PortsResource.class)
class PeerServicesTest {

    @Test
    void readyWithBothPeersAndMetricsCountTheTraffic() {
        given().when().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.find { it.name == 'peer services' }.data.'auth-service'", equalTo("up"))
                .body("checks.find { it.name == 'peer services' }.data.'storage-service'", equalTo("up"));
        String address = newAccount("metrics");
        try (LineClient c = MailFixture.login(address)) {
            c.send("STAT");
            c.expect("+OK 0 0");
        }
        given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("pop3_connections_total{listener=\"pop3\"}"))
                .body(containsString("pop3_commands_total{command=\"stat\"}"))
                .body(containsString("pop3_logins_total{result=\"accepted\"}"))
                .body(containsString("pop3_messages_retrieved_total"))
                .body(containsString("pop3_messages_deleted_total"));
    }

    @Test
    void authServiceDownIsATemporaryFailureAndNotReady() {
        String address = newAccount("outage");
        SharedSystem.get().stopService(MailService.AUTH);
        try {
            try (LineClient c = LineClient.connect("127.0.0.1", MailFixture.port())) {
                c.expect("+OK");
                c.send("USER " + address);
                c.expect("+OK");
                c.send("PASS " + PASSWORD);
                assertThat(c.readLine()).startsWith("-ERR [SYS/TEMP] ");
                // not counted as a failed login, and the session goes on
                c.send("CAPA");
                c.expect("+OK");
            }
            given().when().get("/q/health/ready").then().statusCode(503)
                    .body("checks.find { it.name == 'peer services' }.data.'auth-service'", equalTo("down"));
        } finally {
            SharedSystem.get().startService(MailService.AUTH);
        }
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            try (LineClient c = MailFixture.login(address)) {
                c.send("QUIT");
                c.expect("+OK");
            }
        });
    }
}
