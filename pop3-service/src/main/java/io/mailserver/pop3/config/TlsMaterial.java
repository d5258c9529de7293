package io.mailserver.pop3.config;

import io.mailserver.protocol.tls.ServerTls;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * The server's TLS key material, checked once at startup: present only when both
 * {@code mail.tls.certificate} and {@code mail.tls.private-key} are set and readable.
 */
@ApplicationScoped
public class TlsMaterial {

    private final Optional<ServerTls> serverTls;

    public TlsMaterial(MailConfig config) {
        this.serverTls = ServerTls.fromConfig(config.tls().certificate(), config.tls().privateKey());
    }

    public Optional<ServerTls> serverTls() {
        return serverTls;
    }

    /** Whether STLS and the implicit-TLS listener are offered. */
    public boolean available() {
        return serverTls.isPresent();
    }
}
