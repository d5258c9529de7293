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

    /**
     * Writes the canonical body of {@code message} from {@code bodyStart} to {@code out}, a line at a
     * time: trailing empty lines are held back until a non-empty line shows they were not trailing.
     */
    void body(byte[] message, int bodyStart, OutputStream out) {
        try {
            long heldEmptyLines = 0;
            boolean wroteAny = false;
            int pos = bodyStart;
            ByteArrayOutputStream line = new ByteArrayOutputStream(256);
            while (pos < message.length) {
                int end = pos;
                while (end < message.length && !(message[end] == '\r' && end + 1 < message.length && message[end + 1] == '\n')) {
                    end++;
                }
                line.reset();
                if (this == SIMPLE) {
                    line.write(message, pos, end - pos);
                } else {
                    writeRelaxedLine(message, pos, end, line);
                }
                if (line.size() == 0) {
                    if (end < message.length) {
                        heldEmptyLines++;
                    }
                } else {
                    for (; heldEmptyLines > 0; heldEmptyLines--) {
                        out.write(CRLF);
                    }
                    line.writeTo(out);
                    out.write(CRLF); // also closes a last line that had no CRLF
                    wroteAny = true;
                }
                pos = end + 2;
            }
            if (!wroteAny && this == SIMPLE) {
                out.write(CRLF); // RFC 6376 §3.4.3: an empty body is a single CRLF under simple
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whitespace runs become one space and whitespace at the end of the line goes. */
    private static void writeRelaxedLine(byte[] message, int from, int to, ByteArrayOutputStream line) {
        boolean pendingSpace = false;
        for (int i = from; i < to; i++) {
            byte b = message[i];
            if (HeaderField.isWsp(b)) {
                pendingSpace = true;
                continue;
            }
            if (pendingSpace) {
                line.write(' ');
                pendingSpace = false;
            }
            line.write(b);
        }
    }

    /** The canonical body as bytes; for tests and small messages, where streaming does not matter. */
    byte[] body(byte[] message, int bodyStart) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        body(message, bodyStart, out);
        return out.toByteArray();
    }
}
