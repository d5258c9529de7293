package io.mailserver.smtp.outbound.dane;

import io.mailserver.smtp.outbound.tls.ServerNames;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.cert.CertPathValidator;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a server's certificate chain against its TLSA records (RFC 7672 §3.1, RFC 7671 §5). Pure:
 * no I/O, the clock given.
 *
 * <ul>
 * <li>DANE-EE (3): the server's own certificate or key is the one published; its names and dates do not
 * matter, the DNSSEC-signed record vouches for it.</li>
 * <li>DANE-TA (2): a certificate the server presented above its own is the published trust anchor (or,
 * when the record holds the whole key, "2 1 0", the key that signed the top of the chain); the chain
 * up to it must hold (PKIX path validation from that anchor) and the server's certificate must
 * name one of the reference names (the MX host; RFC 7672 §3.2.2).</li>
 * </ul>
 */
public final class DaneCertificates {

    private final Clock clock;

    public DaneCertificates(Clock clock) {
        this.clock = clock;
    }

    /**
     * What is wrong, empty when one usable record matches. The reason is ours, not the peer's: it goes
     * into deferral diagnostics.
     *
     * @param records the host's usable records ({@link TlsaLookup.Found#usable()}), not empty
     * @param names   reference names for DANE-TA, the MX host name first
     */
    public Optional<String> problem(List<? extends Certificate> chain, List<Tlsa> records, List<String> names) {
        if (chain.isEmpty() || !chain.stream().allMatch(X509Certificate.class::isInstance)) {
            return Optional.of("the server presented no X.509 certificate");
        }
        List<X509Certificate> certificates = chain.stream().map(X509Certificate.class::cast).toList();
        boolean anchorMatchedButChainFailed = false;
        for (Tlsa record : records) {
            if (record.usage() == Tlsa.DANE_EE && matches(record, certificates.get(0))) {
                return Optional.empty();
            }
            if (record.usage() == Tlsa.DANE_TA && record.selector() == 1 && record.matchingType() == 0) {
                // the whole key is published, so the server need not send its certificate (RFC 7671 §5.2.3)
                Optional<PublicKey> key = publicKey(record.data());
                for (int top = 0; key.isPresent() && top < certificates.size(); top++) {
                    TrustAnchor anchor = new TrustAnchor(certificates.get(top).getIssuerX500Principal(), key.get(), null);
                    if (pathHolds(certificates.subList(0, top + 1), anchor)) {
                        return named(certificates.get(0), names);
                    }
                }
            }
            if (record.usage() == Tlsa.DANE_TA) {
                for (int anchor = 1; anchor < certificates.size(); anchor++) {
                    if (matches(record, certificates.get(anchor))) {
                        if (pathHolds(certificates.subList(0, anchor), new TrustAnchor(certificates.get(anchor), null))) {
                            return named(certificates.get(0), names);
                        }
                        anchorMatchedButChainFailed = true;
                    }
                }
            }
        }
        return Optional.of(anchorMatchedButChainFailed
                ? "the certificate chain does not lead to the trust anchor its TLSA records name"
                : "no TLSA record matches the certificate");
    }

    private static Optional<String> named(X509Certificate certificate, List<String> names) {
        return names.stream().anyMatch(name -> ServerNames.matches(certificate, name)) ? Optional.empty()
                : Optional.of("the certificate names none of " + String.join(", ", names));
    }

    /**
     * PKIX path validation from the published anchor, as for any authority (signatures, CA
     * constraints, key usage, path length, name constraints, critical extensions, the JDK's disabled
     * algorithms, dates at our clock), without revocation checks, which DANE leaves to the records'
     * own lifetime. The anchor's own dates do not count (RFC 7671 §5.2.2).
     */
    private boolean pathHolds(List<X509Certificate> path, TrustAnchor anchor) {
        try {
            PKIXParameters parameters = new PKIXParameters(Set.of(anchor));
            parameters.setRevocationEnabled(false);
            parameters.setDate(Date.from(clock.instant()));
            CertPathValidator.getInstance("PKIX").validate(CertificateFactory.getInstance("X.509").generateCertPath(path), parameters);
            return true;
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    /** A SubjectPublicKeyInfo of one of the key types certificates use; empty when it is none. */
    private static Optional<PublicKey> publicKey(byte[] spki) {
        for (String algorithm : List.of("RSA", "EC", "Ed25519", "Ed448")) {
            try {
                return Optional.of(KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(spki)));
            } catch (GeneralSecurityException | RuntimeException notThisType) {
                // the next type
            }
        }
        return Optional.empty();
    }

    static boolean matches(Tlsa record, X509Certificate certificate) {
        try {
            byte[] selected = record.selector() == 0 ? certificate.getEncoded() : certificate.getPublicKey().getEncoded();
            byte[] compared = switch (record.matchingType()) {
                case 0 -> selected;
                case 1 -> MessageDigest.getInstance("SHA-256").digest(selected);
                case 2 -> MessageDigest.getInstance("SHA-512").digest(selected);
                default -> null;
            };
            return compared != null && MessageDigest.isEqual(compared, record.data());
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
