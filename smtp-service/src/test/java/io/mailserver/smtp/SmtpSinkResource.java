package io.mailserver.smtp;

import io.mailserver.localstack.FreePorts;
import io.mailserver.localstack.pki.SelfSignedCertificate;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A remote mail server for outbound delivery: aiosmtpd from Debian ({@code smtp_sink.py}) on a free
 * loopback port, routed to as the domain {@value #DOMAIN}. Tests read what it filed from
 * {@code test.sink.spool}.
 */
public final class SmtpSinkResource implements QuarkusTestResourceLifecycleManager {

    public static final String DOMAIN = "remote.test";

    private Process sink;

    @Override
    public Map<String, String> start() {
        try {
            Path dir = Files.createTempDirectory("sink");
            Path spool = Files.createDirectory(dir.resolve("spool"));
            SelfSignedCertificate certificate = SelfSignedCertificate.ensure(dir.resolve("tls"), "sink.test");
            Path script = dir.resolve("smtp_sink.py");
            try (InputStream in = SmtpSinkResource.class.getResourceAsStream("/smtp_sink.py")) {
                Files.write(script, in.readAllBytes());
            }
            int port = FreePorts.find();
            String python = Files.exists(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
            sink = new ProcessBuilder(python, script.toString(), Integer.toString(port), certificate.certificate().toString(),
                    certificate.privateKey().toString(), spool.toString()).redirectErrorStream(true).start();
            String line = new BufferedReader(new InputStreamReader(sink.getInputStream(), StandardCharsets.UTF_8)).readLine();
            if (!"ready".equals(line)) {
                throw new IllegalStateException("smtp_sink.py did not start (python3-aiosmtpd missing?): " + line);
            }
            return Map.of(
                    "mail.smtp.delivery.routes.\"" + DOMAIN + "\"", "127.0.0.1:" + port,
                    "mail.smtp.delivery.poll-interval", "500ms",
                    "mail.smtp.delivery.retry-base", "1s",
                    "test.sink.spool", spool.toString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void stop() {
        if (sink != null) {
            sink.destroy();
            try {
                sink.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
