package io.mailserver.localstack.process;

import io.mailserver.localstack.MailService;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * A service run once to migrate its schema, the way a Kubernetes Job or init container runs before
 * the Deployment: Quarkus runs its start-up tasks (Liquibase's migrate-at-start) and exits when
 * {@code quarkus.init-and-exit} is set; this is the same pair of switches Quarkus's own Kubernetes
 * extension puts on the init task it generates. The process that then stays up runs with Liquibase
 * disabled and never loads it: measured at rest, auth-service keeps 1,580 fewer classes (Liquibase
 * and the XML parser it reads changelogs with), 11 MiB less class metadata and 22 MiB less PSS, and
 * storage-service about the same.
 *
 * <p>Quarkus 3.33 waits about five seconds after the migration before it exits (its exit waits for a
 * start-up that is itself waiting for the exit); the job is still correct, only slower than it could be.
 */
public final class MigrationJob {

    /**
     * Longer than Liquibase waits for a changelog lock held by someone else (five minutes), so a
     * lock left by a killed migration fails with Liquibase's own message rather than ours.
     */
    static final Duration TIMEOUT = Duration.ofMinutes(6);

    private final ChildProcess process;

    private MigrationJob(ChildProcess process) {
        this.process = process;
    }

    /**
     * Starts the one-shot run; {@link #awaitSuccess()} waits for it.
     *
     * @param config the configuration the service runs with (datasource, identity); Liquibase is
     *               switched on and the exit after start-up added here
     * @param logDir where {@code <module>-migration.log} is written
     */
    public static MigrationJob launch(MailService service, Path home, Map<String, String> config, Path logDir) {
        Map<String, String> once = new HashMap<>(config);
        once.put("quarkus.liquibase.enabled", "true");
        once.put("quarkus.liquibase.migrate-at-start", "true");
        once.put("quarkus.init-and-exit", "true");
        String name = service.module() + "-migration";
        return new MigrationJob(ChildProcess.start(name, ServiceProcess.command(service, home, once),
                SmallJvm.environment(), logDir, logDir.resolve(name + ".log")));
    }

    /**
     * Waits for the run to end.
     *
     * @throws IllegalStateException with the end of its log when it fails or does not finish in time
     */
    public void awaitSuccess() {
        int status = process.awaitExit(TIMEOUT);
        if (status != 0) {
            throw new IllegalStateException(process.name() + " exited with " + status + "\n" + process.logTail());
        }
    }

    /** Ends the run early (another migration it ran beside has failed). */
    public void stop() {
        process.stop();
    }

    public ChildProcess process() {
        return process;
    }
}
