package io.mailserver.smtp.mailauth;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One header field as it arrived: its raw bytes, folds included, without the CRLF that ends it. Kept as
 * bytes because simple canonicalization must reproduce them exactly, 8-bit content included.
 *
 * @param name the field name as written, for comparing case-insensitively
 * @param raw the field's bytes, from the first byte of its name to before its final CRLF
 */
public record HeaderField(String name, byte[] raw) {

    public static HeaderField of(byte[] raw) {
        int colon = indexOf(raw, (byte) ':');
        int end = colon < 0 ? raw.length : colon;
        while (end > 0 && isWsp(raw[end - 1])) {
            end--;
        }
        return new HeaderField(new String(raw, 0, end, StandardCharsets.ISO_8859_1), raw);
    }

    /** Whether this is the field called {@code lowerCaseName}; field names are ASCII, compared so. */
    public boolean is(String lowerCaseName) {
        return name.toLowerCase(Locale.ROOT).equals(lowerCaseName);
    }

    /** The bytes after the colon, folds and all; empty for a line without a colon. */
    public byte[] value() {
        int colon = indexOf(raw, (byte) ':');
        if (colon < 0) {
            return new byte[0];
        }
        byte[] value = new byte[raw.length - colon - 1];
        System.arraycopy(raw, colon + 1, value, 0, value.length);
        return value;
    }

    public static int indexOf(byte[] bytes, byte wanted) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == wanted) {
                return i;
            }
        }
        return -1;
    }

    public static boolean isWsp(byte b) {
        return b == ' ' || b == '\t';
    }
}
