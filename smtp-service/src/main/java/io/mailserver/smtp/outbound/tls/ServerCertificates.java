package io.mailserver.smtp.outbound.tls;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * Checks the certificate chain a mail server presented: trusted (PKIX, to one of the configured
 * authorities, or the JVM's when none are configured), within its validity, for TLS servers, and for
 * the host name the policy names.
 */
public final class ServerCertificates {

    private final X509TrustManager trust;

    private ServerCertificates(X509TrustManager trust) {
        this.trust = trust;
    }

    /**
     * @param authorities PEM files of the certificate authorities to trust; empty for the JVM's
     *                    default trust store (the public web PKI, as MTA-STS expects)
     */
    public static ServerCertificates trusting(List<Path> authorities) {
        try {
            KeyStore store = null;
            if (!authorities.isEmpty()) {
                store = KeyStore.getInstance(KeyStore.getDefaultType());
                store.load(null, null);
                CertificateFactory factory = CertificateFactory.getInstance("X.509");
                int n = 0;
                for (Path file : authorities) {
                    try (InputStream in = Files.newInputStream(file)) {
                        for (Certificate certificate : factory.generateCertificates(in)) {
                            store.setCertificateEntry("authority-" + n++, certificate);
                        }
                    }
                }
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            for (TrustManager manager : factory.getTrustManagers()) {
                if (manager instanceof X509TrustManager x509) {
                    return new ServerCertificates(x509);
                }
            }
            throw new IllegalStateException("no X.509 trust manager");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the trusted authorities " + authorities, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot load the trusted authorities " + authorities, e);
        }
    }

    /**
     * What is wrong with {@code chain} for {@code host}, empty when nothing is. The reason is ours, not
     * the peer's text: it goes into deferral diagnostics and logs.
     */
    public Optional<String> problem(List<? extends Certificate> chain, String host) {
        if (chain.isEmpty() || !chain.stream().allMatch(X509Certificate.class::isInstance)) {
            return Optional.of("the server presented no X.509 certificate");
        }
        X509Certificate[] certificates = chain.stream().map(X509Certificate.class::cast).toArray(X509Certificate[]::new);
        try {
            // "UNKNOWN" is what JSSE itself passes for TLS 1.3: a signing key, checked as for a TLS server
            trust.checkServerTrusted(certificates, "UNKNOWN");
        } catch (CertificateException e) {
            return Optional.of("the certificate of " + host + " is not trusted (" + e.getClass().getSimpleName() + ")");
        }
        if (!ServerNames.matches(certificates[0], host)) {
            return Optional.of("the certificate is not for " + host);
        }
        return Optional.empty();
    }
}
