package io.mailserver.localstack.process;

import io.mailserver.localstack.MailService;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One packaged service (its {@code target/quarkus-app}) running in its own JVM, configured through
 * system properties, considered started once its readiness check answers 200.
 */
public final class ServiceProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final MailService service;
    private final ChildProcess process;
    private final int httpPort;

    private ServiceProcess(MailService service, ChildProcess process, int httpPort) {
        this.service = service;
        this.process = process;
        this.httpPort = httpPort;
    }

    /**
     * @param home     the source tree root (holds each service module)
     * @param config   Quarkus configuration passed as system properties; must set quarkus.http.port
     * @param logDir   where {@code <module>.log} is written
     */
    public static ServiceProcess start(MailService service, Path home, Map<String, String> config, Path logDir) {
        ServiceProcess started = launch(service, home, config, logDir);
        started.awaitReady();
        return started;
    }

    /** Starts the process without waiting for it; {@link #awaitReady()} waits. */
    public static ServiceProcess launch(MailService service, Path home, Map<String, String> config, Path logDir) {
        int httpPort = Integer.parseInt(config.get("quarkus.http.port"));
        Path logFile = logDir.resolve(service.module() + ".log");
        ChildProcess process = ChildProcess.start(service.module(), command(service, home, config),
                SmallJvm.environment(), logDir, logFile);
        return new ServiceProcess(service, process, httpPort);
    }

    /** The command line running the packaged service with {@code config} as system properties. */
    static List<String> command(MailService service, Path home, Map<String, String> config) {
        Path jar = runnableJar(home, service);
        List<String> command = SmallJvm.command(service.heap());
        command.addAll(service.jvmOptions());
        new TreeMap<>(config).forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-jar");
        command.add(jar.toString());
        return command;
    }

    /**
     * Waits until the service is ready; stops it and fails (with the end of its log) when it exits
     * or is not ready within two minutes.
     */
    public void awaitReady() {
        try {
            process.awaitReady(Duration.ofSeconds(120), this::ready);
        } catch (RuntimeException e) {
            process.stop();
            throw e;
        }
    }

    public static Path runnableJar(Path home, MailService service) {
        Path jar = home.resolve(service.module()).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(service.module() + " is not packaged (" + jar
                    + " missing): run ./mvnw -DskipTests package first");
        }
        return jar;
    }

    /** Whether the service's readiness check passes. */
    public boolean ready() {
        return healthStatus("/q/health/ready") == 200;
    }

    /** HTTP status of a health endpoint, or -1 when nothing answers. */
    public int healthStatus(String path) {
        return healthStatus(httpPort, path);
    }

    public static int healthStatus(int httpPort, String path) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
                    .timeout(Duration.ofSeconds(3)).GET().build();
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    public MailService service() {
        return service;
    }

    public int httpPort() {
        return httpPort;
    }

    public ChildProcess process() {
        return process;
    }

    public void stop() {
        process.stop();
    }

    /** A crash, not a shutdown: what a killed pod or a power cut looks like. */
    public void kill() {
        process.kill();
    }

    @Override
    public void close() {
        stop();
    }
}
