package io.mailserver.pop3.reply;

import io.vertx.core.buffer.Buffer;

/**
 * Shapes the output of RFC 1939 §7 TOP msg n from the header section and the body section of a
 * message: the whole header, exactly one blank line after it, then the body up to and including
 * the n-th line ending. Fed in chunks; holds at most four bytes of state.
 */
public final class TopExcerpt {

    private static final byte LF = '\n';

    private final long lines;
    private long headerLength;
    /** The last four header bytes, newest in the lowest byte. */
    private int headerTail;
    private boolean headerEnded;
    private long linesSent;

    public TopExcerpt(long lines) {
        this.lines = lines;
    }

    /** Header bytes pass through unchanged. */
    public Buffer header(Buffer chunk) {
        if (headerEnded) {
            throw new IllegalStateException("header already ended");
        }
        for (int i = 0; i < chunk.length(); i++) {
            headerTail = (headerTail << 8) | (chunk.getByte(i) & 0xff);
        }
        headerLength += chunk.length();
        return chunk;
    }

    /**
     * Ends the header and returns what completes it to end in an empty line: nothing when the header
     * section already carries the separating blank line, otherwise the missing line ending(s).
     */
    public Buffer endHeader() {
        if (headerEnded) {
            return Buffer.buffer();
        }
        headerEnded = true;
        boolean endsWithCrlf = headerLength >= 2 && (headerTail & 0xffff) == 0x0d0a;
        boolean endsWithBlankLine = headerLength == 2 && endsWithCrlf
                || headerLength >= 4 && headerTail == 0x0d0a0d0a;
        if (endsWithBlankLine) {
            return Buffer.buffer();
        }
        if (headerLength == 0 || endsWithCrlf) {
            return Buffer.buffer("\r\n");
        }
        return Buffer.buffer("\r\n\r\n");
    }

    public boolean headerEnded() {
        return headerEnded;
    }

    /** The part of a body chunk that belongs to the first n lines; empty once they are all sent. */
    public Buffer body(Buffer chunk) {
        if (!headerEnded) {
            throw new IllegalStateException("header not ended");
        }
        if (complete()) {
            return Buffer.buffer();
        }
        for (int i = 0; i < chunk.length(); i++) {
            // A line ends at LF; in a CRLF message that is the end of its CRLF.
            if (chunk.getByte(i) == LF) {
                linesSent++;
                if (linesSent == lines) {
                    return chunk.getBuffer(0, i + 1);
                }
            }
        }
        return chunk;
    }

    /** True when the header has ended and n body lines have been sent: the rest is not needed. */
    public boolean complete() {
        return headerEnded && linesSent >= lines;
    }
}
