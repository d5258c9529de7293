package io.mailserver.protocol.lines;

import io.vertx.core.buffer.Buffer;

/**
 * Frames content as a dot-stuffed multi-line body (POP3 RETR/TOP, RFC 1939 §3; SMTP DATA as a
 * client, RFC 5321 §4.5.2), so that no stored byte can end it early or forge what follows: every line
 * ends in CRLF whatever line endings the content has ({@link CrlfNormalizer}), a line starting with
 * "." gets a second one, and {@link #finish()} closes the body with CRLF "." CRLF, adding the CRLF a
 * last line without one lacks. A reader that splits lines at LF and one that insists on CRLF
 * therefore read the same lines and end at the same place.
 */
public final class DotStuffingEncoder {

    private final CrlfNormalizer normalizer = new CrlfNormalizer();
    private boolean lineStart = true;
    private boolean afterCr;

    public Buffer encode(Buffer content) {
        return stuff(normalizer.normalize(content));
    }

    /** The terminator, preceded by whatever completes the last line. */
    public Buffer finish() {
        Buffer out = stuff(normalizer.finish());
        return out.appendBuffer(lineStart ? Buffer.buffer(".\r\n") : Buffer.buffer("\r\n.\r\n"));
    }

    /** Bare CRs and LFs repaired so far. */
    public long repairedLineEndings() {
        return normalizer.repaired();
    }

    private Buffer stuff(Buffer normalized) {
        Buffer out = Buffer.buffer(normalized.length() + 16);
        int runStart = 0;
        for (int i = 0; i < normalized.length(); i++) {
            byte b = normalized.getByte(i);
            if (lineStart && b == '.') {
                out.appendBuffer(normalized, runStart, i - runStart);
                out.appendByte((byte) '.');
                runStart = i;
            }
            lineStart = afterCr && b == '\n';
            afterCr = b == '\r';
        }
        out.appendBuffer(normalized, runStart, normalized.length() - runStart);
        return out;
    }
}
