package io.mailserver.smtp.mailauth.dkim;

import java.util.Optional;

/**
 * The signing algorithms this code signs and verifies. rsa-sha1 is absent on purpose: RFC 8301 forbids
 * verifiers to treat it as valid, so a signature naming it is a permerror like any unknown algorithm.
 */
public enum DkimAlgorithm {

    RSA_SHA256("rsa-sha256", "rsa"),
    ED25519_SHA256("ed25519-sha256", "ed25519");

    private final String tag;
    private final String keyType;

    DkimAlgorithm(String tag, String keyType) {
        this.tag = tag;
        this.keyType = keyType;
    }

    /** The {@code a=} value of a signature. */
    public String tag() {
        return tag;
    }

    /** The {@code k=} value of the key record this algorithm needs. */
    public String keyType() {
        return keyType;
    }

    /** The algorithm an {@code a=} value names; tag values are case-insensitive in practice. */
    public static Optional<DkimAlgorithm> ofTag(String value) {
        for (DkimAlgorithm algorithm : values()) {
            if (algorithm.tag.equalsIgnoreCase(value)) {
                return Optional.of(algorithm);
            }
        }
        return Optional.empty();
    }
}
