package io.mailserver.smtp.mailauth.dkim;

import io.mailserver.smtp.mailauth.MessageBody;
import io.mailserver.smtp.mailauth.RawMessage;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The SHA-256 of a canonical body, streamed so a large message is not copied, and cut at the
 * {@code l=} count when the signature has one.
 *
 * @param digest the hash of the first {@code min(limit, canonicalLength)} canonical bytes
 * @param canonicalLength how long the whole canonical body is, to tell an {@code l=} beyond its end
 */
record BodyHash(byte[] digest, long canonicalLength) {

    /** What one signature hashes: a canonicalization and its {@code l=}, negative for the whole body. */
    record Spec(Canonicalization canonicalization, long limit) {
    }

    /** Hashes the body of {@code message}; {@code limit} is {@code l=}, or negative for the whole body. */
    static BodyHash of(RawMessage message, Canonicalization canonicalization, long limit) {
        Spec spec = new Spec(canonicalization, limit);
        return of(MessageBody.of(message.bytes(), message.bodyStart()), java.util.List.of(spec)).get(spec);
    }

    /** Every spec's hash in one pass over the body. */
    static Map<Spec, BodyHash> of(MessageBody body, Collection<Spec> specs) {
        Map<Spec, LimitedDigest> digests = new LinkedHashMap<>();
        Map<Spec, Canonicalization.CanonicalBody> writers = new LinkedHashMap<>();
        for (Spec spec : specs) {
            LimitedDigest digest = new LimitedDigest(sha256(), spec.limit() < 0 ? Long.MAX_VALUE : spec.limit());
            digests.put(spec, digest);
            writers.put(spec, spec.canonicalization().bodyWriter(digest));
        }
        try {
            body.writeTo(new OutputStream() {
                @Override
                public void write(int b) {
                    write(new byte[] {(byte) b}, 0, 1);
                }

                @Override
                public void write(byte[] bytes, int offset, int length) {
                    for (Canonicalization.CanonicalBody writer : writers.values()) {
                        writer.write(bytes, offset, length);
                    }
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<Spec, BodyHash> hashes = new LinkedHashMap<>();
        writers.forEach((spec, writer) -> {
            writer.finish();
            LimitedDigest digest = digests.get(spec);
            hashes.put(spec, new BodyHash(digest.digest.digest(), digest.seen));
        });
        return hashes;
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
