package io.mailserver.localstack;

import io.mailserver.localstack.kafka.KafkaServer;
import io.mailserver.localstack.pki.DeploymentCa;
import io.mailserver.localstack.pki.SelfSignedCertificate;
import io.mailserver.localstack.pki.ServiceIdentity;
import io.mailserver.localstack.postgres.PostgresServer;
import io.mailserver.localstack.process.MigrationJob;
import io.mailserver.localstack.process.ServiceProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A whole mail system on one machine: PostgreSQL, Kafka and any of the six services as separate
 * processes, everything under one data directory that survives a restart. This is what
 * {@code mailctl up} runs and what end-to-end tests start.
 *
 * <p>A service with a schema of its own is first run once to migrate it ({@link MigrationJob}), as a
 * Kubernetes Job would, and then started without Liquibase: the process that stays up never loads it.
 */
public final class LocalMailSystem implements AutoCloseable {

    private final Settings settings;
    private final SelfSignedCertificate certificate;
    private final DeploymentCa deploymentCa;
    private PostgresServer postgres;
    private KafkaServer kafka;
    private final Map<MailService, ServiceProcess> services = new EnumMap<>(MailService.class);
    /** Held while migrations run: two runs of one changelog would only wait for each other's lock. */
    private final Object migrationLock = new Object();
    /** Schemas migrated by this system: once is enough for as long as it runs (restarts included). */
    private final Set<MailService> migrated = EnumSet.noneOf(MailService.class);

    /**
     * @param home       the source tree root (holds the packaged service modules)
     * @param dataDir    PostgreSQL cluster, Kafka logs, TLS pair and service logs live here
     * @param ports      every port to bind on 127.0.0.1
     * @param hostName   the name the servers greet with and the certificate is issued for
     * @param adminToken the credential of auth-service's admin API
     * @param extraConfig per-service configuration on top of what the system sets
     */
    public record Settings(Path home, Path dataDir, Ports ports, String hostName, String adminToken,
            Map<MailService, Map<String, String>> extraConfig) {

        public Settings {
            extraConfig = Map.copyOf(extraConfig);
        }

        public Settings(Path home, Path dataDir, Ports ports, String hostName, String adminToken) {
            this(home, dataDir, ports, hostName, adminToken, Map.of());
        }
    }

    public LocalMailSystem(Settings settings) {
        this.settings = settings;
        this.certificate = SelfSignedCertificate.ensure(settings.dataDir().resolve("tls"), settings.hostName());
        this.deploymentCa = DeploymentCa.ensure(settings.dataDir().resolve("pki"));
    }

    /** Starts PostgreSQL, Kafka, migrates the schemas and then starts {@code which} services in dependency order. */
    public LocalMailSystem start(Set<MailService> which) {
        try {
            startInfrastructure();
            migrateSchemas(which);
            for (MailService service : EnumSet.copyOf(which)) {
                startService(service);
            }
            return this;
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    public LocalMailSystem startAll() {
        return start(EnumSet.allOf(MailService.class));
    }

    public void startInfrastructure() {
        startPostgres();
        startKafka();
    }

    public synchronized PostgresServer startPostgres() {
        if (postgres == null) {
            postgres = PostgresServer.start(settings.dataDir().resolve("postgres"), settings.ports().postgres());
        }
        return postgres;
    }

    public synchronized KafkaServer startKafka() {
        if (kafka == null) {
            kafka = KafkaServer.start(settings.dataDir().resolve("kafka"), settings.ports().kafka(),
                    settings.ports().kafkaController());
        }
        return kafka;
    }

    /** Whether PostgreSQL accepts connections on this system's port now. */
    public boolean postgresAccepting() {
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.connect(new java.net.InetSocketAddress("127.0.0.1", settings.ports().postgres()), 1000);
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    /** Starts PostgreSQL again after it died on its own (its data directory stays); returns the new server. */
    public synchronized PostgresServer restartPostgres() {
        if (postgres != null) {
            try {
                postgres.close();
            } catch (RuntimeException alreadyGone) {
                // pg_ctl finds nothing to stop; the data directory is what matters
            }
            postgres = null;
        }
        return startPostgres();
    }

    /** Starts the broker again after it died on its own; returns the new one. */
    public synchronized KafkaServer restartKafka() {
        if (kafka != null && kafka.process().isAlive()) {
            return kafka;
        }
        kafka = null;
        return startKafka();
    }

    /** Stops the broker (its data stays); {@link #startKafka()} brings it back on the same port. */
    public synchronized void stopKafka() {
        if (kafka != null) {
            kafka.close();
            kafka = null;
        }
    }

    /**
     * Migrates the schemas of those of {@code which} that own one and were not migrated by this system
     * yet, each in a one-shot run of its service, side by side; returns once all have succeeded.
     * Starting a service does this for it when needed; asking for several at once runs them together.
     *
     * @throws IllegalStateException with the end of the failed run's log
     */
    public void migrateSchemas(Set<MailService> which) {
        synchronized (migrationLock) {
            List<MigrationJob> jobs = new ArrayList<>();
            List<MailService> migrating = new ArrayList<>();
            try {
                for (MailService service : which) {
                    if (service.ownsSchema() && !migrated.contains(service)) {
                        jobs.add(MigrationJob.launch(service, settings.home(), configFor(service), logDir()));
                        migrating.add(service);
                    }
                }
                for (MigrationJob job : jobs) {
                    job.awaitSuccess();
                }
            } catch (RuntimeException e) {
                jobs.forEach(MigrationJob::stop);
                throw e;
            }
            migrated.addAll(migrating);
        }
    }

    /** Starts one service (again, after {@link #stopService}); returns once it is ready. */
    public synchronized ServiceProcess startService(MailService service) {
        return startService(service, Map.of());
    }

    /**
     * Starts one service with some configuration changed from what this system normally gives it,
     * for tests of how the others cope with it; a later {@link #startService(MailService)} after a
     * stop brings back the normal configuration.
     */
    public ServiceProcess startService(MailService service, Map<String, String> overrides) {
        migrateSchemas(EnumSet.of(service));
        ServiceProcess process;
        // Only the bookkeeping holds the lock: waiting for readiness must not stop others from
        // starting or restarting the parts this service waits for.
        synchronized (this) {
            process = services.get(service);
            if (process == null || !process.process().isAlive()) {
                Map<String, String> config = new HashMap<>(configFor(service));
                config.putAll(overrides);
                process = ServiceProcess.launch(service, settings.home(), config, logDir());
                services.put(service, process);
            }
        }
        try {
            process.awaitReady();
        } catch (RuntimeException e) {
            synchronized (this) {
                services.remove(service, process);
            }
            throw e;
        }
        return process;
    }

    public synchronized void stopService(MailService service) {
        ServiceProcess running = services.remove(service);
        if (running != null) {
            running.stop();
        }
    }

    /** Kills one service with SIGKILL, as a crash would. */
    public synchronized void killService(MailService service) {
        ServiceProcess running = services.remove(service);
        if (running != null) {
            running.kill();
        }
    }

    /** The configuration a service gets in this system, as Quarkus properties. */
    public Map<String, String> configFor(MailService service) {
        Ports ports = settings.ports();
        Map<String, String> config = new HashMap<>();
        config.put("quarkus.http.host", "127.0.0.1");
        config.put("quarkus.http.port", Integer.toString(ports.http(service)));
        config.put("mail.hostname", settings.hostName());
        config.put("kafka.bootstrap.servers", kafkaBootstrapServers());
        config.putAll(identity(service.module()).config());
        switch (service) {
            case AUTH -> {
                config.putAll(datasource());
                config.putAll(migratedApart());
                config.put("quarkus.grpc.server.port", Integer.toString(ports.authGrpc()));
                config.put("quarkus.grpc.server.host", "127.0.0.1");
                config.put("mail.admin.token", settings.adminToken());
            }
            case STORAGE -> {
                config.putAll(datasource());
                config.putAll(migratedApart());
                config.put("quarkus.grpc.server.port", Integer.toString(ports.storageGrpc()));
                config.put("quarkus.grpc.server.host", "127.0.0.1");
                // auth-service, for reconciling accounts
                config.put("quarkus.grpc.clients.auth.host", "127.0.0.1");
                config.put("quarkus.grpc.clients.auth.port", Integer.toString(ports.authGrpc()));
            }
            case DNS -> {
            }
            case SMTP -> {
                config.putAll(peers());
                config.putAll(tls());
                config.put("mail.smtp.host", "127.0.0.1");
                config.put("mail.smtp.mx.port", Integer.toString(ports.smtpMx()));
                config.put("mail.smtp.submission.port", Integer.toString(ports.smtpSubmission()));
                config.put("mail.smtp.submissions.port", Integer.toString(ports.smtpSubmissions()));
                config.put("mail.smtp.forwarding.srs-secrets", SrsSecret.ensure(settings.dataDir()));
                // Half the local heap: the rest is the service's own (the default assumes a larger heap).
                config.put("mail.smtp.limits.message-memory", Long.toString(128L * 1024 * 1024));
            }
            case IMAP -> {
                config.putAll(peers());
                config.putAll(tls());
                config.put("mail.imap.host", "127.0.0.1");
                config.put("mail.imap.port", Integer.toString(ports.imap()));
                config.put("mail.imap.tls-port", Integer.toString(ports.imaps()));
            }
            case POP3 -> {
                config.putAll(peers());
                config.putAll(tls());
                config.put("mail.pop3.host", "127.0.0.1");
                config.put("mail.pop3.port", Integer.toString(ports.pop3()));
                config.put("mail.pop3.tls-port", Integer.toString(ports.pop3s()));
            }
        }
        config.putAll(settings.extraConfig().getOrDefault(service, Map.of()));
        return config;
    }

    public Map<String, String> datasource() {
        String base = "127.0.0.1:" + settings.ports().postgres() + "/" + PostgresServer.DATABASE;
        return Map.of(
                "quarkus.datasource.jdbc.url", "jdbc:postgresql://" + base,
                "quarkus.datasource.reactive.url", "postgresql://" + base,
                "quarkus.datasource.username", PostgresServer.USER,
                "quarkus.datasource.password", "");
    }

    /**
     * Liquibase off in a service whose schema {@link #migrateSchemas} migrates apart: Quarkus's switch
     * for an application whose migration runs as an init task, so not one Liquibase class is loaded.
     */
    private static Map<String, String> migratedApart() {
        return Map.of("quarkus.liquibase.enabled", "false");
    }

    public Map<String, String> peers() {
        String auth = Integer.toString(settings.ports().authGrpc());
        String storage = Integer.toString(settings.ports().storageGrpc());
        // In the test profile Quarkus gRPC clients dial `test-port` (default 9001), not `port`.
        return Map.of(
                "quarkus.grpc.clients.auth.host", "127.0.0.1",
                "quarkus.grpc.clients.auth.port", auth,
                "quarkus.grpc.clients.auth.test-port", auth,
                "quarkus.grpc.clients.storage.host", "127.0.0.1",
                "quarkus.grpc.clients.storage.port", storage,
                "quarkus.grpc.clients.storage.test-port", storage);
    }

    public Map<String, String> tls() {
        return Map.of(
                "mail.tls.certificate", certificate.certificate().toString(),
                "mail.tls.private-key", certificate.privateKey().toString());
    }

    /**
     * The internal TLS identity {@code name} (a service's module name, or a test's own caller name),
     * issued by this system's deployment CA on first use.
     */
    public ServiceIdentity identity(String name) {
        return deploymentCa.ensureIdentity(name);
    }

    public DeploymentCa deploymentCa() {
        return deploymentCa;
    }

    public String kafkaBootstrapServers() {
        return "127.0.0.1:" + settings.ports().kafka();
    }

    public String adminUrl() {
        return "http://127.0.0.1:" + settings.ports().http(MailService.AUTH);
    }

    public Settings settings() {
        return settings;
    }

    public SelfSignedCertificate certificate() {
        return certificate;
    }

    public Path logDir() {
        return settings.dataDir().resolve("logs");
    }

    public Map<MailService, ServiceProcess> services() {
        return Collections.unmodifiableMap(services);
    }

    public PostgresServer postgres() {
        return postgres;
    }

    public KafkaServer kafka() {
        return kafka;
    }

    /** Stops the services in reverse start order, then Kafka, then PostgreSQL. */
    @Override
    public synchronized void close() {
        List<MailService> running = new ArrayList<>(services.keySet());
        Collections.reverse(running);
        for (MailService service : running) {
            stopService(service);
        }
        if (kafka != null) {
            kafka.close();
            kafka = null;
        }
        if (postgres != null) {
            postgres.close();
            postgres = null;
        }
    }

    /** The source tree root: {@code -Dmailserver.home}, else the nearest directory above the working one holding {@code mailctl}. */
    public static Path findHome() {
        String configured = System.getProperty("mailserver.home");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("mailctl")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("cannot find the source tree root; set -Dmailserver.home");
    }
}
