package io.mailserver.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailserver.localstack.FreePorts;
import io.mailserver.localstack.kafka.KafkaServer;
import io.mailserver.localstack.postgres.PostgresServer;
import io.mailserver.localstack.pki.SelfSignedCertificate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launchers start real servers that keep their data across a restart. */
class InfrastructureTest {

    @TempDir
    Path dir;

    @Test
    void postgresKeepsDataAcrossRestart() throws Exception {
        int port = FreePorts.find();
        try (PostgresServer pg = PostgresServer.start(dir.resolve("pg"), port);
                Connection c = DriverManager.getConnection(pg.jdbcUrl(), PostgresServer.USER, "")) {
            c.createStatement().execute("CREATE TABLE kept(v int); INSERT INTO kept VALUES (42)");
        }
        try (PostgresServer pg = PostgresServer.start(dir.resolve("pg"), port);
                Connection c = DriverManager.getConnection(pg.jdbcUrl(), PostgresServer.USER, "");
                ResultSet rs = c.createStatement().executeQuery("SELECT v FROM kept")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).isEqualTo(42);
        }
    }

    /** A message is acknowledged after its commit: the commit must have reached the disk by then. */
    @Test
    void postgresCommitsReachTheDiskBeforeTheyReturn() throws Exception {
        try (PostgresServer pg = PostgresServer.start(dir.resolve("pg"), FreePorts.find());
                Connection c = DriverManager.getConnection(pg.jdbcUrl(), PostgresServer.USER, "");
                ResultSet rs = c.createStatement().executeQuery(
                        "SELECT current_setting('synchronous_commit'), current_setting('fsync')")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("on");
            assertThat(rs.getString(2)).isEqualTo("on");
        }
    }

    @Test
    void kafkaBrokerCreatesTopicsAndKeepsThemAcrossRestart() throws Exception {
        int port = FreePorts.find();
        int controller = FreePorts.find();
        try (KafkaServer kafka = KafkaServer.start(dir.resolve("kafka"), port, controller);
                Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic("kept", 1, (short) 1))).all().get(60, TimeUnit.SECONDS);
        }
        try (KafkaServer kafka = KafkaServer.start(dir.resolve("kafka"), port, controller);
                Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            assertThat(admin.listTopics().names().get(60, TimeUnit.SECONDS)).contains("kept");
        }
    }

    @Test
    void selfSignedPairIsCreatedOnceAndReused() throws Exception {
        SelfSignedCertificate first = SelfSignedCertificate.ensure(dir.resolve("tls"), "mail.example.test");
        String pem = Files.readString(first.certificate());
        assertThat(pem).startsWith("-----BEGIN CERTIFICATE-----");
        assertThat(Files.readString(first.privateKey())).startsWith("-----BEGIN PRIVATE KEY-----");
        SelfSignedCertificate second = SelfSignedCertificate.ensure(dir.resolve("tls"), "mail.example.test");
        assertThat(Files.readString(second.certificate())).isEqualTo(pem);
    }
}
