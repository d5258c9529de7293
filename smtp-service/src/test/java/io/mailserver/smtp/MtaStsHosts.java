package io.mailserver.smtp;

import io.mailserver.localstack.FreePorts;
import io.mailserver.localstack.pki.ServiceIdentity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code mta-sts.<domain>} policy hosts of outbound delivery tests: Python's HTTPS server
 * ({@code mta_sts_server.py}) on a free loopback port, answering for each host with its certificate
 * (by SNI) and its policy.
 */
public final class MtaStsHosts implements AutoCloseable {

    /** One policy host: its certificate and the policy it serves. */
    public record Host(ServiceIdentity certificate, String policy) {
    }

    private final PythonServer server;
    private final int port;

    private MtaStsHosts(PythonServer server, int port) {
        this.server = server;
        this.port = port;
    }

    public static MtaStsHosts start(Path directory, Map<String, Host> hosts) throws IOException {
        Files.createDirectories(directory);
        int port = FreePorts.find();
        List<String> arguments = new ArrayList<>(List.of(Integer.toString(port)));
        for (Map.Entry<String, Host> host : hosts.entrySet()) {
            Path policy = Files.writeString(directory.resolve(host.getKey() + ".txt"), host.getValue().policy());
            arguments.add(host.getKey() + "=" + host.getValue().certificate().certificate() + ":"
                    + host.getValue().certificate().privateKey() + ":" + policy);
        }
        return new MtaStsHosts(PythonServer.start(directory, "mta_sts_server.py", arguments), port);
    }

    public int port() {
        return port;
    }

    @Override
    public void close() {
        server.close();
    }
}
