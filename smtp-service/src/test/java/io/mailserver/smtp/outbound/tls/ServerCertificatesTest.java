package io.mailserver.smtp.outbound.tls;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailserver.localstack.pki.DeploymentCa;
import io.mailserver.localstack.pki.ServiceIdentity;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServerCertificatesTest {

    private static List<Certificate> chain(ServiceIdentity identity) throws Exception {
        try (InputStream in = Files.newInputStream(identity.certificate())) {
            return List.copyOf(CertificateFactory.getInstance("X.509").generateCertificates(in));
        }
    }

    @Test
    void aTrustedCertificateForTheNamePassesAndNothingElseDoes() throws Exception {
        Path dir = Files.createTempDirectory("pki");
        DeploymentCa ours = DeploymentCa.ensure(dir.resolve("ours"));
        DeploymentCa theirs = DeploymentCa.ensure(dir.resolve("theirs"));
        List<Certificate> chain = chain(ours.ensureIdentity("mx.example.test"));
        ServerCertificates trusting = ServerCertificates.trusting(List.of(ours.certificate()));

        assertThat(trusting.problem(chain, "mx.example.test")).isEmpty();
        assertThat(trusting.problem(chain, "MX.example.test.")).isEmpty();
        assertThat(trusting.problem(chain, "mx.other.test")).contains("the certificate is not for mx.other.test");
        assertThat(ServerCertificates.trusting(List.of(theirs.certificate())).problem(chain, "mx.example.test"))
                .hasValueSatisfying(p -> assertThat(p).startsWith("the certificate of mx.example.test is not trusted"));
        // the JVM's authorities (the web PKI) do not know a private CA
        assertThat(ServerCertificates.trusting(List.of()).problem(chain, "mx.example.test")).isPresent();
        assertThat(trusting.problem(List.of(), "mx.example.test")).contains("the server presented no X.509 certificate");
    }
}
