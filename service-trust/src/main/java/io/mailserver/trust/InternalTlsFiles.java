package io.mailserver.trust;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Fails the start of a service whose internal TLS files are missing, naming the setting, instead of
 * letting the first call to a peer fail with a handshake error.
 */
@ApplicationScoped
public class InternalTlsFiles {

    void check(@Observes StartupEvent event, InternalTlsConfig config) {
        require("mail.internal-tls.ca", config.ca());
        require("mail.internal-tls.certificate", config.certificate());
        require("mail.internal-tls.private-key", config.privateKey());
    }

    private static void require(String key, Path file) {
        if (!Files.isReadable(file)) {
            throw new IllegalStateException(key + ": cannot read " + file
                    + " (internal TLS between the services needs the deployment CA, this service's certificate and key)");
        }
    }
}
