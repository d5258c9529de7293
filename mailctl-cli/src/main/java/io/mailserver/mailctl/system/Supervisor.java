package io.mailserver.mailctl.system;

import io.mailserver.localstack.LocalMailSystem;
import io.mailserver.localstack.MailService;
import io.mailserver.localstack.Ports;
import io.mailserver.localstack.process.ServiceProcess;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * {@code mailctl up}: starts the whole system, prints where it listens and stays in the foreground.
 * SIGINT (Ctrl-C) and SIGTERM ({@code mailctl down}) both end in one ordered shutdown: services
 * first, then Kafka, then PostgreSQL.
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
        CountDownLatch stopped = new CountDownLatch(1);
        Thread shutdown = new Thread(() -> {
            out.println("mailctl: stopping");
            system.close();
            deleteQuietly(paths.pidFile());
            clearRunDir();
            out.println("mailctl: stopped");
            stopped.countDown();
        }, "mailctl-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdown);

        out.println("mailctl: data in " + paths.dataDir());
        out.println("mailctl: starting PostgreSQL and Kafka");
        system.startInfrastructure();
        recordPid("postgres", postgresPid());
        recordPid("kafka", system.kafka().process().pid());
        for (MailService service : MailService.values()) {
            out.println("mailctl: starting " + service.module());
            ServiceProcess started = system.startService(service);
            recordPid(service.module(), started.process().pid());
        }
        out.println(listeners(ports, hostName));
        stopped.await();
        return 0;
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
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, pid + "\n");
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
