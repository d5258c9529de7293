package io.mailserver.mailctl.system;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/** {@code mailctl down}: asks the supervisor to stop and waits; cleans up after a supervisor that died. */
public final class Stopper {

    private static final Duration PATIENCE = Duration.ofSeconds(120);

    private final MailctlPaths paths;
    private final PrintStream out;

    public Stopper(MailctlPaths paths, PrintStream out) {
        this.paths = paths;
        this.out = out;
    }

    public int down() {
        Optional<ProcessHandle> supervisor = Supervisor.runningSupervisor(paths);
        if (supervisor.isPresent()) {
            out.println("mailctl: stopping pid " + supervisor.get().pid());
            supervisor.get().destroy();
            if (!awaitExit(supervisor.get(), PATIENCE)) {
                throw new IllegalStateException("the supervisor did not stop within " + PATIENCE.toSeconds() + " s");
            }
            out.println("mailctl: stopped");
            return 0;
        }
        List<ProcessHandle> orphans = orphans();
        if (orphans.isEmpty()) {
            out.println("mailctl: nothing running");
            return 0;
        }
        // The supervisor died without its shutdown (SIGKILL, power loss): stop what it left behind.
        for (ProcessHandle orphan : orphans) {
            out.println("mailctl: stopping leftover pid " + orphan.pid());
            orphan.destroy();
        }
        for (ProcessHandle orphan : orphans) {
            if (!awaitExit(orphan, Duration.ofSeconds(30))) {
                orphan.destroyForcibly();
            }
        }
        try (Stream<Path> files = Files.list(paths.runDir())) {
            files.forEach(Supervisor::deleteQuietly);
        } catch (IOException e) {
            // already gone
        }
        Supervisor.deleteQuietly(paths.pidFile());
        out.println("mailctl: stopped");
        return 0;
    }

    private List<ProcessHandle> orphans() {
        if (!Files.isDirectory(paths.runDir())) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(paths.runDir())) {
            return files.filter(f -> f.toString().endsWith(".pid"))
                    .map(Stopper::readPid)
                    .flatMap(Optional::stream)
                    .map(ProcessHandle::of)
                    .flatMap(Optional::stream)
                    .filter(ProcessHandle::isAlive)
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static Optional<Long> readPid(Path file) {
        try {
            return Optional.of(Long.parseLong(Files.readString(file).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static boolean awaitExit(ProcessHandle process, Duration timeout) {
        CompletableFuture<ProcessHandle> exit = process.onExit();
        try {
            exit.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException e) {
            return true;
        }
    }
}
