package io.mailserver.trust;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.Principal;
import java.security.cert.Certificate;
import java.util.HashMap;
import java.util.Map;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSessionContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The caller's name comes from the verified client certificate's CN, read once per TLS session: a
 * later call on the session gets the kept name without the certificate being read again.
 */
class CallerCheckTest {

    @Test
    void theNameIsReadOnceAndKeptInTheSession(@TempDir Path dir) throws Exception {
        TlsSession session = new TlsSession(certificate(dir, "CN=imap-service,O=mail"));

        assertThat(CallerCheck.callerName(session)).contains("imap-service");
        assertThat(session.getValue(CallerCheck.CALLER)).isEqualTo("imap-service");

        session.peer = null;
        assertThat(CallerCheck.callerName(session)).as("kept, not read again").contains("imap-service");
    }

    @Test
    void noVerifiedCertificateNoName() {
        TlsSession session = new TlsSession(null);

        assertThat(CallerCheck.callerName(session)).isEmpty();
        assertThat(session.getValueNames()).isEmpty();
        assertThat(CallerCheck.callerName(null)).isEmpty();
    }

    @Test
    void aCertificateWithoutCommonNameGivesNone(@TempDir Path dir) throws Exception {
        TlsSession session = new TlsSession(certificate(dir, "O=mail,OU=no-name"));

        assertThat(CallerCheck.callerName(session)).isEmpty();
        assertThat(session.getValueNames()).isEmpty();
    }

    /** A self-signed certificate for {@code subject}, made by the JDK's keytool. */
    private static Certificate certificate(Path dir, String subject) throws Exception {
        Path store = dir.resolve("peer.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "peer", "-keyalg", "EC", "-dname", subject, "-validity", "2",
                "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", "changeit")
                .redirectErrorStream(true).start();
        keytool.getInputStream().transferTo(OutputStream.nullOutputStream());
        assertThat(keytool.waitFor()).isZero();
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, "changeit".toCharArray());
        }
        return keys.getCertificate("peer");
    }

    /** The parts of a TLS session the check reads: the peer's chain and the session's values. */
    private static final class TlsSession implements SSLSession {

        private final Map<String, Object> values = new HashMap<>();
        Certificate peer;

        TlsSession(Certificate peer) {
            this.peer = peer;
        }

        @Override
        public Certificate[] getPeerCertificates() throws SSLPeerUnverifiedException {
            if (peer == null) {
                throw new SSLPeerUnverifiedException("no client certificate");
            }
            return new Certificate[] {peer};
        }

        @Override
        public Object getValue(String name) {
            return values.get(name);
        }

        @Override
        public void putValue(String name, Object value) {
            values.put(name, value);
        }

        @Override
        public void removeValue(String name) {
            values.remove(name);
        }

        @Override
        public String[] getValueNames() {
            return values.keySet().toArray(String[]::new);
        }

        @Override
        public byte[] getId() {
            return new byte[0];
        }

        @Override
        public SSLSessionContext getSessionContext() {
            return null;
        }

        @Override
        public long getCreationTime() {
            return 0;
        }

        @Override
        public long getLastAccessedTime() {
            return 0;
        }

        @Override
        public void invalidate() {
        }

        @Override
        public boolean isValid() {
            return true;
        }

        @Override
        public Certificate[] getLocalCertificates() {
            return null;
        }

        @Override
        @SuppressWarnings("removal")
        public javax.security.cert.X509Certificate[] getPeerCertificateChain() throws SSLPeerUnverifiedException {
            throw new SSLPeerUnverifiedException("not offered");
        }

        @Override
        public Principal getPeerPrincipal() throws SSLPeerUnverifiedException {
            throw new SSLPeerUnverifiedException("not offered");
        }

        @Override
        public Principal getLocalPrincipal() {
            return null;
        }

        @Override
        public String getCipherSuite() {
            return "";
        }

        @Override
        public String getProtocol() {
            return "TLSv1.3";
        }

        @Override
        public String getPeerHost() {
            return null;
        }

        @Override
        public int getPeerPort() {
            return -1;
        }

        @Override
        public int getPacketBufferSize() {
            return 0;
        }

        @Override
        public int getApplicationBufferSize() {
            return 0;
        }
    }
}
