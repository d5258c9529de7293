package io.mailserver.protocol.io;

import io.vertx.core.buffer.Buffer;

/**
 * The bytes a client has sent and a session has not consumed yet, read either as CRLF-terminated
 * lines or as raw byte runs (IMAP literals, SMTP DATA), switching freely between the two.
 *
 * <p>A line longer than the limit is not buffered: its bytes are dropped as they arrive and, once its
 * CRLF is seen, {@link LineRead.TooLong} is returned so the session can answer the error in step
 * with the client.
 */
public final class InputBuffer {

    private static final int COMPACT_THRESHOLD = 8192;

    private Buffer data = Buffer.buffer();
    private int position;
    /** Where the CRLF search resumes, so a line arriving byte by byte is not rescanned from its start. */
    private int scanFrom;
    /** True while dropping the rest of an over-long line. */
    private boolean discardingLine;
    private long discardedBytes;

    public void append(Buffer chunk) {
        data.appendBuffer(chunk);
    }

    public int readable() {
        return data.length() - position;
    }

    /**
     * Reads the next line without its CRLF.
     *
     * @param maxLength the longest line accepted, CRLF excluded
     */
    public LineRead readLine(int maxLength) {
        int end = data.length();
        int from = Math.max(scanFrom, position);
        for (int i = from; i < end; i++) {
            if (data.getByte(i) == '\n' && i > position && data.getByte(i - 1) == '\r') {
                return completeLine(i, maxLength);
            }
        }
        scanFrom = end;
        int pending = end - position;
        // Keep one byte: it may be the CR of a CRLF whose LF has not arrived yet.
        if (pending > maxLength + 1) {
            discardingLine = true;
            int drop = pending - 1;
            discardedBytes += drop;
            position += drop;
            scanFrom = position;
            compact();
        }
        return LineRead.Incomplete.INSTANCE;
    }

    private LineRead completeLine(int lfIndex, int maxLength) {
        int lineStart = position;
        int lineLength = lfIndex - 1 - lineStart;
        position = lfIndex + 1;
        scanFrom = position;
        if (discardingLine || lineLength > maxLength) {
            long total = discardedBytes + lineLength;
            discardingLine = false;
            discardedBytes = 0;
            compact();
            return new LineRead.TooLong(total);
        }
        Buffer line = data.getBuffer(lineStart, lineStart + lineLength);
        compact();
        return new LineRead.Line(line);
    }

    /** Takes up to {@code max} buffered bytes (fewer when fewer are buffered; empty when none). */
    public Buffer readBytes(long max) {
        int n = (int) Math.min(max, readable());
        Buffer out = data.getBuffer(position, position + n);
        position += n;
        scanFrom = Math.max(scanFrom, position);
        compact();
        return out;
    }

    /** Takes every buffered byte. */
    public Buffer readAll() {
        return readBytes(readable());
    }

    /**
     * Drops everything buffered and returns how much that was. Called when a connection switches to
     * TLS: plaintext pipelined after STARTTLS/STLS must never be executed as if it came over TLS
     * (CVE-2011-0411 and its many descendants).
     */
    public int discard() {
        int n = readable();
        data = Buffer.buffer();
        position = 0;
        scanFrom = 0;
        discardingLine = false;
        discardedBytes = 0;
        return n;
    }

    private void compact() {
        if (position == data.length()) {
            data = Buffer.buffer();
            scanFrom -= position;
            position = 0;
        } else if (position >= COMPACT_THRESHOLD) {
            data = data.getBuffer(position, data.length());
            scanFrom -= position;
            position = 0;
        }
        if (scanFrom < 0) {
            scanFrom = 0;
        }
    }
}
