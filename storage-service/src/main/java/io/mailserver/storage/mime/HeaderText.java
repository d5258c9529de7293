package io.mailserver.storage.mime;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Header bytes as text. Headers are ASCII, UTF-8 (RFC 6532) or, from old software, some 8-bit
 * charset: valid UTF-8 is read as UTF-8 and anything else as ISO-8859-1, so no byte is ever lost to a
 * replacement character.
 */
public final class HeaderText {

    private HeaderText() {
    }

    public static String decode(byte[] raw, int from, int to, boolean unfold) {
        int length = to - from;
        byte[] bytes = raw;
        int offset = from;
        if (unfold) {
            bytes = new byte[length];
            int n = 0;
            for (int i = from; i < to; i++) {
                byte b = raw[i];
                if (b != '\r' && b != '\n') {
                    bytes[n++] = b;
                }
            }
            offset = 0;
            length = n;
        }
        boolean ascii = true;
        for (int i = offset; i < offset + length; i++) {
            if (bytes[i] < 0) {
                ascii = false;
                break;
            }
        }
        if (ascii) {
            return new String(bytes, offset, length, StandardCharsets.US_ASCII);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, offset, length))
                    .toString();
        } catch (CharacterCodingException e) {
            return new String(bytes, offset, length, StandardCharsets.ISO_8859_1);
        }
    }

    /** PostgreSQL text cannot hold NUL; a NUL in a header or body text is dropped from the index copy. */
    public static String withoutNul(String text) {
        return text.indexOf('\0') < 0 ? text : text.replace("\0", "");
    }
}
