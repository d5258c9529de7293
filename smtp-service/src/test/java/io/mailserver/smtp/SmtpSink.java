package io.mailserver.smtp;

import io.mailserver.localstack.FreePorts;
import io.mailserver.localstack.pki.SelfSignedCertificate;
import io.mailserver.localstack.pki.ServiceIdentity;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * A remote mail server for outbound delivery tests: aiosmtpd from Debian ({@code smtp_sink.py}) on a
 * free loopback port, with STARTTLS; it files what it accepts in {@link #spool()}.
 */
public final class SmtpSink implements AutoCloseable {

    private final PythonServer server;
    private final int port;
    private final Path spool;

    private SmtpSink(PythonServer server, int port, Path spool) {
        this.server = server;
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
        int port = FreePorts.find();
        List<String> arguments = new ArrayList<>(List.of(Integer.toString(port), certificate.certificate().toString(),
                certificate.privateKey().toString(), spool.toString()));
        hosts.forEach((name, host) -> arguments.add(name + "=" + host.certificate().certificate() + ":"
                + host.certificate().privateKey() + (host.requireTls() ? ":requiretls" : "")));
        return new SmtpSink(PythonServer.start(directory, "smtp_sink.py", arguments, "python3-aiosmtpd"), port, spool);
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
        server.close();
    }
}
