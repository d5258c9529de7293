package io.mailserver.smtp.codec;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Command arguments that may carry UTF-8 (RFC 6531 addresses). Command lines arrive as bytes, one
 * char per octet; this decodes them strictly and keeps out characters that have no business in an
 * address and only help to deceive whoever reads it later, in a mail client, a log or a queue
 * listing: controls, format characters (bidi overrides, zero-width joiners, tags), separators,
 * private use and unassigned code points.
 */
public final class Utf8Arguments {

    private Utf8Arguments() {
    }

    /** The arguments as Unicode, or null when they are not UTF-8 or hold a refused character. */
    static String decode(String octets) {
        boolean ascii = true;
        for (int i = 0; i < octets.length() && ascii; i++) {
            ascii = octets.charAt(i) < 0x80;
        }
        if (ascii) {
            return octets;
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(octets.getBytes(StandardCharsets.ISO_8859_1)))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
        return text.codePoints().allMatch(cp -> cp < 0x80 || allowed(cp)) ? text : null;
    }

    /** Whether a non-ASCII code point may stand in an address. */
    public static boolean allowed(int codePoint) {
        return switch (Character.getType(codePoint)) {
            case Character.CONTROL, Character.FORMAT, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                    Character.SPACE_SEPARATOR, Character.PRIVATE_USE, Character.UNASSIGNED, Character.SURROGATE -> false;
            default -> true;
        };
    }
}
