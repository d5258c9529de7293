package io.mailserver.protocol.tls;

import io.vertx.core.net.JdkSSLEngineOptions;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.OpenSSLEngineOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.SSLEngineOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

/**
 * A server certificate and key in PEM files, and the TLS policy applied to every listener.
 *
 * @param certificateChain PEM file with the certificate chain, leaf first
 * @param privateKey       PEM file with the private key (PKCS#8 or PKCS#1)
 */
public record ServerTls(Path certificateChain, Path privateKey) {

    /** Older protocol versions are broken or deprecated (RFC 8996); mail clients of the last decade speak 1.2. */
    public static final Set<String> PROTOCOLS = Set.of("TLSv1.2", "TLSv1.3");

    public ServerTls {
        if (!Files.isReadable(certificateChain)) {
            throw new IllegalArgumentException("TLS certificate file not readable: " + certificateChain);
        }
        if (!Files.isReadable(privateKey)) {
            throw new IllegalArgumentException("TLS private key file not readable: " + privateKey);
        }
    }

    /**
     * The TLS material a listener configuration names, if any. Half a configuration is an operator's
     * mistake that would silently turn TLS off, so it stops the service instead.
     *
     * @throws IllegalArgumentException when only one of the two files is given, or one is unreadable
     */
    public static Optional<ServerTls> fromConfig(Optional<Path> certificateChain, Optional<Path> privateKey) {
        if (certificateChain.isPresent() != privateKey.isPresent()) {
            throw new IllegalArgumentException("mail.tls.certificate and mail.tls.private-key must be set together");
        }
        return certificateChain.map(chain -> new ServerTls(chain, privateKey.orElseThrow()));
    }

    /**
     * BoringSSL (netty-tcnative) when its native library is on the class path and loads, else the
     * JDK's provider: the native engine costs less CPU per handshake and per record. The services
     * ship it for Linux x86_64; {@code -Dio.netty.handler.ssl.noOpenSsl=true} turns it off.
     */
    public static SSLEngineOptions engine() {
        return OpenSSLEngineOptions.isAvailable() ? new OpenSSLEngineOptions() : new JdkSSLEngineOptions();
    }

    /**
     * Puts the key material and protocol policy on {@code options}. {@code implicit} decides whether
     * the handshake starts at connect (ports 465, 993, 995); otherwise the same material is used
     * when a session upgrades with STARTTLS.
     */
    public NetServerOptions applyTo(NetServerOptions options, boolean implicit) {
        options.setKeyCertOptions(new PemKeyCertOptions()
                .setCertPath(certificateChain.toString())
                .setKeyPath(privateKey.toString()));
        options.setEnabledSecureTransportProtocols(PROTOCOLS);
        options.setSslEngineOptions(engine());
        options.setSsl(implicit);
        return options;
    }
}
