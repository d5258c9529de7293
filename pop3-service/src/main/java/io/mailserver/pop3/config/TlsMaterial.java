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
        MailConfig.Tls tls = config.tls();
        if (tls.certificate().isPresent() != tls.privateKey().isPresent()) {
            throw new IllegalStateException("mail.tls.certificate and mail.tls.private-key must be set together");
        }
        this.serverTls = tls.certificate().map(cert -> new ServerTls(cert, tls.privateKey().orElseThrow()));
    }

    public Optional<ServerTls> serverTls() {
        return serverTls;
    }

    /** Whether STLS and the implicit-TLS listener are offered. */
    public boolean available() {
        return serverTls.isPresent();
    }
}
