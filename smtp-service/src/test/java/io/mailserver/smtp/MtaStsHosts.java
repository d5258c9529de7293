package io.mailserver.smtp;

import io.mailserver.localstack.FreePorts;
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
import java.util.concurrent.TimeUnit;

/**
 * The {@code mta-sts.<domain>} policy hosts of outbound delivery tests: Python's HTTPS server
 * ({@code mta_sts_server.py}) on a free loopback port, answering for each host with its certificate
 * (by SNI) and its policy.
 */
public final class MtaStsHosts implements AutoCloseable {

    /** One policy host: its certificate and the policy it serves. */
    public record Host(ServiceIdentity certificate, String policy) {
    }

    private final Process process;
    private final int port;

    private MtaStsHosts(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    public static MtaStsHosts start(Path directory, Map<String, Host> hosts) throws IOException {
        Files.createDirectories(directory);
        Path script = directory.resolve("mta_sts_server.py");
        try (InputStream in = MtaStsHosts.class.getResourceAsStream("/mta_sts_server.py")) {
            Files.write(script, in.readAllBytes());
        }
        int port = FreePorts.find();
        List<String> command = new ArrayList<>(List.of("python3", script.toString(), Integer.toString(port)));
        for (Map.Entry<String, Host> host : hosts.entrySet()) {
            Path policy = Files.writeString(directory.resolve(host.getKey() + ".txt"), host.getValue().policy());
            command.add(host.getKey() + "=" + host.getValue().certificate().certificate() + ":"
                    + host.getValue().certificate().privateKey() + ":" + policy);
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String line = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)).readLine();
        if (!"ready".equals(line)) {
            process.destroyForcibly();
            throw new IllegalStateException("mta_sts_server.py did not start: " + line);
        }
        return new MtaStsHosts(process, port);
    }

    public int port() {
        return port;
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
