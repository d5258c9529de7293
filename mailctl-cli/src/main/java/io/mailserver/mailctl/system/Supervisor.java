package io.mailserver.mailctl.system;

import io.mailserver.localstack.LocalMailSystem;
import io.mailserver.localstack.MailService;
import io.mailserver.localstack.Ports;
import io.mailserver.localstack.Watchdog;
import io.mailserver.localstack.process.ServiceProcess;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;

/**
 * {@code mailctl up}: starts PostgreSQL and Kafka, migrates the schemas in one-shot runs of their
 * services, starts the services, prints where it listens and stays in the foreground,
 * restarting any service or the broker that dies on its own ({@link Watchdog}: with back-off, each
 * restart printed and counted for {@code mailctl status}). SIGINT (Ctrl-C) and SIGTERM
 * ({@code mailctl down}) both end in one ordered shutdown: the watchdog first, then the services,
 * then Kafka, then PostgreSQL.
 */
public final class Supervisor {

    private final MailctlPaths paths;
    private final PrintStream out;

    public Supervisor(MailctlPaths paths, PrintStream out) {
        this.paths = paths;
        this.out = out;
    }

    public int up(String hostName) throws InterruptedException {
        Optional<ProcessHandle> running = runningSupervisor(paths);
        if (running.isPresent()) {
            throw new IllegalStateException("already running (pid " + running.get().pid() + "); 'mailctl down' stops it");
        }
        Ports ports = Ports.local();
        LocalMailSystem system = new LocalMailSystem(new LocalMailSystem.Settings(
                paths.home(), paths.dataDir(), ports, hostName, paths.ensureAdminToken()));
        writePid(paths.pidFile(), ProcessHandle.current().pid());
        clearRunDir();
        CountDownLatch stopped = new CountDownLatch(1);
        Watchdog[] watchdog = new Watchdog[1];
        Thread shutdown = new Thread(() -> {
            out.println("mailctl: stopping");
            if (watchdog[0] != null) {
                watchdog[0].close();
            }
            system.close();
            deleteQuietly(paths.pidFile());
            clearRunDir();
            out.println("mailctl: stopped");
            stopped.countDown();
        }, "mailctl-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdown);

        out.println("mailctl: data in " + paths.dataDir());
        out.println("mailctl: starting PostgreSQL");
        system.startPostgres();
        recordPid("postgres", postgresPid());
        // Before any service starts, as a Kubernetes Job would: the services that stay up never load
        // Liquibase. The migrations need only PostgreSQL, so they run while the broker starts.
        out.println("mailctl: migrating the schemas of " + Arrays.stream(MailService.values())
                .filter(MailService::ownsSchema).map(MailService::module).collect(Collectors.joining(" and ")));
        CompletableFuture<Void> migrations = CompletableFuture.runAsync(
                () -> system.migrateSchemas(EnumSet.allOf(MailService.class)));
        out.println("mailctl: starting Kafka");
        system.startKafka();
        recordPid("kafka", system.kafka().process().pid());
        awaitMigrations(migrations);
        for (MailService service : MailService.values()) {
            out.println("mailctl: starting " + service.module());
            ServiceProcess started = system.startService(service);
            recordPid(service.module(), started.process().pid());
        }
        watchdog[0] = new Watchdog(system, new RestartLog()).watchAll();
        out.println(listeners(ports, hostName));
        // Starting read and unpacked PostgreSQL's binaries archive through the heap; from here on the
        // supervisor only watches. One full collection lets the heap shrink to what watching needs
        // (the free ratios in ./mailctl): 80 -> 63 MiB at rest, measured.
        System.gc();
        stopped.await();
        return 0;
    }

    private static void awaitMigrations(CompletableFuture<Void> migrations) {
        try {
            migrations.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure; // the failed run's own message, with the end of its log
            }
            throw e;
        }
    }

    /** Tells the operator about restarts and records them where {@code mailctl status} and {@code down} look. */
    private final class RestartLog implements Watchdog.Listener {

        @Override
        public void restarting(String name, int exitStatus, int restart, Duration delay) {
            out.printf("mailctl: %s exited (status %d); restart %d in %d ms%n", name, exitStatus, restart, delay.toMillis());
            writeRestarts(name, restart);
        }

        @Override
        public void restarted(String name, long pid, int restart) {
            out.printf("mailctl: %s running again (pid %d)%n", name, pid);
            recordPid(name, pid);
        }

        @Override
        public void restartFailed(String name, String reason) {
            out.printf("mailctl: %s did not come back (%s); trying again%n", name, reason);
        }
    }

    private void writeRestarts(String name, int restarts) {
        writeFile(paths.runDir().resolve(name + ".restarts"), restarts + " " + Instant.now().truncatedTo(ChronoUnit.SECONDS) + "\n");
    }

    /** Restarts recorded for {@code name}: the count and when the last one was, or empty. */
    public static Optional<String> restarts(MailctlPaths paths, String name) {
        try {
            Path file = paths.runDir().resolve(name + ".restarts");
            if (!Files.isReadable(file)) {
                return Optional.empty();
            }
            String[] parts = Files.readString(file).trim().split(" ");
            return Optional.of(parts[0] + (parts.length > 1 ? ", last " + parts[1] : ""));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    static String listeners(Ports ports, String hostName) {
        return String.join("\n",
                "",
                "mail system up (" + hostName + "), listening on 127.0.0.1:",
                "  SMTP MX          " + ports.smtpMx() + "   (STARTTLS)",
                "  SMTP submission  " + ports.smtpSubmission() + "   (STARTTLS)",
                "  SMTPS            " + ports.smtpSubmissions() + "   (implicit TLS)",
                "  IMAP             " + ports.imap() + "   (STARTTLS)",
                "  IMAPS            " + ports.imaps() + "   (implicit TLS)",
                "  POP3             " + ports.pop3() + "   (STLS)",
                "  POP3S            " + ports.pop3s() + "   (implicit TLS)",
                "  admin HTTP API   " + ports.http(MailService.AUTH) + "   (/api/v1, OpenAPI at /q/openapi)",
                "  PostgreSQL " + ports.postgres() + ", Kafka " + ports.kafka(),
                "Ctrl-C or './mailctl down' stops everything; './mailctl status' shows health.",
                "");
    }

    private long postgresPid() {
        Path pidFile = paths.dataDir().resolve("postgres/postmaster.pid");
        try {
            return Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private void recordPid(String name, long pid) {
        if (pid > 0) {
            writePid(paths.runDir().resolve(name + ".pid"), pid);
        }
    }

    private void clearRunDir() {
        try (var files = Files.list(paths.runDir())) {
            files.forEach(Supervisor::deleteQuietly);
        } catch (IOException e) {
            // nothing recorded
        }
    }

    /** The live supervisor recorded in the pid file, if any. */
    public static Optional<ProcessHandle> runningSupervisor(MailctlPaths paths) {
        try {
            if (!Files.exists(paths.pidFile())) {
                return Optional.empty();
            }
            long pid = Long.parseLong(Files.readString(paths.pidFile()).trim());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    static void writePid(Path file, long pid) {
        writeFile(file, pid + "\n");
    }

    private static void writeFile(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, content);
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // stale files are ignored by the next run
        }
    }
}
