package io.mailserver.localstack.pki;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemObject;

/**
 * The certificate authority of one deployment's internal gRPC traffic (mutual TLS between the
 * services), kept as PEM files in one directory: {@code ca.crt} and {@code ca.key}, then one
 * {@code <name>.crt}/{@code <name>.key} pair per service. Files that exist are reused, so a restart
 * keeps every identity; a service certificate issued by an older CA (the directory's CA was
 * replaced) is issued again.
 *
 * <p>A service certificate names the service in its subject CN (what storage-service and
 * auth-service check a caller's allowance against) and in a DNS subject alternative name, and is
 * valid for {@code localhost} and 127.0.0.1 too, so it serves as both server and client certificate
 * on one machine. On Kubernetes the same layout comes from Secrets (cert-manager's
 * {@code tls.crt}/{@code tls.key}/{@code ca.crt}).
 */
public final class DeploymentCa {

    private static final Duration CA_VALIDITY = Duration.ofDays(3650);
    private static final Duration SERVICE_VALIDITY = Duration.ofDays(825);

    private final Path directory;
    private final X509Certificate caCertificate;
    private final PrivateKey caKey;

    private DeploymentCa(Path directory, X509Certificate caCertificate, PrivateKey caKey) {
        this.directory = directory;
        this.caCertificate = caCertificate;
        this.caKey = caKey;
    }

    /** The CA in {@code directory}, created when it does not exist yet. */
    public static DeploymentCa ensure(Path directory) {
        Path cert = directory.resolve("ca.crt");
        Path key = directory.resolve("ca.key");
        try {
            Files.createDirectories(directory);
            if (Files.isReadable(cert) && Files.isReadable(key)) {
                return new DeploymentCa(directory, readCertificate(cert), readKey(key));
            }
            KeyPair pair = newKeyPair();
            X500Name subject = new X500Name("CN=mailserver deployment CA");
            Instant now = Instant.now();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, serial(),
                    Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(CA_VALIDITY)), subject, pair.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            builder.addExtension(Extension.subjectKeyIdentifier, false,
                    new JcaX509ExtensionUtils().createSubjectKeyIdentifier(pair.getPublic()));
            X509Certificate certificate = sign(builder, pair.getPrivate());
            writeKey(key, pair.getPrivate());
            writeCertificate(cert, certificate);
            return new DeploymentCa(directory, certificate, pair.getPrivate());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the deployment CA in " + directory, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot create the deployment CA", e);
        }
    }

    /** The PEM file of the CA certificate: what every service trusts. */
    public Path certificate() {
        return directory.resolve("ca.crt");
    }

    /** The identity {@code name}, issued now unless a valid one from this CA exists. */
    public ServiceIdentity ensureIdentity(String name) {
        Path cert = directory.resolve(name + ".crt");
        Path key = directory.resolve(name + ".key");
        try {
            if (Files.isReadable(cert) && Files.isReadable(key) && issuedByThisCa(readCertificate(cert))) {
                return new ServiceIdentity(name, cert, key, certificate());
            }
            KeyPair pair = newKeyPair();
            Instant now = Instant.now();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(caCertificate, serial(),
                    Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(SERVICE_VALIDITY)),
                    new X500Name("CN=" + name), pair.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
                    new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                    new GeneralName(GeneralName.dNSName, name),
                    new GeneralName(GeneralName.dNSName, "localhost"),
                    new GeneralName(GeneralName.iPAddress, "127.0.0.1")}));
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.authorityKeyIdentifier, false,
                    extensions.createAuthorityKeyIdentifier(caCertificate));
            builder.addExtension(Extension.subjectKeyIdentifier, false,
                    extensions.createSubjectKeyIdentifier(pair.getPublic()));
            writeKey(key, pair.getPrivate());
            writeCertificate(cert, sign(builder, caKey));
            return new ServiceIdentity(name, cert, key, certificate());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot issue the certificate of " + name, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot issue the certificate of " + name, e);
        }
    }

    private boolean issuedByThisCa(X509Certificate certificate) {
        try {
            certificate.verify(caCertificate.getPublicKey());
            certificate.checkValidity(Date.from(Instant.now().plus(Duration.ofDays(30))));
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static KeyPair newKeyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256, new SecureRandom());
        return generator.generateKeyPair();
    }

    private static BigInteger serial() {
        return new BigInteger(64, new SecureRandom());
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey key) throws GeneralSecurityException {
        try {
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(key)));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException(e);
        }
    }

    private static X509Certificate readCertificate(Path file) throws IOException, GeneralSecurityException {
        try (Reader reader = Files.newBufferedReader(file); PEMParser pem = new PEMParser(reader)) {
            Object object = pem.readObject();
            if (!(object instanceof X509CertificateHolder holder)) {
                throw new GeneralSecurityException(file + " holds no certificate");
            }
            return new JcaX509CertificateConverter().getCertificate(holder);
        }
    }

    private static PrivateKey readKey(Path file) throws IOException, GeneralSecurityException {
        try (Reader reader = Files.newBufferedReader(file); PEMParser pem = new PEMParser(reader)) {
            Object object = pem.readPemObject();
            if (!(object instanceof PemObject key) || !key.getType().equals("PRIVATE KEY")) {
                throw new GeneralSecurityException(file + " holds no PKCS#8 private key");
            }
            return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(key.getContent()));
        }
    }

    /** PKCS#8 PEM, readable by its owner only, written under a temporary name and moved in place. */
    private static void writeKey(Path file, PrivateKey key) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (Writer w = Files.newBufferedWriter(tmp); JcaPEMWriter pem = new JcaPEMWriter(w)) {
            pem.writeObject(new PemObject("PRIVATE KEY", key.getEncoded()));
        }
        try {
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // nothing to restrict on this file system
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static void writeCertificate(Path file, X509Certificate certificate) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (Writer w = Files.newBufferedWriter(tmp); JcaPEMWriter pem = new JcaPEMWriter(w)) {
            pem.writeObject(certificate);
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
