package io.mailserver.smtp;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.mailserver.testkit.client.LineClient;
import io.mailserver.testkit.quarkus.PeerServicesResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** Readiness reflects the peers; the SMTP meters are published. */
@QuarkusTest
@QuarkusTestResource(PeerServicesResource.class)
@QuarkusTestResource(SmtpPortsResource.class)
class ObservabilityTest {

    @ConfigProperty(name = "mail.smtp.mx.port")
    int mxPort;

    @Test
    void readyWhenBothPeersAnswer() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'smtp peers' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'smtp peers' }.data.'auth-service'", equalTo("UP"))
                .body("checks.find { it.name == 'smtp peers' }.data.'storage-service'", equalTo("UP"));
    }

    @Test
    void smtpMetersArePublished() {
        try (LineClient c = LineClient.connect("127.0.0.1", mxPort)) {
            c.expect("220 ");
            c.send("NOOP").expect("250 ");
            c.send("BOGUS").expect("500 ");
            c.send("QUIT").expect("221 ");
        }
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("smtp_connections_total{listener=\"mx\"}"))
                .body(containsString("smtp_commands_total{command=\"NOOP\",reply=\"2xx\"}"))
                .body(containsString("smtp_commands_total{command=\"OTHER\",reply=\"5xx\"}"))
                .body(containsString("smtp_bytes_received_bytes_total"))
                .body(containsString("smtp_connections_open"));
    }
}
