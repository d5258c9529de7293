package io.mailserver.protocol.smtp;

import io.vertx.core.buffer.Buffer;

/**
 * Streaming dot-stuffer for content sent as a multi-line response (POP3 RETR/TOP) or as SMTP DATA
 * by a client: a line starting with "." gets a second one, and {@link #finish()} closes the data
 * with CRLF "." CRLF, adding the CRLF a last line without one lacks.
 */
public final class DotStuffingEncoder {

    private boolean lineStart = true;
    private boolean afterCr;

    public Buffer encode(Buffer content) {
        Buffer out = Buffer.buffer(content.length() + 16);
        int runStart = 0;
        for (int i = 0; i < content.length(); i++) {
            byte b = content.getByte(i);
            if (lineStart && b == '.') {
                out.appendBuffer(content, runStart, i - runStart);
                out.appendByte((byte) '.');
                runStart = i;
            }
            lineStart = afterCr && b == '\n';
            afterCr = b == '\r';
        }
        out.appendBuffer(content, runStart, content.length() - runStart);
        return out;
    }

    /** The terminator, preceded by CRLF unless the content ended with one (or was empty). */
    public Buffer finish() {
        return lineStart ? Buffer.buffer(".\r\n") : Buffer.buffer("\r\n.\r\n");
    }
}
