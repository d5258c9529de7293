package io.mailserver.storage;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.mailserver.testkit.quarkus.GrpcServerResource;
import io.mailserver.testkit.quarkus.KafkaResource;
import io.mailserver.testkit.quarkus.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** Readiness covers PostgreSQL and Kafka; the metrics the operators watch are exported. */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(GrpcServerResource.class)
class HealthTest {

    @Test
    void readinessCoversPostgresAndKafka() {
        given().when().get("/q/health/ready").then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body(containsString("PostgreSQL"))
                .body(containsString("Reactive Messaging"));
    }

    @Test
    void storageMetricsAreExported() {
        given().when().get("/q/metrics").then()
                .statusCode(200)
                .body(containsString("mail_storage_deliveries"))
                .body(containsString("mail_storage_blob_dedup_hits"))
                .body(containsString("mail_storage_messages_stored"))
                .body(containsString("mail_storage_blob_bytes_stored"))
                .body(containsString("mail_storage_queue_messages"))
                .body(containsString("mail_storage_queue_recipients"))
                .body(containsString("mail_storage_queue_oldest_age_seconds"));
    }
}
