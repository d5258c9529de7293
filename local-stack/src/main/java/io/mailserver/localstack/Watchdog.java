package io.mailserver.localstack;

import io.mailserver.localstack.kafka.KafkaServer;
import io.mailserver.localstack.process.ChildProcess;
import io.mailserver.localstack.process.ServiceProcess;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Keeps a local system running: a service or the Kafka broker that exits without being asked to (a
 * crash, an out-of-memory kill, {@code kill -9}) is started again, after a back-off that doubles with
 * each restart in a row (0.5 s up to 30 s) and resets once the part has stayed up for a minute;
 * PostgreSQL, which runs as a child of the embedded-server library, is polled and started again when
 * it stops answering. A part stopped through {@link LocalMailSystem} is left stopped. What happens is told to a
 * {@link Listener} ({@code mailctl up} prints it and records it for {@code mailctl status}).
 *
 * <p>Restarts run side by side, so a service that waits for a part it needs (auth-service for Kafka,
 * imap-service for its peers) never holds up that part's own restart; PostgreSQL is checked and
 * restarted on a thread of its own.
 */
public final class Watchdog implements AutoCloseable {

    /** What the watchdog tells its owner; called on the watchdog's thread. */
    public interface Listener {

        /** {@code name} exited with {@code exitStatus}; restart number {@code restart} follows after {@code delay}. */
        void restarting(String name, int exitStatus, int restart, Duration delay);

        /** {@code name} runs again as process {@code pid} and is ready. */
        void restarted(String name, long pid, int restart);

        /** A restart failed; another follows after the next back-off. */
        void restartFailed(String name, String reason);
    }

    static final Duration FIRST_DELAY = Duration.ofMillis(500);
    static final Duration LONGEST_DELAY = Duration.ofSeconds(30);
    /** Up this long, a part's next restart starts the back-off over. */
    static final Duration STABLE = Duration.ofMinutes(1);
    static final Duration POSTGRES_CHECK = Duration.ofSeconds(2);
    static final int POSTGRES_FAILURES = 3;

    private final LocalMailSystem system;
    private final Listener listener;
    /**
     * A thread per part at most: a restart waits for its part to be ready, which can take as long as
     * the parts it needs (restarting in parallel) take to come back.
     */
    private final ScheduledExecutorService restarts = Executors.newScheduledThreadPool(MailService.values().length + 1, r -> {
        Thread thread = new Thread(r, "local-system-watchdog");
        thread.setDaemon(true);
        return thread;
    });
    private final ScheduledExecutorService postgresChecks = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "local-system-postgres-check");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, Integer> restartCounts = new ConcurrentHashMap<>();
    private final Map<String, Integer> inARow = new ConcurrentHashMap<>();
    private volatile boolean closed;
    /** Consecutive failed checks of PostgreSQL; only the check's thread touches it. */
    private int postgresFailures;

    public Watchdog(LocalMailSystem system, Listener listener) {
        this.system = system;
        this.listener = listener;
    }

    /** Watches every part that runs now. */
    public Watchdog watchAll() {
        if (system.postgres() != null) {
            postgresChecks.scheduleWithFixedDelay(this::checkPostgres, POSTGRES_CHECK.toMillis(), POSTGRES_CHECK.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
        if (system.kafka() != null) {
            watchKafka(system.kafka());
        }
        system.services().values().forEach(this::watch);
        return this;
    }

    private void watch(ServiceProcess service) {
        long started = System.nanoTime();
        service.process().onExit().thenRun(() -> {
            // Stopped on purpose: no longer the process the system holds for this service.
            if (!closed && system.services().get(service.service()) == service) {
                exited(service.service().module(), service.process(), started, () -> watch(restartService(service.service())));
            }
        });
    }

    private void watchKafka(KafkaServer kafka) {
        long started = System.nanoTime();
        kafka.process().onExit().thenRun(() -> {
            if (!closed && system.kafka() == kafka) {
                exited("kafka", kafka.process(), started, () -> {
                    KafkaServer restarted = system.restartKafka();
                    listener.restarted("kafka", restarted.process().pid(), restartCounts.getOrDefault("kafka", 0));
                    watchKafka(restarted);
                });
            }
        });
    }

    /**
     * PostgreSQL runs as the embedded server's own child, not ours, so it is polled: a few failed
     * connection attempts in a row mean it is gone, and it is started again on its data directory.
     */
    private void checkPostgres() {
        if (closed) {
            return;
        }
        // Asked of the port, not of the server object: after a failed restart there is no object, and
        // that must count as down, not as fine.
        if (system.postgresAccepting()) {
            postgresFailures = 0;
            return;
        }
        if (++postgresFailures < POSTGRES_FAILURES) {
            return;
        }
        postgresFailures = 0;
        int number = restartCounts.merge("postgres", 1, Integer::sum);
        listener.restarting("postgres", -1, number, Duration.ZERO);
        try {
            long pid = system.restartPostgres().pid();
            listener.restarted("postgres", pid, number);
        } catch (RuntimeException e) {
            listener.restartFailed("postgres", e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse(""));
        }
    }

    private void exited(String name, ChildProcess process, long startedNanos, Runnable restart) {
        if (System.nanoTime() - startedNanos >= STABLE.toNanos()) {
            inARow.remove(name);
        }
        scheduleRestart(name, process.exitStatus(), restart);
    }

    private void scheduleRestart(String name, int exitStatus, Runnable restart) {
        int row = inARow.merge(name, 1, Integer::sum);
        Duration delay = FIRST_DELAY.multipliedBy(1L << Math.min(16, row - 1));
        if (delay.compareTo(LONGEST_DELAY) > 0) {
            delay = LONGEST_DELAY;
        }
        int number = restartCounts.merge(name, 1, Integer::sum);
        listener.restarting(name, exitStatus, number, delay);
        restarts.schedule(() -> {
            if (closed) {
                return;
            }
            try {
                restart.run();
            } catch (RuntimeException e) {
                listener.restartFailed(name, e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse(""));
                scheduleRestart(name, -1, restart);
            }
        }, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private ServiceProcess restartService(MailService service) {
        ServiceProcess started = system.startService(service);
        listener.restarted(service.module(), started.process().pid(), restartCounts.getOrDefault(service.module(), 0));
        return started;
    }

    /** Restarts so far, by part ({@code kafka} or a service's module name). */
    public Map<String, Integer> restartCounts() {
        return Map.copyOf(restartCounts);
    }

    /** Stops watching: nothing is restarted any more (call before stopping the system). */
    @Override
    public void close() {
        closed = true;
        restarts.shutdownNow();
        postgresChecks.shutdownNow();
    }
}
