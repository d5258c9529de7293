package io.mailserver.smtp.mailauth.dkim;

import io.mailserver.smtp.mailauth.RawMessage;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The SHA-256 of a canonical body, streamed so a large message is not copied, and cut at the
 * {@code l=} count when the signature has one.
 *
 * @param digest the hash of the first {@code min(limit, canonicalLength)} canonical bytes
 * @param canonicalLength how long the whole canonical body is, to tell an {@code l=} beyond its end
 */
record BodyHash(byte[] digest, long canonicalLength) {

    /** Hashes the body of {@code message}; {@code limit} is {@code l=}, or negative for the whole body. */
    static BodyHash of(RawMessage message, Canonicalization canonicalization, long limit) {
        LimitedDigest sink = new LimitedDigest(sha256(), limit < 0 ? Long.MAX_VALUE : limit);
        canonicalization.body(message.bytes(), message.bodyStart(), sink);
        return new BodyHash(sink.digest.digest(), sink.seen);
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    private static final class LimitedDigest extends OutputStream {

        private final MessageDigest digest;
        private final long limit;
        private long seen;

        LimitedDigest(MessageDigest digest, long limit) {
            this.digest = digest;
            this.limit = limit;
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            long room = limit - seen;
            if (room > 0) {
                digest.update(bytes, offset, (int) Math.min(room, length));
            }
            seen += length;
        }
    }
}
