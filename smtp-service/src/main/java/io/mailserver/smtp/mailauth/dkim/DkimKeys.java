package io.mailserver.smtp.mailauth.dkim;

import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.RSAKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * DKIM keys with the JDK's own providers: generating them, storing private keys as PKCS#8, and the DNS
 * record that publishes the public half. Ed25519 is the one format wrinkle: RFC 8463 publishes the bare
 * 32-byte key where the JDK speaks X.509 SubjectPublicKeyInfo, which is that key behind a fixed prefix.
 */
public final class DkimKeys {

    /** The DER SubjectPublicKeyInfo header for an Ed25519 key (OID 1.3.101.112), before the 32 key bytes. */
    private static final byte[] ED25519_SPKI_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");
    private static final int ED25519_KEY_LENGTH = 32;
    /** SEQUENCE { OID 1.2.840.113549.1.1.1 (rsaEncryption), NULL }. */
    private static final byte[] RSA_ALGORITHM_IDENTIFIER = HexFormat.of().parseHex("300d06092a864886f70d0101010500");

    /** RFC 8301: signers must use at least 1024 bits and verifiers must not accept less. */
    public static final int MIN_RSA_BITS = 1024;
    public static final int RSA_BITS = 2048;

    private DkimKeys() {
    }

    /** A new key pair: RSA 2048 or Ed25519. */
    public static KeyPair generate(DkimAlgorithm algorithm) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(jdkName(algorithm));
            if (algorithm == DkimAlgorithm.RSA_SHA256) {
                generator.initialize(RSA_BITS);
            }
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Java 17 has RSA and Ed25519", e);
        }
    }

    /** The private key's PKCS#8 encoding, the form to store it in. */
    public static byte[] pkcs8(PrivateKey key) {
        if (!"PKCS#8".equals(key.getFormat())) {
            throw new IllegalArgumentException("not a PKCS#8-encodable key: " + key.getFormat());
        }
        return key.getEncoded();
    }

    /** Reads back a private key stored by {@link #pkcs8}. */
    public static PrivateKey privateKey(DkimAlgorithm algorithm, byte[] pkcs8) throws GeneralSecurityException {
        return KeyFactory.getInstance(jdkName(algorithm)).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
    }

    /** The TXT record value to publish at {@code <selector>._domainkey.<domain>}. */
    public static String dnsRecord(DkimAlgorithm algorithm, PublicKey key) {
        byte[] published = algorithm == DkimAlgorithm.ED25519_SHA256 ? ed25519Raw(key) : key.getEncoded();
        return "v=DKIM1; k=" + algorithm.keyType() + "; p=" + Base64.getEncoder().encodeToString(published);
    }

    /** The public key a record's p= carries, for the algorithm a signature names. */
    static PublicKey publicKey(DkimAlgorithm algorithm, byte[] published) throws GeneralSecurityException {
        byte[] spki = published;
        if (algorithm == DkimAlgorithm.ED25519_SHA256) {
            if (published.length != ED25519_KEY_LENGTH) {
                throw new GeneralSecurityException("an Ed25519 key is 32 bytes, not " + published.length);
            }
            spki = Arrays.copyOf(ED25519_SPKI_PREFIX, ED25519_SPKI_PREFIX.length + ED25519_KEY_LENGTH);
            System.arraycopy(published, 0, spki, ED25519_SPKI_PREFIX.length, ED25519_KEY_LENGTH);
        }
        KeyFactory factory = KeyFactory.getInstance(jdkName(algorithm));
        try {
            return factory.generatePublic(new X509EncodedKeySpec(spki));
        } catch (InvalidKeySpecException e) {
            if (algorithm != DkimAlgorithm.RSA_SHA256) {
                throw e;
            }
            // some old records publish a bare PKCS#1 RSAPublicKey; other verifiers accept it, so do we
            return factory.generatePublic(new X509EncodedKeySpec(rsaSpki(published)));
        }
    }

    /** {@code pkcs1} wrapped as SubjectPublicKeyInfo: rsaEncryption's identifier, then the key as a BIT STRING. */
    private static byte[] rsaSpki(byte[] pkcs1) {
        ByteArrayOutputStream bitString = new ByteArrayOutputStream();
        bitString.write(0x03);
        derLength(bitString, pkcs1.length + 1);
        bitString.write(0); // no unused bits
        bitString.writeBytes(pkcs1);
        ByteArrayOutputStream spki = new ByteArrayOutputStream();
        spki.write(0x30);
        derLength(spki, RSA_ALGORITHM_IDENTIFIER.length + bitString.size());
        spki.writeBytes(RSA_ALGORITHM_IDENTIFIER);
        spki.writeBytes(bitString.toByteArray());
        return spki.toByteArray();
    }

    private static void derLength(ByteArrayOutputStream out, int length) {
        if (length < 0x80) {
            out.write(length);
        } else if (length <= 0xff) {
            out.write(0x81);
            out.write(length);
        } else if (length <= 0xffff) {
            out.write(0x82);
            out.write(length >> 8);
            out.write(length);
        } else {
            throw new IllegalArgumentException("longer than any RSA key a TXT record holds");
        }
    }

    /** The 32 key bytes RFC 8463 publishes, cut from the JDK's SubjectPublicKeyInfo. */
    static byte[] ed25519Raw(PublicKey key) {
        byte[] spki = key.getEncoded();
        if (spki.length != ED25519_SPKI_PREFIX.length + ED25519_KEY_LENGTH
                || !Arrays.equals(spki, 0, ED25519_SPKI_PREFIX.length, ED25519_SPKI_PREFIX, 0, ED25519_SPKI_PREFIX.length)) {
            throw new IllegalArgumentException("not an Ed25519 public key: " + key.getAlgorithm());
        }
        return Arrays.copyOfRange(spki, ED25519_SPKI_PREFIX.length, spki.length);
    }

    /** Whether {@code key} is of the kind {@code algorithm} signs with (the JDK calls Ed25519 "EdDSA"). */
    static boolean fits(DkimAlgorithm algorithm, java.security.Key key) {
        return switch (algorithm) {
            case RSA_SHA256 -> key instanceof RSAKey;
            case ED25519_SHA256 -> "EdDSA".equals(key.getAlgorithm()) || "Ed25519".equals(key.getAlgorithm());
        };
    }

    static int rsaBits(java.security.Key key) {
        return ((RSAKey) key).getModulus().bitLength();
    }

    static String jdkName(DkimAlgorithm algorithm) {
        return algorithm == DkimAlgorithm.RSA_SHA256 ? "RSA" : "Ed25519";
    }

    /** The JDK signature algorithm; Ed25519 gets a SHA-256 digest as its message (RFC 8463 §3). */
    static String jdkSignatureName(DkimAlgorithm algorithm) {
        return algorithm == DkimAlgorithm.RSA_SHA256 ? "SHA256withRSA" : "Ed25519";
    }

    /** The b= signature of {@code data} with {@code key}. */
    static byte[] sign(DkimSigningKey key, byte[] data) {
        try {
            Signature signer = Signature.getInstance(jdkSignatureName(key.algorithm()));
            signer.initSign(key.privateKey());
            // RFC 8463 §3: Ed25519 signs the SHA-256 hash of the data, not the data
            signer.update(key.algorithm() == DkimAlgorithm.ED25519_SHA256 ? BodyHash.sha256().digest(data) : data);
            return signer.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("signing with a checked " + key.algorithm().tag() + " key failed", e);
        }
    }
}
