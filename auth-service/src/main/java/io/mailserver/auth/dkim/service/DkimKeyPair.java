package io.mailserver.auth.dkim.service;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;

/**
 * A fresh key pair for one of the two DKIM algorithms and the TXT record publishing its public half.
 * Ed25519 is published as the bare 32-byte key (RFC 8463 §4), not the X.509 structure the JDK encodes.
 *
 * @param privateKeyPkcs8 the private half, PKCS#8
 * @param dnsRecord {@code v=DKIM1; k=rsa|ed25519; p=<base64>}
 */
public record DkimKeyPair(String algorithm, byte[] privateKeyPkcs8, String dnsRecord) {

    public static final String RSA = "rsa-sha256";
    public static final String ED25519 = "ed25519-sha256";
    private static final int RSA_BITS = 2048;
    /** The X.509 SubjectPublicKeyInfo prefix before an Ed25519 key's 32 bytes. */
    private static final int ED25519_SPKI_PREFIX = 12;

    public static DkimKeyPair generate(String algorithm) {
        String wanted = algorithm.toLowerCase(Locale.ROOT);
        try {
            if (wanted.equals(RSA)) {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(RSA_BITS);
                KeyPair pair = generator.generateKeyPair();
                return new DkimKeyPair(RSA, pair.getPrivate().getEncoded(), record("rsa", pair.getPublic().getEncoded()));
            }
            if (wanted.equals(ED25519)) {
                KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
                return new DkimKeyPair(ED25519, pair.getPrivate().getEncoded(), record("ed25519", raw(pair.getPublic())));
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot make a DKIM key: " + e.getMessage(), e);
        }
        throw new IllegalArgumentException("mail.auth.dkim.algorithm must be rsa-sha256 or ed25519-sha256, not " + algorithm);
    }

    private static byte[] raw(PublicKey key) {
        byte[] spki = key.getEncoded();
        return Arrays.copyOfRange(spki, ED25519_SPKI_PREFIX, spki.length);
    }

    private static String record(String type, byte[] publicKey) {
        return "v=DKIM1; k=" + type + "; p=" + Base64.getEncoder().encodeToString(publicKey);
    }
}
