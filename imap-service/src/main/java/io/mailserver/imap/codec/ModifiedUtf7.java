package io.mailserver.imap.codec;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Mailbox names in IMAP4rev1 are modified UTF-7 (RFC 3501 §5.1.3); storage keeps them as UTF-8.
 * Names are encoded on the way out (LIST) and decoded on the way in (SELECT, LIST patterns).
 */
public final class ModifiedUtf7 {

    private static final Base64.Encoder ENCODER = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getDecoder();

    private ModifiedUtf7() {
    }

    public static String encode(String name) {
        StringBuilder out = new StringBuilder(name.length() + 8);
        int i = 0;
        while (i < name.length()) {
            char c = name.charAt(i);
            if (c >= 0x20 && c <= 0x7e) {
                out.append(c == '&' ? "&-" : String.valueOf(c));
                i++;
                continue;
            }
            int start = i;
            while (i < name.length() && (name.charAt(i) < 0x20 || name.charAt(i) > 0x7e)) {
                i++;
            }
            byte[] utf16 = name.substring(start, i).getBytes(StandardCharsets.UTF_16BE);
            out.append('&').append(ENCODER.encodeToString(utf16).replace('/', ',')).append('-');
        }
        return out.toString();
    }

    /**
     * True when {@code name} is modified UTF-7 in its one canonical form (printable ASCII as itself,
     * everything else base64-encoded, "&" as "&-"): the form a new mailbox name must have, so no
     * two spellings ever name one mailbox.
     */
    public static boolean isCanonical(String name) {
        return encode(decode(name)).equals(name);
    }

    /** Decodes {@code name}; a name that is not valid modified UTF-7 (or not ASCII) is returned unchanged. */
    public static String decode(String name) {
        if (name.indexOf('&') < 0) {
            return name;
        }
        StringBuilder out = new StringBuilder(name.length());
        int i = 0;
        while (i < name.length()) {
            char c = name.charAt(i);
            if (c > 0x7e) {
                return name;
            }
            if (c != '&') {
                out.append(c);
                i++;
                continue;
            }
            int end = name.indexOf('-', i + 1);
            if (end < 0) {
                return name;
            }
            if (end == i + 1) {
                out.append('&');
            } else {
                try {
                    byte[] utf16 = DECODER.decode(name.substring(i + 1, end).replace(',', '/'));
                    if (utf16.length % 2 != 0) {
                        return name;
                    }
                    out.append(StandardCharsets.UTF_16BE.newDecoder().decode(ByteBuffer.wrap(utf16)));
                } catch (IllegalArgumentException | java.nio.charset.CharacterCodingException e) {
                    return name;
                }
            }
            i = end + 1;
        }
        return out.toString();
    }
}
