package io.mailserver.localstack.pki;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemObject;

/**
 * A self-signed certificate and key as PEM files, for the local system's first start and for tests.
 * Valid for the given host name, "localhost" and 127.0.0.1.
 *
 * @param certificate PEM certificate file
 * @param privateKey  PEM PKCS#8 private key file (readable by its owner only)
 */
public record SelfSignedCertificate(Path certificate, Path privateKey) {

    /** Returns the pair in {@code directory}, generating it only when it does not exist yet. */
    public static SelfSignedCertificate ensure(Path directory, String hostName) {
        Path cert = directory.resolve("server.crt");
        Path key = directory.resolve("server.key");
        if (Files.isReadable(cert) && Files.isReadable(key)) {
            return new SelfSignedCertificate(cert, key);
        }
        try {
            Files.createDirectories(directory);
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(256, new SecureRandom());
            KeyPair pair = generator.generateKeyPair();
            X500Name subject = new X500Name("CN=" + hostName);
            Instant now = Instant.now();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject,
                    new BigInteger(64, new SecureRandom()), Date.from(now.minus(Duration.ofDays(1))),
                    Date.from(now.plus(Duration.ofDays(825))), subject, pair.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                    new GeneralName(GeneralName.dNSName, hostName),
                    new GeneralName(GeneralName.dNSName, "localhost"),
                    new GeneralName(GeneralName.iPAddress, "127.0.0.1")}));
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
            Path keyTmp = directory.resolve("server.key.tmp");
            try (Writer w = Files.newBufferedWriter(keyTmp); JcaPEMWriter pem = new JcaPEMWriter(w)) {
                pem.writeObject(new PemObject("PRIVATE KEY", pair.getPrivate().getEncoded()));
            }
            try {
                Files.setPosixFilePermissions(keyTmp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // nothing to restrict on this file system
            }
            Path certTmp = directory.resolve("server.crt.tmp");
            try (Writer w = Files.newBufferedWriter(certTmp); JcaPEMWriter pem = new JcaPEMWriter(w)) {
                pem.writeObject(certificate);
            }
            Files.move(keyTmp, key, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            Files.move(certTmp, cert, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return new SelfSignedCertificate(cert, key);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("could not create a self-signed certificate", e);
        }
    }
}
