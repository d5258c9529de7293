package io.mailserver.storage.mime;

import java.io.ByteArrayOutputStream;
import java.util.Locale;
import java.util.Optional;

/**
 * Removes a Content-Transfer-Encoding (RFC 2045 §6) from bytes that arrive in chunks, for IMAP
 * BINARY (RFC 3516). A decoder holds only what one chunk boundary can split (a base64 quantum, a
 * quoted-printable escape or trailing whitespace), never the part, so a large part streams through.
 * Malformed input decodes to something rather than failing: the encoded bytes are the sender's.
 */
public sealed interface TransferDecoder permits TransferDecoder.Identity, Base64Decoder, QuotedPrintableDecoder {

    /** Decodes {@code in[from, to)}, writing what it yields to {@code out}. */
    void decode(byte[] in, int from, int to, ByteArrayOutputStream out);

    /** Ends the data: writes what was held back for want of the next byte. */
    void finish(ByteArrayOutputStream out);

    /**
     * Whether the decoded bytes can differ from the encoded ones. Without encoding (7bit, 8bit,
     * binary, absent) sizes and NULs are known from the raw bytes.
     */
    default boolean transforms() {
        return true;
    }

    /**
     * The decoder of an encoding as named in a body structure ("" when the part has none), or
     * empty for one this server cannot decode (IMAP then answers {@code [UNKNOWN-CTE]}).
     */
    static Optional<TransferDecoder> of(String encoding) {
        return switch (encoding.trim().toLowerCase(Locale.ROOT)) {
            case "", "7bit", "8bit", "binary" -> Optional.of(Identity.INSTANCE);
            case "base64" -> Optional.of(new Base64Decoder());
            case "quoted-printable" -> Optional.of(new QuotedPrintableDecoder());
            default -> Optional.empty();
        };
    }

    /** Whether an encoding name is one that promises 7-bit data, which holds no NUL (RFC 2045 §2.7). */
    static boolean sevenBit(String encoding) {
        String name = encoding.trim().toLowerCase(Locale.ROOT);
        return name.isEmpty() || name.equals("7bit");
    }

    /** No encoding: the bytes are the content. */
    final class Identity implements TransferDecoder {

        static final Identity INSTANCE = new Identity();

        private Identity() {
        }

        @Override
        public void decode(byte[] in, int from, int to, ByteArrayOutputStream out) {
            out.write(in, from, to - from);
        }

        @Override
        public void finish(ByteArrayOutputStream out) {
        }

        @Override
        public boolean transforms() {
            return false;
        }
    }
}
