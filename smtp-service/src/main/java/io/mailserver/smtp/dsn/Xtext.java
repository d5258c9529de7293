package io.mailserver.smtp.dsn;

import java.util.Optional;

/**
 * The xtext encoding of DSN parameter values (RFC 3461 §4): printable ASCII stands for itself
 * except {@code +} and {@code =}, and any octet may be written {@code +XX} (upper-case hex).
 *
 * <p>Decoded values end up as header field bodies in reports, so {@link #decode} accepts only
 * printable ASCII and space: a {@code +0D+0A} cannot smuggle a header line into a DSN.
 */
public final class Xtext {

    private Xtext() {
    }

    /** The decoded text, or empty when {@code value} is not xtext or decodes to anything but printable ASCII. */
    public static Optional<String> decode(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '+') {
                if (i + 2 >= value.length() || !hex(value.charAt(i + 1)) || !hex(value.charAt(i + 2))) {
                    return Optional.empty();
                }
                int octet = Integer.parseInt(value.substring(i + 1, i + 3), 16);
                if (octet < 0x20 || octet > 0x7e) {
                    return Optional.empty();
                }
                out.append((char) octet);
                i += 2;
            } else if (c < 0x21 || c > 0x7e || c == '=') {
                return Optional.empty();
            } else {
                out.append(c);
            }
        }
        return Optional.of(out.toString());
    }

    /** {@code text} (printable ASCII) as xtext. */
    public static String encode(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x21 || c > 0x7e || c == '+' || c == '=') {
                out.append('+').append(String.format("%02X", (int) c & 0xff));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean hex(char c) {
        // RFC 3461 asks for upper case; lower case is read too (be liberal in what you accept)
        return c >= '0' && c <= '9' || c >= 'A' && c <= 'F' || c >= 'a' && c <= 'f';
    }
}
