package io.mailserver.mailctl;

import io.mailserver.mailctl.admin.AdminCommands;
import io.mailserver.mailctl.cli.CommandLine;
import io.mailserver.mailctl.cli.Invocation;
import io.mailserver.mailctl.cli.UsageException;
import io.mailserver.mailctl.queue.QueueCommands;
import io.mailserver.mailctl.quota.QuotaCommands;
import io.mailserver.mailctl.storage.StorageOperator;
import io.mailserver.mailctl.system.MailctlPaths;
import io.mailserver.mailctl.system.StatusReport;
import io.mailserver.mailctl.system.Stopper;
import io.mailserver.mailctl.system.Supervisor;
import io.mailserver.localstack.admin.AdminClient;
import io.mailserver.localstack.LocalMailSystem;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;

/** Entry point. Exit status: 0 success, 1 the operation failed, 2 the command line was wrong. */
public final class Mailctl {

    private Mailctl() {
    }

    public static void main(String[] args) {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        // A restart after PostgreSQL was killed first tries to stop it, which fails: expected, not news.
        System.setProperty("org.slf4j.simpleLogger.log.io.zonky.test.db.postgres.embedded.EmbeddedPostgres", "off");
        System.exit(run(System.out, System.err, args));
    }

    public static int run(PrintStream out, PrintStream err, String... args) {
        Invocation invocation;
        try {
            invocation = CommandLine.parse(args);
        } catch (UsageException e) {
            err.println("mailctl: " + e.getMessage());
            return 2;
        }
        try {
            return execute(invocation, out);
        } catch (AdminCommands.AdminFailure | IllegalStateException | IllegalArgumentException e) {
            err.println("mailctl: " + e.getMessage());
            return 1;
        } catch (UncheckedIOException e) {
            err.println("mailctl: " + e.getMessage() + (e.getCause() != null ? " (" + e.getCause().getMessage() + ")" : ""));
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    private static int execute(Invocation invocation, PrintStream out) throws InterruptedException {
        if (invocation instanceof Invocation.Help) {
            out.println(CommandLine.USAGE);
            return 0;
        }
        MailctlPaths paths = MailctlPaths.fromEnvironment(LocalMailSystem.findHome());
        if (invocation instanceof Invocation.Up up) {
            return new Supervisor(paths, out).up(up.hostName());
        }
        if (invocation instanceof Invocation.Down) {
            return new Stopper(paths, out).down();
        }
        if (invocation instanceof Invocation.Status) {
            return new StatusReport(paths, out).print();
        }
        if (invocation instanceof Invocation.QueueList || invocation instanceof Invocation.QueueShow
                || invocation instanceof Invocation.QueueRetry || invocation instanceof Invocation.QueueDelete) {
            return new QueueCommands(StorageOperator.fromEnvironment(paths), out, java.time.Clock.systemUTC()).run(invocation);
        }
        AdminCommands admin = new AdminCommands(adminClient(paths), out);
        if (invocation instanceof Invocation.QuotaShow || invocation instanceof Invocation.QuotaSet) {
            return new QuotaCommands(admin, StorageOperator.fromEnvironment(paths), out).run(invocation);
        }
        return admin.run(invocation);
    }

    private static AdminClient adminClient(MailctlPaths paths) {
        String url = env("MAILCTL_ADMIN_URL", "http://127.0.0.1:8080");
        String token = System.getenv("MAILCTL_ADMIN_TOKEN");
        if (token == null || token.isBlank()) {
            if (!Files.isReadable(paths.tokenFile())) {
                throw new IllegalStateException("no admin token: start the system with 'mailctl up' first, or set MAILCTL_ADMIN_TOKEN");
            }
            try {
                token = Files.readString(paths.tokenFile()).trim();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + paths.tokenFile(), e);
            }
        }
        return new AdminClient(url, token);
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
