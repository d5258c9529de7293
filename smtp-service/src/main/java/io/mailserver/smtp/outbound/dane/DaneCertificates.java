package io.mailserver.smtp.outbound.dane;

import io.mailserver.smtp.outbound.tls.ServerNames;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/**
 * Checks a server's certificate chain against its TLSA records (RFC 7672 §3.1, RFC 7671 §5). Pure:
 * no I/O, the clock given.
 *
 * <ul>
 * <li>DANE-EE (3): the server's own certificate or key is the one published; its names and dates do not
 * matter, the DNSSEC-signed record vouches for it.</li>
 * <li>DANE-TA (2): a certificate the server presented above its own is the published trust anchor (or,
 * when the record holds the whole key, "2 1 0", the key that signed the top of the chain); the chain
 * up to it must hold (signatures, issuers, CA certificates, dates) and the server's certificate must
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
                    if (issuedBy(certificates.get(top), key.get()) && chainHolds(certificates, top)) {
                        return names.stream().anyMatch(name -> ServerNames.matches(certificates.get(0), name))
                                ? Optional.empty()
                                : Optional.of("the certificate names none of " + String.join(", ", names));
                    }
                }
            }
            if (record.usage() == Tlsa.DANE_TA) {
                for (int anchor = 1; anchor < certificates.size(); anchor++) {
                    if (matches(record, certificates.get(anchor))) {
                        if (chainHolds(certificates, anchor)) {
                            return names.stream().anyMatch(name -> ServerNames.matches(certificates.get(0), name))
                                    ? Optional.empty()
                                    : Optional.of("the certificate names none of " + String.join(", ", names));
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

    /** Each certificate below {@code anchor} is current and signed by the next, which is a CA. */
    private boolean chainHolds(List<X509Certificate> chain, int anchor) {
        Date now = Date.from(clock.instant());
        try {
            for (int i = 0; i < anchor; i++) {
                X509Certificate certificate = chain.get(i);
                X509Certificate issuer = chain.get(i + 1);
                certificate.checkValidity(now);
                if (issuer.getBasicConstraints() < 0
                        || !certificate.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) {
                    return false;
                }
                certificate.verify(issuer.getPublicKey());
            }
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** Whether {@code key} signed {@code certificate}, which is current. */
    private boolean issuedBy(X509Certificate certificate, PublicKey key) {
        try {
            certificate.checkValidity(Date.from(clock.instant()));
            certificate.verify(key);
            return true;
        } catch (GeneralSecurityException e) {
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
