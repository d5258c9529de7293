package io.mailserver.smtp.mailauth;

import java.util.ArrayList;
import java.util.List;

/**
 * A message split into header fields and body without decoding anything: DKIM hashes bytes, and any
 * interpretation (charsets, MIME) would change what is hashed. Lines end with CRLF; a bare LF or CR is
 * content, since the server only accepts CRLF-terminated lines.
 *
 * @param headers the header fields, top first
 * @param bytes the whole message
 * @param bodyStart the offset of the body's first byte (the message length when there is no body)
 */
public record RawMessage(List<HeaderField> headers, byte[] bytes, int bodyStart) {

    public RawMessage {
        headers = List.copyOf(headers);
    }

    public static RawMessage parse(byte[] message) {
        List<HeaderField> headers = new ArrayList<>();
        int fieldStart = -1;
        int pos = 0;
        while (pos < message.length) {
            int lineEnd = crlfAt(message, pos);
            boolean continuation = fieldStart >= 0 && HeaderField.isWsp(message[pos]);
            if (!continuation && fieldStart >= 0) {
                addField(headers, message, fieldStart, pos - 2);
                fieldStart = -1;
            }
            if (lineEnd == pos) {
                return new RawMessage(headers, message, lineEnd + 2);
            }
            if (!continuation) {
                fieldStart = pos;
            }
            if (lineEnd < 0) {
                // a header section cut short: its last line ends the field, and there is no body
                addField(headers, message, fieldStart, message.length);
                return new RawMessage(headers, message, message.length);
            }
            pos = lineEnd + 2;
        }
        if (fieldStart >= 0) {
            addField(headers, message, fieldStart, message.length - 2);
        }
        return new RawMessage(headers, message, message.length);
    }

    /** The index of the next CRLF at or after {@code from}, or -1. */
    private static int crlfAt(byte[] bytes, int from) {
        for (int i = from; i + 1 < bytes.length; i++) {
            if (bytes[i] == '\r' && bytes[i + 1] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static void addField(List<HeaderField> headers, byte[] message, int from, int to) {
        byte[] raw = new byte[to - from];
        System.arraycopy(message, from, raw, 0, raw.length);
        headers.add(HeaderField.of(raw));
    }
}
