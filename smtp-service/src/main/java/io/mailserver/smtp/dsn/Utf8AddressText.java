package io.mailserver.smtp.dsn;

import io.mailserver.smtp.codec.Utf8Arguments;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/**
 * The text forms of a UTF-8 address in DSN parameters (RFC 6533 §3): {@code utf-8-addr-xtext}, ASCII
 * with every other character, and {@code +}, {@code =} and {@code \}, written {@code \x{HEX}}; and
 * {@code utf-8-addr-unitext}, the same with UTF-8 characters as themselves. Both are read (and the
 * {@code +XX} of plain xtext, which some clients send); the xtext form is written.
 *
 * <p>The address ends up in report header fields and in the next hop's RCPT, so decoding refuses
 * controls, and non-ASCII characters that only deceive a reader (as on the command line).
 */
final class Utf8AddressText {

    /** RFC 6533 HEXPOINT: at most six hex digits. */
    private static final int MAX_HEX = 6;

    private Utf8AddressText() {
    }

    static Optional<String> decode(String text) {
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            int c = text.codePointAt(i);
            if (c == '\\') {
                int close = text.indexOf('}', i);
                if (!text.startsWith("\\x{", i) || close < 0 || close - (i + 3) < 1 || close - (i + 3) > MAX_HEX) {
                    return Optional.empty();
                }
                int escaped;
                try {
                    escaped = HexFormat.fromHexDigits(text, i + 3, close);
                } catch (IllegalArgumentException e) {
                    return Optional.empty();
                }
                if (!(escaped == '+' || escaped == '=' || escaped == '\\' || (escaped > 0x20 && escaped < 0x7f)
                        || (escaped >= 0x80 && escaped <= Character.MAX_CODE_POINT && Utf8Arguments.allowed(escaped)))) {
                    return Optional.empty();
                }
                out.appendCodePoint(escaped);
                i = close + 1;
            } else if (c == '+') {
                Optional<String> octet = Xtext.decode(text.substring(i, Math.min(i + 3, text.length())));
                if (octet.isEmpty() || octet.get().equals(" ")) {
                    return Optional.empty();
                }
                out.append(octet.get());
                i += 3;
            } else if ((c > 0x20 && c < 0x7f && c != '=') || (c >= 0x80 && Utf8Arguments.allowed(c))) {
                out.appendCodePoint(c);
                i += Character.charCount(c);
            } else {
                return Optional.empty();
            }
        }
        return out.isEmpty() ? Optional.empty() : Optional.of(out.toString());
    }

    /** {@code address} as {@code utf-8-addr-xtext}: ASCII only. */
    static String encode(String address) {
        StringBuilder out = new StringBuilder(address.length() + 8);
        address.codePoints().forEach(c -> {
            if (c > 0x20 && c < 0x7f && c != '+' && c != '=' && c != '\\') {
                out.append((char) c);
            } else {
                out.append("\\x{").append(Integer.toHexString(c).toUpperCase(Locale.ROOT)).append('}');
            }
        });
        return out.toString();
    }
}
