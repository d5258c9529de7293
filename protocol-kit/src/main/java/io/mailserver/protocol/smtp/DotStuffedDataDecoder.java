package io.mailserver.protocol.smtp;

import io.vertx.core.buffer.Buffer;

/**
 * Resumable decoder of dot-stuffed data: feed it the bytes that follow the 354 reply, chunk by
 * chunk; it returns the content with stuffing dots removed and says where the terminating
 * CRLF "." CRLF ended, so bytes after it (pipelined commands) go back to command parsing.
 *
 * <p>The CRLF before the terminating dot belongs to the content (it ends the last line). Content past
 * {@code maxSize} bytes is dropped, not buffered, while the decoder keeps looking for the end, so
 * the server can answer 552 at the right moment (RFC 5321 §4.5.3.1.10).
 */
public final class DotStuffedDataDecoder {

    private enum State {
        /** At the start of a line (after CRLF, or at the very beginning). */
        LINE_START,
        IN_LINE,
        /** The previous content byte was CR. */
        AFTER_CR,
        /** A line began with "."; the dot is held back. */
        DOT,
        /** A line began with "." CR; both are held back. */
        DOT_CR,
        DONE
    }

    private final long maxSize;
    private State state = State.LINE_START;
    private long size;
    private boolean overflowed;

    public DotStuffedDataDecoder(long maxSize) {
        this.maxSize = maxSize;
    }

    /**
     * Decodes bytes {@code [from, input.length())} of {@code input}.
     *
     * @return the content decoded from them and how many input bytes were consumed
     */
    public Chunk decode(Buffer input, int from) {
        if (state == State.DONE) {
            throw new IllegalStateException("data already ended");
        }
        Buffer out = Buffer.buffer(Math.max(16, input.length() - from));
        int i = from;
        int end = input.length();
        while (i < end) {
            byte b = input.getByte(i++);
            switch (state) {
                case LINE_START -> {
                    if (b == '.') {
                        state = State.DOT;
                    } else {
                        emit(out, b);
                        state = b == '\r' ? State.AFTER_CR : State.IN_LINE;
                    }
                }
                case IN_LINE -> {
                    emit(out, b);
                    if (b == '\r') {
                        state = State.AFTER_CR;
                    }
                }
                case AFTER_CR -> {
                    emit(out, b);
                    state = b == '\n' ? State.LINE_START : b == '\r' ? State.AFTER_CR : State.IN_LINE;
                }
                case DOT -> {
                    if (b == '\r') {
                        state = State.DOT_CR;
                    } else {
                        // A stuffing dot: drop it and keep the rest of the line (RFC 5321 §4.5.2).
                        emit(out, b);
                        state = State.IN_LINE;
                    }
                }
                case DOT_CR -> {
                    if (b == '\n') {
                        state = State.DONE;
                        return new Chunk(out, i - from, true);
                    }
                    // "." CR followed by something else: the dot was stuffing, the CR is content.
                    emit(out, (byte) '\r');
                    emit(out, b);
                    state = b == '\r' ? State.AFTER_CR : State.IN_LINE;
                }
                case DONE -> throw new IllegalStateException("unreachable");
            }
        }
        return new Chunk(out, i - from, false);
    }

    private void emit(Buffer out, byte b) {
        if (size >= maxSize) {
            overflowed = true;
            return;
        }
        size++;
        out.appendByte(b);
    }

    /** True once content beyond the size limit was dropped. */
    public boolean overflowed() {
        return overflowed;
    }

    /** Content bytes kept so far. */
    public long size() {
        return size;
    }

    public boolean done() {
        return state == State.DONE;
    }

    /**
     * @param content  decoded content (possibly empty)
     * @param consumed input bytes used, terminator included when {@code ended}
     * @param ended    whether the terminating CRLF "." CRLF was consumed
     */
    public record Chunk(Buffer content, int consumed, boolean ended) {
    }
}
