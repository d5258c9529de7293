package io.mailserver.smtp.outbound.dane;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailserver.localstack.pki.DeploymentCa;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DaneCertificatesTest {

    private static X509Certificate leaf;
    private static X509Certificate ca;
    private static X509Certificate strangerLeaf;
    private static final DaneCertificates NOW = new DaneCertificates(Clock.systemUTC());

    @BeforeAll
    static void issue() throws Exception {
        Path dir = Files.createTempDirectory("dane-pki");
        DeploymentCa ours = DeploymentCa.ensure(dir.resolve("ours"));
        DeploymentCa theirs = DeploymentCa.ensure(dir.resolve("theirs"));
        leaf = read(ours.ensureIdentity("mx.example.test").certificate());
        ca = read(ours.certificate());
        strangerLeaf = read(theirs.ensureIdentity("mx.example.test").certificate());
    }

    private static X509Certificate read(Path file) throws Exception {
        try (InputStream in = Files.newInputStream(file)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    private static Tlsa tlsa(int usage, int selector, int matching, X509Certificate certificate) throws Exception {
        byte[] selected = selector == 0 ? certificate.getEncoded() : certificate.getPublicKey().getEncoded();
        byte[] data = switch (matching) {
            case 1 -> MessageDigest.getInstance("SHA-256").digest(selected);
            case 2 -> MessageDigest.getInstance("SHA-512").digest(selected);
            default -> selected;
        };
        return new Tlsa(usage, selector, matching, data);
    }

    @Test
    void daneEeMatchesTheServersOwnCertificateOrKeyWhateverItsNameOrIssuer() throws Exception {
        for (int selector = 0; selector <= 1; selector++) {
            for (int matching = 0; matching <= 2; matching++) {
                Tlsa record = tlsa(Tlsa.DANE_EE, selector, matching, strangerLeaf);
                assertThat(record.usable()).isTrue();
                assertThat(NOW.problem(List.of(strangerLeaf), List.of(record), List.of("mx.other.test")))
                        .as("3 %d %d", selector, matching).isEmpty();
            }
        }
        // RFC 7672 §3.1.1: no date check either; a year on, the published key still authenticates
        DaneCertificates later = new DaneCertificates(Clock.fixed(Instant.now().plus(Duration.ofDays(3650)), ZoneOffset.UTC));
        assertThat(later.problem(List.of(leaf), List.of(tlsa(3, 1, 1, leaf)), List.of("mx.example.test"))).isEmpty();
        assertThat(NOW.problem(List.of(leaf, ca), List.of(tlsa(3, 1, 1, strangerLeaf)), List.of("mx.example.test")))
                .contains("no TLSA record matches the certificate");
        // an EE record of the issuer is not a match for the server
        assertThat(NOW.problem(List.of(leaf, ca), List.of(tlsa(3, 1, 1, ca)), List.of("mx.example.test"))).isPresent();
    }

    @Test
    void daneTaNeedsTheChainToTheAnchorAndTheMxHostsName() throws Exception {
        List<Tlsa> anchor = List.of(tlsa(Tlsa.DANE_TA, 0, 1, ca));
        assertThat(NOW.problem(List.of(leaf, ca), anchor, List.of("mx.example.test"))).isEmpty();
        assertThat(NOW.problem(List.of(leaf, ca), List.of(tlsa(Tlsa.DANE_TA, 1, 2, ca)), List.of("MX.Example.test."))).isEmpty();
        assertThat(NOW.problem(List.of(leaf, ca), anchor, List.of("mx.other.test")))
                .contains("the certificate names none of mx.other.test");
        // the anchor must be presented, and must have issued the chain below it
        assertThat(NOW.problem(List.of(leaf), anchor, List.of("mx.example.test"))).contains("no TLSA record matches the certificate");
        assertThat(NOW.problem(List.of(strangerLeaf, ca), anchor, List.of("mx.example.test")))
                .contains("the certificate chain does not lead to the trust anchor its TLSA records name");
        // the server's own certificate is not its trust anchor
        assertThat(NOW.problem(List.of(leaf, ca), List.of(tlsa(Tlsa.DANE_TA, 0, 1, leaf)), List.of("mx.example.test"))).isPresent();
        // with DANE-TA dates count
        DaneCertificates later = new DaneCertificates(Clock.fixed(Instant.now().plus(Duration.ofDays(3650)), ZoneOffset.UTC));
        assertThat(later.problem(List.of(leaf, ca), anchor, List.of("mx.example.test"))).isPresent();
        assertThat(NOW.problem(List.of(), anchor, List.of("mx.example.test"))).contains("the server presented no X.509 certificate");
    }

    @Test
    void aPublishedAnchorKeyNeedNotBePresented() throws Exception {
        List<Tlsa> key = List.of(tlsa(Tlsa.DANE_TA, 1, 0, ca));
        assertThat(NOW.problem(List.of(leaf), key, List.of("mx.example.test"))).isEmpty();
        assertThat(NOW.problem(List.of(leaf, ca), key, List.of("mx.example.test"))).isEmpty();
        assertThat(NOW.problem(List.of(leaf), key, List.of("mx.other.test"))).contains("the certificate names none of mx.other.test");
        assertThat(NOW.problem(List.of(strangerLeaf), key, List.of("mx.example.test"))).isPresent();
        assertThat(NOW.problem(List.of(leaf), List.of(new Tlsa(Tlsa.DANE_TA, 1, 0, new byte[] {1, 2, 3})), List.of("mx.example.test")))
                .isPresent();
    }

    @Test
    void recordsSmtpCannotUseAreUnusable() throws Exception {
        assertThat(tlsa(0, 0, 1, ca).usable()).as("PKIX-TA").isFalse();
        assertThat(tlsa(1, 1, 1, leaf).usable()).as("PKIX-EE").isFalse();
        assertThat(new Tlsa(3, 2, 1, new byte[32]).usable()).as("selector 2").isFalse();
        assertThat(new Tlsa(3, 1, 3, new byte[32]).usable()).as("matching type 3").isFalse();
        assertThat(new Tlsa(3, 1, 1, new byte[31]).usable()).as("a short SHA-256").isFalse();
        assertThat(new Tlsa(3, 1, 2, new byte[32]).usable()).as("a SHA-256 where SHA-512 is said").isFalse();
        assertThat(new Tlsa(3, 1, 0, new byte[0]).usable()).as("nothing").isFalse();
        assertThat(new Tlsa(3, 1, 1, new byte[32])).isEqualTo(new Tlsa(3, 1, 1, new byte[32]));
    }
}
