package io.mailserver.smtp;

import io.mailserver.localstack.FreePorts;
import io.mailserver.localstack.pki.SelfSignedCertificate;
import io.mailserver.localstack.pki.ServiceIdentity;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

/**
 * A remote mail server for outbound delivery tests: aiosmtpd from Debian ({@code smtp_sink.py}) on a
 * free loopback port, with STARTTLS; it files what it accepts in {@link #spool()}.
 */
public final class SmtpSink implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path spool;

    private SmtpSink(Process process, int port, Path spool) {
        this.process = process;
        this.port = port;
        this.spool = spool;
    }

    public static SmtpSink start(Path directory) throws IOException {
        return start(directory, Map.of());
    }

    /** A host the sink is under a certificate of its own, and whether it offers REQUIRETLS there (RFC 8689). */
    public record NamedHost(ServiceIdentity certificate, boolean requireTls) {
    }

    /**
     * @param hosts certificates presented to a client that names their host in SNI, by host; other
     *              clients get a self-signed one for sink.test
     */
    public static SmtpSink start(Path directory, Map<String, NamedHost> hosts) throws IOException {
        Path spool = Files.createDirectories(directory.resolve("spool"));
        SelfSignedCertificate certificate = SelfSignedCertificate.ensure(directory.resolve("tls"), "sink.test");
        Path script = directory.resolve("smtp_sink.py");
        try (InputStream in = SmtpSink.class.getResourceAsStream("/smtp_sink.py")) {
            Files.write(script, in.readAllBytes());
        }
        int port = FreePorts.find();
        // Debian's interpreter, where python3-aiosmtpd is installed
        String python = Files.exists(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
        List<String> command = new ArrayList<>(List.of(python, script.toString(), Integer.toString(port),
                certificate.certificate().toString(), certificate.privateKey().toString(), spool.toString()));
        hosts.forEach((name, host) -> command.add(name + "=" + host.certificate().certificate() + ":"
                + host.certificate().privateKey() + (host.requireTls() ? ":requiretls" : "")));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String line = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)).readLine();
        if (!"ready".equals(line)) {
            process.destroyForcibly();
            throw new IllegalStateException("smtp_sink.py did not start (python3-aiosmtpd missing?): " + line);
        }
        return new SmtpSink(process, port, spool);
    }

    public int port() {
        return port;
    }

    public Path spool() {
        return spool;
    }

    /**
     * What the sink filed for {@code recipient}: its envelope (MAIL FROM, "yes"/"no" for TLS, the
     * recipients, one per line) and its content; empty until it has.
     */
    public static List<String> filedFor(Path spool, String recipient) throws IOException {
        try (var files = Files.list(spool)) {
            for (Path env : files.filter(p -> p.toString().endsWith(".env")).toList()) {
                List<String> lines = Files.readAllLines(env);
                if (lines.subList(Math.min(2, lines.size()), lines.size()).contains(recipient)) {
                    return List.of(String.join("\n", lines),
                            Files.readString(Path.of(env.toString().replace(".env", ".eml")), StandardCharsets.ISO_8859_1));
                }
            }
        }
        return List.of();
    }

    /** The number of the session that carried {@code recipient}'s message; empty until the sink filed it. */
    public static OptionalInt sessionOf(Path spool, String recipient) throws IOException {
        return fileOf(spool, recipient, ".session");
    }

    /**
     * How many sessions were open to the domain of {@code recipient} when the sink accepted its
     * message, that message's own included; empty until it has.
     */
    public static OptionalInt sessionsWhenFiled(Path spool, String recipient) throws IOException {
        return fileOf(spool, recipient, ".sessions");
    }

    private static OptionalInt fileOf(Path spool, String recipient, String suffix) throws IOException {
        try (var files = Files.list(spool)) {
            for (Path env : files.filter(p -> p.toString().endsWith(".env")).toList()) {
                List<String> lines = Files.readAllLines(env);
                if (lines.subList(Math.min(2, lines.size()), lines.size()).contains(recipient)) {
                    return OptionalInt.of(Integer.parseInt(
                            Files.readString(Path.of(env.toString().replace(".env", suffix))).trim()));
                }
            }
        }
        return OptionalInt.empty();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
