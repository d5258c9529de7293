package io.mailserver.storage.blob;

import java.util.Arrays;
import java.util.HexFormat;

/** The SHA-256 of a message's raw bytes: the address of its blob. */
public final class BlobId {

    private final byte[] sha256;

    private BlobId(byte[] sha256) {
        this.sha256 = sha256;
    }

    public static BlobId of(byte[] sha256) {
        if (sha256.length != 32) {
            throw new IllegalArgumentException("a SHA-256 has 32 bytes");
        }
        return new BlobId(sha256.clone());
    }

    public byte[] bytes() {
        return sha256.clone();
    }

    public String hex() {
        return HexFormat.of().formatHex(sha256);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BlobId other && Arrays.equals(sha256, other.sha256);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(sha256);
    }

    @Override
    public String toString() {
        return hex();
    }
}
