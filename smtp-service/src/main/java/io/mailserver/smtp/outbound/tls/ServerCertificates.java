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
 * Checks the certificate chain a mail server presented: trusted (PKIX, to one of the JVM's
 * authorities or of the configured ones), within its validity, for TLS servers, and for the host name
 * the policy names.
 */
public final class ServerCertificates {

    private final X509TrustManager trust;

    private ServerCertificates(X509TrustManager trust) {
        this.trust = trust;
    }

    /**
     * @param authorities PEM files of certificate authorities to trust besides the JVM's (the public
     *                    web PKI, which MTA-STS domains use): a private PKI adds to it, never replaces it
     */
    public static ServerCertificates trusting(List<Path> authorities) {
        try {
            X509TrustManager jvm = trustManager(null);
            if (authorities.isEmpty()) {
                return new ServerCertificates(jvm);
            }
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
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
            return new ServerCertificates(new EitherTrusted(trustManager(store), jvm));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the trusted authorities " + authorities, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot load the trusted authorities " + authorities, e);
        }
    }

    /** The trust manager behind the checks, for other TLS clients that must trust the same (the policy fetch). */
    public X509TrustManager trustManager() {
        return trust;
    }

    private static X509TrustManager trustManager(KeyStore store) throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509TrustManager x509) {
                return x509;
            }
        }
        throw new IllegalStateException("no X.509 trust manager");
    }

    /** Trusted when either manager trusts the chain (a client of ours never presents a certificate). */
    private record EitherTrusted(X509TrustManager first, X509TrustManager second) implements X509TrustManager {

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            try {
                first.checkServerTrusted(chain, authType);
            } catch (CertificateException notByFirst) {
                second.checkServerTrusted(chain, authType);
            }
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("not for client certificates");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            X509Certificate[] a = first.getAcceptedIssuers();
            X509Certificate[] b = second.getAcceptedIssuers();
            X509Certificate[] all = java.util.Arrays.copyOf(a, a.length + b.length);
            System.arraycopy(b, 0, all, a.length, b.length);
            return all;
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
