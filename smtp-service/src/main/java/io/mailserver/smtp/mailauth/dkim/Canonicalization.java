package io.mailserver.smtp.mailauth.dkim;

import io.mailserver.smtp.mailauth.HeaderField;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Optional;

/**
 * RFC 6376 §3.4 canonicalizations, over bytes. "simple" tolerates nothing, "relaxed" survives the
 * whitespace and header-name case changes relays commonly make.
 */
public enum Canonicalization {

    SIMPLE, RELAXED;

    private static final byte[] CRLF = {'\r', '\n'};

    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Optional<Canonicalization> ofTag(String value) {
        for (Canonicalization c : values()) {
            if (c.tag().equalsIgnoreCase(value)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /** The canonical form of one header field, ending with CRLF as it enters the header hash. */
    byte[] header(HeaderField field) {
        if (this == SIMPLE) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(field.raw().length + 2);
            out.writeBytes(field.raw());
            out.writeBytes(CRLF);
            return out.toByteArray();
        }
        byte[] raw = field.raw();
        int colon = HeaderField.indexOf(raw, (byte) ':');
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length + 2);
        for (int i = 0; i < field.name().length(); i++) {
            byte b = raw[i];
            out.write(b >= 'A' && b <= 'Z' ? b + ('a' - 'A') : b);
        }
        out.write(':');
        if (colon >= 0) {
            writeRelaxedValue(raw, colon + 1, out);
        }
        out.writeBytes(CRLF);
        return out.toByteArray();
    }

    /** Unfolds, collapses whitespace runs to one space, and drops whitespace at both ends. */
    private static void writeRelaxedValue(byte[] raw, int from, ByteArrayOutputStream out) {
        boolean pendingSpace = false;
        boolean started = false;
        for (int i = from; i < raw.length; i++) {
            byte b = raw[i];
            if (b == '\r' || b == '\n') {
                continue; // unfolding removes the line breaks; the whitespace after them stays
            }
            if (HeaderField.isWsp(b)) {
                pendingSpace = started;
                continue;
            }
            if (pendingSpace) {
                out.write(' ');
                pendingSpace = false;
            }
            out.write(b);
            started = true;
        }
    }

    /** Writes the canonical body of {@code message} from {@code bodyStart} to {@code out} ({@link CanonicalBody}). */
    void body(byte[] message, int bodyStart, OutputStream out) {
        CanonicalBody canonical = bodyWriter(out);
        canonical.write(message, bodyStart, message.length - bodyStart);
        canonical.finish();
    }

    /** A writer that takes the body's octets in blocks of any size and writes them canonical to {@code out}. */
    CanonicalBody bodyWriter(OutputStream out) {
        return new CanonicalBody(this, out);
    }

    /**
     * RFC 6376 §3.4.3 and §3.4.4 as a state machine over octets, so that a body is canonicalized
     * as it streams past, in blocks that may split a CRLF or a whitespace run anywhere. Lines end with
     * CRLF only; a lone CR or LF is content. Trailing empty lines are held back, as a count, until a
     * non-empty line shows they were not trailing; no line is ever kept whole.
     */
    static final class CanonicalBody extends OutputStream {

        private final boolean relaxed;
        private final OutputStream out;
        /** Canonical octets on their way to {@code out}, which gets them in blocks rather than one by one. */
        private final byte[] pending = new byte[8192];
        private int pendingLength;
        private long heldEmptyLines;
        private boolean lineStarted;
        private boolean pendingCr;
        private boolean pendingSpace;
        private boolean wroteAny;

        private CanonicalBody(Canonicalization canonicalization, OutputStream out) {
            this.relaxed = canonicalization == RELAXED;
            this.out = out;
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            try {
                for (int i = offset; i < offset + length; i++) {
                    byte b = bytes[i];
                    if (pendingCr) {
                        pendingCr = false;
                        if (b == '\n') {
                            endLine();
                            continue;
                        }
                        content((byte) '\r');
                    }
                    if (b == '\r') {
                        pendingCr = true;
                    } else {
                        content(b);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Ends the body: a last line without CRLF gets one; an empty body is one CRLF under simple. */
        void finish() {
            try {
                if (pendingCr) {
                    pendingCr = false;
                    content((byte) '\r');
                }
                if (lineStarted) {
                    emitCrlf();
                    wroteAny = true;
                }
                if (!wroteAny && !relaxed) {
                    emitCrlf();
                }
                out.write(pending, 0, pendingLength);
                pendingLength = 0;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private void content(byte b) throws IOException {
            if (relaxed && HeaderField.isWsp(b)) {
                // a run of whitespace is one space, and none at all at the end of a line
                pendingSpace = true;
                return;
            }
            if (!lineStarted) {
                for (; heldEmptyLines > 0; heldEmptyLines--) {
                    emitCrlf();
                }
                lineStarted = true;
            }
            if (pendingSpace) {
                emit((byte) ' ');
                pendingSpace = false;
            }
            emit(b);
        }

        private void emit(byte b) throws IOException {
            if (pendingLength == pending.length) {
                out.write(pending, 0, pendingLength);
                pendingLength = 0;
            }
            pending[pendingLength++] = b;
        }

        private void emitCrlf() throws IOException {
            emit((byte) '\r');
            emit((byte) '\n');
        }

        private void endLine() throws IOException {
            pendingSpace = false;
            if (lineStarted) {
                emitCrlf();
                wroteAny = true;
                lineStarted = false;
            } else {
                heldEmptyLines++;
            }
        }
    }

    /** The canonical body as bytes; for tests and small messages, where streaming does not matter. */
    byte[] body(byte[] message, int bodyStart) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        body(message, bodyStart, out);
        return out.toByteArray();
    }
}
