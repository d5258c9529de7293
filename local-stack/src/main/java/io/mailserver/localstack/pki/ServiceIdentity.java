package io.mailserver.localstack.pki;

import java.nio.file.Path;
import java.util.Map;

/**
 * One service's internal TLS identity as PEM files: its certificate (subject CN = {@code name}),
 * its private key, and the CA certificate it trusts its peers by.
 */
public record ServiceIdentity(String name, Path certificate, Path privateKey, Path ca) {

    /** The service's {@code mail.internal-tls.*} configuration for these files. */
    public Map<String, String> config() {
        return Map.of(
                "mail.internal-tls.certificate", certificate.toString(),
                "mail.internal-tls.private-key", privateKey.toString(),
                "mail.internal-tls.ca", ca.toString());
    }
}
